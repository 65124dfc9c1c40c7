namespace CitizenBot.Core.Presentation;

/// <summary>Documents that apply in one case ("Trường hợp ủy quyền", "Hồ sơ đề nghị … của cá nhân"), or to everyone (Case null).</summary>
public sealed record DocumentGroup(string? Case, IReadOnlyList<DocumentItem> Items);

/// <summary>
/// Groups a checklist by the case the portal writes in front of a document ("Hồ sơ của cá nhân: Giấy khám sức khoẻ")
/// so a helper reads the case once and ticks short items. A prefix counts as a case when two or more documents share
/// it or when it is long enough to be one (<see cref="LoneCase"/>); a short lone "Giấy tờ sau: …" stays whole. Order is kept.
/// </summary>
public static class DocumentGroups
{
    const int MinCase = 8;
    const int MaxCase = 320;
    /// <summary>A prefix this long is a case even when only one document has it ("Đăng ký thường trú tại chỗ ở … của mình: …").</summary>
    const int LoneCase = 40;

    public static IReadOnlyList<DocumentGroup> Group(IReadOnlyList<DocumentItem> documents)
    {
        var split = documents.Select(d => (Doc: d, Case: CaseOf(d.Name))).ToList();
        var shared = split.Where(x => x.Case is not null).GroupBy(x => x.Case!).Where(g => g.Count() >= 2 || g.Key.Length >= LoneCase)
            .Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        var groups = new List<(string? Case, List<DocumentItem> Items)>();
        foreach (var (doc, @case) in split)
        {
            var key = @case is not null && shared.Contains(@case) ? @case : null;
            var item = key is null ? doc : doc with { Name = doc.Name[(key.Length + 1)..].Trim() };
            if (item.Name.Length > 0) item = item with { Name = char.ToUpperInvariant(item.Name[0]) + item.Name[1..] };
            var existing = groups.FindIndex(g => g.Case == key);
            if (existing >= 0) groups[existing].Items.Add(item);
            else groups.Add((key, [item]));
        }
        // Documents for everyone first, then each case in the order it first appears.
        return groups.OrderBy(g => g.Case is null ? 0 : 1).Select(g => new DocumentGroup(g.Case, g.Items)).ToList();
    }

    /// <summary>
    /// The documents as a checklist: those every applicant needs first, then those that apply only in a case (under a
    /// case prefix, or worded as one: <see cref="IsConditional"/>), the papers named in most cases first ("Tờ khai" asked
    /// in each case counts once, ahead of a paper one case needs); otherwise catalogue order. The same paper (by
    /// <see cref="Gist"/>) is listed once.
    /// </summary>
    public static IReadOnlyList<DocumentItem> Checklist(IReadOnlyList<DocumentItem> documents)
    {
        var items = Group(documents)
            .SelectMany(g => g.Items.Select(d => (Doc: d, Conditional: g.Case is not null || IsConditional(d.Name), Gist: Gist(d.Name))))
            .Select((x, i) => (x.Doc, x.Conditional, x.Gist, Index: i))
            .ToList();
        var cases = items.GroupBy(x => x.Gist).ToDictionary(g => g.Key, g => g.Count());
        return items.OrderBy(x => x.Conditional ? 1 : 0).ThenByDescending(x => x.Conditional ? cases[x.Gist] : 0).ThenBy(x => x.Index)
            .DistinctBy(x => x.Gist).Select(x => x.Doc).ToList();
    }

    static readonly string[] CasePrefixes = ["trường hợp", "đối với", "nếu ", "riêng "];
    static readonly string[] CasePhrases = ["trong trường hợp", "đối với trường hợp", "(nếu có)", ", nếu có"];

    /// <summary>
    /// A document only some applicants need: it starts with its case ("Trường hợp trẻ em bị bỏ rơi…", "Nếu …"), names
    /// one ("… trong trường hợp ủy quyền") or is needed only if it exists ("Biên bản đối thoại (nếu có)"). A case
    /// given as an alternative after the paper ("Giấy chứng sinh; trường hợp không có…") does not make it conditional.
    /// </summary>
    public static bool IsConditional(string name) =>
        CasePrefixes.Any(p => name.StartsWith(p, StringComparison.OrdinalIgnoreCase)) ||
        CasePhrases.Any(p => name.Contains(p, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The document's name without its qualifications: up to the first "; ", " (" or ". " ("Giấy chứng sinh; trường hợp
    /// không có…" → "Giấy chứng sinh"), then shortened to <paramref name="maxLength"/>. The full wording stays on the
    /// page, the printed sheet and the chat's full list.
    /// </summary>
    public static string Gist(string name, int maxLength = GistLength)
    {
        var cut = new[] { "; ", " (", ". " }.Select(s => name.IndexOf(s, StringComparison.Ordinal)).Where(i => i >= MinGist).DefaultIfEmpty(name.Length).Min();
        return ShortText.Shorten(name[..cut].TrimEnd('.', ',', ':', ';', ' '), maxLength);
    }

    const int MinGist = 12;
    const int GistLength = 70;

    static string? CaseOf(string name)
    {
        var colon = name.IndexOf(':');
        if (colon < MinCase || colon > MaxCase || colon == name.Length - 1) return null;
        return name[..colon].Trim();
    }
}
