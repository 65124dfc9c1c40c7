namespace CitizenBot.Core.Demand.Export;

/// <summary>A report as a plain table: what the CSV, XLSX and console writers all take.</summary>
public sealed record ReportTable(string Title, IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<ReportCell>> Rows);

/// <summary>One cell: text (citizen text included, so never trusted), or a number we computed.</summary>
public readonly record struct ReportCell(string Text, double? Number = null)
{
    public static implicit operator ReportCell(string? text) => new(text ?? "");
    public static implicit operator ReportCell(int number) => new(number.ToString(System.Globalization.CultureInfo.InvariantCulture), number);

    public static ReportCell Of(double number, string format) =>
        new(number.ToString(format, System.Globalization.CultureInfo.InvariantCulture), number);

    /// <summary>
    /// Text a spreadsheet would run as a formula (starting with =, +, -, @, tab or carriage return) gets a leading
    /// apostrophe, so it shows as text (OWASP "CSV injection"). Numbers we computed are written as numbers.
    /// </summary>
    public static string Neutralize(string text) =>
        text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' or '\n' ? "'" + text : text;

    /// <summary>What a spreadsheet cell holds: the number's text, or the neutralized text.</summary>
    public string SafeText => Number is not null ? Text : Neutralize(Text);
}
