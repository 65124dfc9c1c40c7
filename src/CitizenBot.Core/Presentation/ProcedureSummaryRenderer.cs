using System.Text;

namespace CitizenBot.Core.Presentation;

/// <summary>
/// The short hand-over text a helper pastes into Zalo or an SMS: name, online mode, fee, time, 3–6 key documents and
/// the link. Plain text only (Zalo and SMS show it as typed), and short: long catalogue sentences are cut on a word,
/// and documents past the third are added only while the whole text stays within <see cref="TargetLength"/>.
/// </summary>
public static class ProcedureSummaryRenderer
{
    public const int MaxDocuments = 6;
    public const int MinDocuments = 3;
    /// <summary>About ten SMS segments of Vietnamese text; a Zalo message shows it without "xem thêm".</summary>
    public const int TargetLength = 700;
    const int NameLength = 110;
    const int FactLength = 100;
    const int DocumentLength = 70;

    public static string Render(ProcedureView v)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"{ShortText.Shorten(v.Name, NameLength)} (mã {v.Code})");
        sb.AppendLine($"{Labels.Online}: {v.Online.Badge.ToLowerInvariant()} ({v.Online.SourceShort}) – {ModeHint(v)}");
        if (Fact(v.Methods, m => m.Fee) is { } fee) sb.AppendLine($"{Labels.Fee}: {fee}");
        if (Fact(v.Methods, m => m.ProcessingTime) is { } time) sb.AppendLine($"{Labels.Time}: {time}");
        var candidates = DocumentGroups.Checklist(v.Documents);
        var link = (v.Online.Mode is "toan-trinh" or "mot-phan" ? "Nộp trực tuyến: " : "Chi tiết: ") + v.Link.Url;
        if (candidates.Count > 0)
        {
            sb.AppendLine("Giấy tờ chính:");
            var listed = 0;
            const int MoreLine = 60; // "(và N giấy tờ khác tùy trường hợp, xem link)"
            foreach (var d in candidates.Take(MaxDocuments))
            {
                var line = "- " + DocumentGroups.Gist(d.Name, DocumentLength) + (d.MustPresentOnly ? " (bản chính để đối chiếu)" : "");
                if (listed >= MinDocuments && sb.Length + line.Length + MoreLine + link.Length > TargetLength) break;
                sb.AppendLine(line);
                listed++;
            }
            if (candidates.Count > listed) sb.AppendLine($"(và {candidates.Count - listed} giấy tờ khác tùy trường hợp, xem link)");
        }
        sb.AppendLine(link);
        return sb.ToString();
    }

    /// <summary>
    /// One value when every channel agrees ("Miễn phí"); else each channel's first value, marked when that channel has
    /// several cases ("Trực tuyến: 2 ngày làm việc; Trực tiếp: 2 ngày làm việc (tùy trường hợp)").
    /// </summary>
    static string? Fact(IReadOnlyList<MethodItem> methods, Func<MethodItem, string?> pick)
    {
        var known = methods.Where(m => pick(m) is not null).ToList();
        if (known.Count == 0) return null;
        if (known.Select(pick).Distinct().Count() == 1) return ShortText.Shorten(pick(known[0])!, FactLength);
        return ShortText.Shorten(string.Join("; ", known.GroupBy(m => m.ChannelLabel).Select(g =>
        {
            var values = g.Select(pick).Distinct().ToList();
            return $"{g.Key}: {ShortText.Shorten(values[0]!, FactLength / 2)}" + (values.Count > 1 ? " (tùy trường hợp)" : "");
        })), FactLength + 20);
    }

    /// <summary>Up to <see cref="MaxDocuments"/> documents, in checklist order (<see cref="DocumentGroups.Checklist"/>).</summary>
    public static IReadOnlyList<DocumentItem> KeyDocuments(IReadOnlyList<DocumentItem> documents) => DocumentGroups.Checklist(documents).Take(MaxDocuments).ToList();

    /// <summary>How many papers the procedure names, the same paper under several cases counted once.</summary>


    static string ModeHint(ProcedureView v) => v.Online.Mode switch
    {
        "toan-trinh" => "làm hoàn toàn trên mạng",
        "mot-phan" => "nộp trên mạng, còn phải đến trực tiếp",
        "khong-truc-tuyen" => "phải nộp trực tiếp",
        _ => "chưa rõ, hỏi bộ phận một cửa",
    };
}
