using System.Text;
using CitizenBot.Core.Dialogs;

namespace CitizenBot.Core.Presentation;

/// <summary>
/// The procedure as Markdown (for pasting into a wiki, an issue or a chat that renders Markdown): a task list for the
/// documents, links as autolinks. Every catalogue string is escaped, so it shows as written and never as markup.
/// </summary>
public static class ProcedureMarkdownRenderer
{
    public static string Render(ProcedureView v)
    {
        var sb = new StringBuilder();
        sb.Append("# ").AppendLine(E(v.Name)).AppendLine();
        sb.AppendLine($"**{Labels.Code}:** {E(v.Code)} · **{Labels.Field}:** {E(v.Field)}" +
            (v.Levels.Count > 0 ? $" · **{Labels.Levels}:** {E(string.Join(", ", v.Levels))}" : ""));
        if (v.Province is { } province) sb.AppendLine().AppendLine($"**{Labels.Province}:** {E(province.Name)}");
        sb.AppendLine();

        sb.AppendLine($"**{Labels.Online}:** {E(v.Online.Title)}. {E(v.Online.Explanation)} _{E(v.Online.Source)}_");
        if (v.Online.StillInPerson.Count > 0)
        {
            sb.AppendLine();
            foreach (var item in v.Online.StillInPerson) sb.AppendLine("- " + E(item));
        }
        sb.AppendLine().AppendLine($"- {E(v.Link.Label)}: {Link(v.Link.Url)}");
        if (v.PortalBesideLink() is { } p)
            sb.AppendLine($"- {E($"{Labels.ProvincePortal} {p.Name}")}: {Link(p.PortalUrl)}");

        if (v.Description is { } description) Section(sb, Labels.Description).AppendLine(E(description));
        if (v.Documents.Count > 0)
        {
            Section(sb, Labels.Documents);
            foreach (var d in v.Documents) sb.AppendLine("- [ ] " + E(ProcedureTextRenderer.DocumentLine(d)));
        }
        if (v.Methods.Count > 0)
        {
            Section(sb, Labels.FeesAndTimes);
            foreach (var m in v.Methods) sb.AppendLine("- " + E(ProcedureTextRenderer.MethodLine(m)));
        }
        Section(sb, "Nơi nộp hồ sơ");
        if (v.Agency is { } agency) sb.AppendLine($"- **{Labels.Agency}:** {E(agency)}");
        if (v.SubmissionAddress is { } address) sb.AppendLine($"- **{Labels.SubmissionAddress}:** {E(address)}");
        if (v.Agency is null && v.SubmissionAddress is null) sb.AppendLine("- " + E(v.Where));
        if (v.Steps.Count > 0)
        {
            // One paragraph per portal line, its own markers ("- ", "(i)") escaped so they show as written.
            Section(sb, Labels.Steps);
            sb.AppendLine(string.Join("\n\n", v.Steps.Select(E)));
        }
        if (v.Conditions is { } conditions) Section(sb, Labels.Conditions).AppendLine(E(conditions));
        if (v.Result is { } result) Section(sb, Labels.Result).AppendLine(E(result));
        if (v.Applicants is { } applicants) Section(sb, Labels.Applicants).AppendLine(E(applicants));
        if (v.LegalBasis.Count > 0)
        {
            Section(sb, Labels.LegalBasis);
            foreach (var l in v.LegalBasis) sb.AppendLine("- " + E(ProcedureTextRenderer.LegalLine(l)));
        }
        return sb.ToString();
    }

    static string E(string text) => MarkdownText.Escape(text);

    /// <summary>An autolink: clickable, and nothing in it is read as Markdown.</summary>
    static string Link(string url) => Wording.Link(url);

    static StringBuilder Section(StringBuilder sb, string heading) => sb.AppendLine().Append("## ").AppendLine(E(heading)).AppendLine();
}
