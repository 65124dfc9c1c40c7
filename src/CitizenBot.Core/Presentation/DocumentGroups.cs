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

    static string? CaseOf(string name)
    {
        var colon = name.IndexOf(':');
        if (colon < MinCase || colon > MaxCase || colon == name.Length - 1) return null;
        return name[..colon].Trim();
    }
}
