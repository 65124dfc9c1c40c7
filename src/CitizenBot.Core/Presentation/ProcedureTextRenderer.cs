using System.Text;

namespace CitizenBot.Core.Presentation;

/// <summary>
/// The whole procedure as plain text for a terminal (`citizenbot show`): headings, a checklist with [ ] boxes, fees
/// and times per channel, then the reference parts. Nothing in it is markup, so catalogue text prints as written.
/// </summary>
public static class ProcedureTextRenderer
{
    public static string Render(ProcedureView v)
    {
        var sb = new StringBuilder();
        sb.AppendLine(v.Name);
        sb.AppendLine($"{Labels.Code}: {v.Code} · {Labels.Field}: {v.Field}" + (v.Levels.Count > 0 ? $" · {Labels.Levels}: {string.Join(", ", v.Levels)}" : ""));
        if (v.Province is { } province) sb.AppendLine($"{Labels.Province}: {province.Name}");
        sb.AppendLine();

        sb.AppendLine($"{Labels.Online}: {v.Online.Title}");
        sb.AppendLine("  " + v.Online.Explanation);
        sb.AppendLine("  " + v.Online.Source);
        foreach (var item in v.Online.StillInPerson) sb.AppendLine("  - " + item);
        sb.AppendLine($"{v.Link.Label}: {v.Link.Url}");
        if (v.PortalBesideLink() is { } p) sb.AppendLine($"{Labels.ProvincePortal} {p.Name}: {p.PortalUrl}");

        if (v.Description is { } description) Section(sb, Labels.Description).AppendLine("  " + description);

        if (v.Documents.Count > 0)
        {
            Section(sb, Labels.Documents);
            var n = 0;
            foreach (var d in v.Documents) sb.AppendLine($"  [ ] {++n}. {DocumentLine(d)}");
        }
        if (v.Methods.Count > 0)
        {
            Section(sb, Labels.FeesAndTimes);
            foreach (var m in v.Methods) sb.AppendLine("  - " + MethodLine(m));
        }
        Section(sb, "Nơi nộp hồ sơ");
        if (v.Agency is { } agency) sb.AppendLine($"  {Labels.Agency}: {agency}");
        if (v.SubmissionAddress is { } address) sb.AppendLine($"  {Labels.SubmissionAddress}: {address}");
        if (v.Agency is null && v.SubmissionAddress is null) sb.AppendLine("  " + v.Where);
        if (v.Steps.Count > 0)
        {
            // The portal's own lines, with their own markers ("Bước 1:", "- ", "(i)"): numbering them again would mislead.
            Section(sb, Labels.Steps);
            foreach (var step in v.Steps) sb.AppendLine("  " + step);
        }
        if (v.Conditions is { } conditions) Section(sb, Labels.Conditions).AppendLine("  " + conditions);
        if (v.Result is { } result) Section(sb, Labels.Result).AppendLine("  " + result);
        if (v.Applicants is { } applicants) Section(sb, Labels.Applicants).AppendLine("  " + applicants);
        if (v.LegalBasis.Count > 0)
        {
            Section(sb, Labels.LegalBasis);
            foreach (var l in v.LegalBasis) sb.AppendLine("  - " + LegalLine(l));
        }
        return sb.ToString();
    }

    /// <summary>"Giấy chứng sinh (1 bản chính)", or "… (mang bản chính để đối chiếu)" for papers only shown.</summary>
    public static string DocumentLine(DocumentItem d) =>
        d.MustPresentOnly ? $"{d.Name} ({Labels.PresentOnly})" : d.Quantity is { } q ? $"{d.Name} ({q})" : d.Name;

    /// <summary>"Trực tuyến: 1 ngày làm việc; lệ phí: Miễn phí".</summary>
    public static string MethodLine(MethodItem m)
    {
        var parts = new List<string>();
        if (m.ProcessingTime is { } time) parts.Add(time);
        if (m.Fee is { } fee) parts.Add($"{Labels.Fee.ToLowerInvariant()}: {fee}");
        if (m.Description is { } description) parts.Add(description);
        return $"{m.ChannelLabel}: " + (parts.Count > 0 ? string.Join("; ", parts) : "chưa có thông tin");
    }

    public static string LegalLine(LegalItem l) =>
        l.Number is { } number && !l.Title.Contains(number, StringComparison.Ordinal) ? $"{l.Title} ({number})" : l.Title;

    static StringBuilder Section(StringBuilder sb, string heading) => sb.AppendLine().AppendLine(heading + ":");
}
