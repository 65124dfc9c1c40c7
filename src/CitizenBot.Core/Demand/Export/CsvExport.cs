using System.Text;

namespace CitizenBot.Core.Demand.Export;

/// <summary>RFC 4180 CSV (comma, CRLF, fields quoted when they hold a comma, quote or line break), UTF-8 with BOM so Excel reads Vietnamese.</summary>
public static class CsvExport
{
    public static readonly Encoding Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: true);

    public static async Task WriteAsync(ReportTable table, Stream stream, CancellationToken ct)
    {
        await using var writer = new StreamWriter(stream, Encoding, 16 * 1024, leaveOpen: true) { NewLine = "\r\n" };
        await writer.WriteAsync(Line(table.Headers.Select(h => new ReportCell(h))));
        foreach (var row in table.Rows)
        {
            ct.ThrowIfCancellationRequested();
            await writer.WriteAsync(Line(row));
        }
        await writer.FlushAsync(ct);
    }

    public static string ToText(ReportTable table)
    {
        var text = new StringBuilder(Line(table.Headers.Select(h => new ReportCell(h))));
        foreach (var row in table.Rows) text.Append(Line(row));
        return text.ToString();
    }

    static string Line(IEnumerable<ReportCell> cells) => string.Join(',', cells.Select(c => Field(c.SafeText))) + "\r\n";

    static string Field(string text) =>
        text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + text.Replace("\"", "\"\"") + "\"" : text;
}
