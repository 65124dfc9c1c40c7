namespace CitizenBot.Core.Presentation;

/// <summary>The output formats of a procedure, by the names the CLI accepts.</summary>
public enum ProcedureFormat { Text, Json, Markdown, Summary }

public static class ProcedureRenderer
{
    public static IReadOnlyList<string> FormatNames { get; } = ["text", "json", "markdown", "summary"];

    public static bool TryParse(string? name, out ProcedureFormat format)
    {
        format = (name ?? "").Trim().ToLowerInvariant() switch
        {
            "text" or "txt" => ProcedureFormat.Text,
            "json" => ProcedureFormat.Json,
            "markdown" or "md" => ProcedureFormat.Markdown,
            "summary" or "tom-tat" => ProcedureFormat.Summary,
            _ => (ProcedureFormat)(-1),
        };
        return Enum.IsDefined(format);
    }

    public static string Render(ProcedureView view, ProcedureFormat format) => format switch
    {
        ProcedureFormat.Json => ProcedureJsonRenderer.Render(view),
        ProcedureFormat.Markdown => ProcedureMarkdownRenderer.Render(view),
        ProcedureFormat.Summary => ProcedureSummaryRenderer.Render(view),
        _ => ProcedureTextRenderer.Render(view),
    };
}
