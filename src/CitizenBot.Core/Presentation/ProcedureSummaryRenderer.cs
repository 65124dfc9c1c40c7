using System.Text;

namespace CitizenBot.Core.Presentation;

/// <summary>
/// The short hand-over text a helper pastes into Zalo or an SMS: name, online mode, fee, time, 3–6 key documents and
/// the link. Plain text only (Zalo and SMS show it as typed), and short: long catalogue sentences are cut on a word.
/// </summary>
public static class ProcedureSummaryRenderer
{
    public const int MaxDocuments = 6;
    const int NameLength = 120;
    const int FactLength = 110;
    const int DocumentLength = 80;

    public static string Render(ProcedureView v)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"{ProcedureView.Shorten(v.Name, NameLength)} (mã {v.Code})");
        sb.AppendLine($"{Labels.Online}: {v.Online.Badge.ToLowerInvariant()} – {ModeHint(v)}");
        if (v.FeeSummary is { } fee) sb.AppendLine($"{Labels.Fee}: {ProcedureView.Shorten(fee, FactLength)}");
        if (v.TimeSummary is { } time) sb.AppendLine($"{Labels.Time}: {ProcedureView.Shorten(time, FactLength)}");
        var key = KeyDocuments(v.Documents);
        if (key.Count > 0)
        {
            sb.AppendLine("Giấy tờ chính:");
            foreach (var d in key)
                sb.AppendLine("- " + Gist(d.Name) + (d.MustPresentOnly ? " (bản chính để đối chiếu)" : ""));
            if (v.Documents.Count > key.Count) sb.AppendLine($"(và {v.Documents.Count - key.Count} giấy tờ khác tùy trường hợp, xem link)");
        }
        sb.Append(v.Online.Mode is "toan-trinh" or "mot-phan" ? "Nộp trực tuyến: " : "Chi tiết: ").AppendLine(v.Link.Url);
        return sb.ToString();
    }

    /// <summary>
    /// Up to <see cref="MaxDocuments"/> documents: those every applicant needs first, then the ones that apply only in a
    /// case ("Trường hợp…", "Đối với…", "Nếu…"), each kept in catalogue order.
    /// </summary>
    public static IReadOnlyList<DocumentItem> KeyDocuments(IReadOnlyList<DocumentItem> documents) =>
        documents.Select((d, i) => (d, i)).OrderBy(x => IsConditional(x.d.Name) ? 1 : 0).ThenBy(x => x.i)
            .Select(x => x.d).DistinctBy(d => d.Name).Take(MaxDocuments).ToList();

    static readonly string[] CasePrefixes = ["trường hợp", "đối với", "nếu ", "riêng "];
    static readonly string[] CasePhrases = ["trong trường hợp", "đối với trường hợp"];

    /// <summary>A document only some applicants need: it starts with its case, or names one ("… trong trường hợp ủy quyền").</summary>
    public static bool IsConditional(string name) =>
        CasePrefixes.Any(p => name.StartsWith(p, StringComparison.OrdinalIgnoreCase)) ||
        CasePhrases.Any(p => name.Contains(p, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The document's name without its qualifications: up to the first "; ", " (" or ". " ("Giấy chứng sinh; trường hợp
    /// không có…" → "Giấy chứng sinh"), then shortened. The full wording stays on the page and the printed sheet.
    /// </summary>
    public static string Gist(string name)
    {
        var cut = new[] { "; ", " (", ". " }.Select(s => name.IndexOf(s, StringComparison.Ordinal)).Where(i => i >= MinGist).DefaultIfEmpty(name.Length).Min();
        return ProcedureView.Shorten(name[..cut].TrimEnd('.', ',', ':', ';', ' '), DocumentLength);
    }

    const int MinGist = 12;

    static string ModeHint(ProcedureView v) => v.Online.Mode switch
    {
        "toan-trinh" => "làm hoàn toàn trên mạng",
        "mot-phan" => "nộp hồ sơ trên mạng, vẫn có bước phải đến trực tiếp",
        "khong-truc-tuyen" => "phải nộp trực tiếp",
        _ => "chưa rõ, hỏi bộ phận một cửa",
    };
}
