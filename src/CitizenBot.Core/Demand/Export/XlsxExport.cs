using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace CitizenBot.Core.Demand.Export;

/// <summary>
/// A one-sheet workbook written with the Open XML SDK (DocumentFormat.OpenXml): inline strings, numbers as numbers, a
/// bold header row; the rows are streamed with <see cref="OpenXmlWriter"/>, so a large report is not built as a DOM.
/// Text is neutralized like CSV (<see cref="ReportCell.SafeText"/>) and stripped of characters XML cannot hold.
/// </summary>
public static class XlsxExport
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>The cell style of the header row (bold); 0 is the default style.</summary>
    const uint HeaderStyle = 1;

    public static async Task WriteAsync(ReportTable table, Stream stream, CancellationToken ct)
    {
        // The package needs a seekable stream: build in memory (reports are small), then copy.
        using var buffer = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(buffer, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            workbook.AddNewPart<WorkbookStylesPart>().Stylesheet = Styles();
            var sheet = workbook.AddNewPart<WorksheetPart>();
            using (var writer = OpenXmlWriter.Create(sheet))
            {
                writer.WriteStartElement(new Worksheet());
                writer.WriteStartElement(new SheetData());
                writer.WriteElement(Row(1, table.Headers.Select(h => new ReportCell(h)).ToList(), HeaderStyle));
                var r = 1;
                foreach (var row in table.Rows)
                {
                    ct.ThrowIfCancellationRequested();
                    writer.WriteElement(Row(++r, row, style: null));
                }
                writer.WriteEndElement();
                writer.WriteEndElement();
            }
            workbook.Workbook.AppendChild(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheet), SheetId = 1, Name = SheetName(table.Title) }));
        }
        buffer.Position = 0;
        await buffer.CopyToAsync(stream, ct);
    }

    /// <summary>The default font and a bold one (style 1), with the fill, border and format lists Excel requires.</summary>
    static Stylesheet Styles() => new(
        new Fonts(Font(bold: false), Font(bold: true)),
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })),
        new Borders(new Border()),
        new CellStyleFormats(new CellFormat()),
        new CellFormats(new CellFormat { FontId = 0 }, new CellFormat { FontId = 1, ApplyFont = true }));

    static Font Font(bool bold)
    {
        var font = new Font(new FontSize { Val = 11 }, new FontName { Val = "Calibri" });
        if (bold) font.PrependChild(new Bold());
        return font;
    }

    static Row Row(int number, IReadOnlyList<ReportCell> cells, uint? style)
    {
        var row = new Row { RowIndex = (uint)number };
        for (var i = 0; i < cells.Count; i++)
        {
            var cell = new Cell { CellReference = Column(i) + number, StyleIndex = style };
            if (cells[i].Number is { } n && double.IsFinite(n))
                cell.CellValue = new CellValue(n);
            else
            {
                cell.DataType = CellValues.InlineString;
                cell.InlineString = new InlineString(new Text(XmlSafe(cells[i].SafeText)) { Space = SpaceProcessingModeValues.Preserve });
            }
            row.Append(cell);
        }
        return row;
    }

    /// <summary>A, B, …, Z, AA, AB, …</summary>
    static string Column(int index)
    {
        var name = "";
        for (index++; index > 0; index = (index - 1) / 26)
            name = (char)('A' + (index - 1) % 26) + name;
        return name;
    }

    static string SheetName(string title)
    {
        var clean = new string(XmlSafe(title).Where(c => c is not (':' or '\\' or '/' or '?' or '*' or '[' or ']')).ToArray()).Trim();
        return clean.Length == 0 ? "Sheet1" : clean.Length > 31 ? clean[..31] : clean;
    }

    /// <summary>The text without the control characters XML 1.0 forbids (the SDK escapes the rest).</summary>
    static string XmlSafe(string text) =>
        new(text.Where(c => c is '\t' or '\n' or '\r' || c >= ' ' && c != '\uFFFE' && c != '\uFFFF').ToArray());
}
