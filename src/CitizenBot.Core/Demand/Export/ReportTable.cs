using System.Buffers;
using System.Globalization;
using System.Text;

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

    /// <summary>Characters a spreadsheet starts a formula with: = + - @ and their full-width and small forms.</summary>
    static readonly SearchValues<char> FormulaStarts = SearchValues.Create("=+-@\uFF1D\uFF0B\uFF0D\uFF20\uFE66\uFE62\uFE63\uFE6B");

    /// <summary>Where a spreadsheet may start a new cell inside our text: a CSV opened with another separator, a paste.</summary>
    static readonly SearchValues<char> CellSeparators = SearchValues.Create(",;\t\r\n");

    /// <summary>
    /// Text a spreadsheet would run as a formula gets an apostrophe, so it shows as text (OWASP "CSV injection"):
    /// wherever a cell could begin — at the start and after every separator (<c>,</c> <c>;</c> tab, CR, LF), since a
    /// spreadsheet opened with another separator or a paste splits our text there — when the first character after any
    /// whitespace, control or format characters (<c>\x01=HYPERLINK(…)</c>, a zero-width space) starts a formula, the
    /// apostrophe goes at that cell's start. Text starting with a tab or CR is marked too. Numbers we computed are
    /// written as numbers.
    /// </summary>
    public static string Neutralize(string text)
    {
        StringBuilder? safe = null;
        var copied = 0;
        for (var cell = 0; cell < text.Length;)
        {
            var first = cell;
            while (first < text.Length && IsInvisible(text[first])) first++;
            var formula = first < text.Length && FormulaStarts.Contains(text[first]) || cell == 0 && text[0] is '\t' or '\r';
            if (formula)
            {
                safe ??= new StringBuilder(text.Length + 4);
                safe.Append(text, copied, cell - copied).Append('\'');
                copied = cell;
            }
            var separator = text.AsSpan(cell).IndexOfAny(CellSeparators);
            if (separator < 0) break;
            cell += separator + 1;
        }
        return safe is null ? text : safe.Append(text, copied, text.Length - copied).ToString();
    }

    static bool IsInvisible(char c) =>
        char.IsWhiteSpace(c) || char.IsControl(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format;

    /// <summary>What a spreadsheet cell holds: the number's text, or the neutralized text.</summary>
    public string SafeText => Number is not null ? Text : Neutralize(Text);
}
