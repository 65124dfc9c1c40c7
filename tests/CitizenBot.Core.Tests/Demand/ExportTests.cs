using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using System.IO.Compression;
using System.Text;
using System.Xml.Linq;
using CitizenBot.Core.Demand.Export;

namespace CitizenBot.Core.Tests.Demand;

public sealed class ExportTests
{
    static readonly ReportTable Table = new("Thử",
        ["Câu hỏi", "Số lượt"],
        [
            ["=HYPERLINK(\"http://evil.example\",\"bấm\")", 3],
            ["+1+1", 1],
            ["-2+3", ReportCell.Of(-2, "0")],
            ["@SUM(A1:A2)", 0],
            ["\tcmd", 0],
            ["\r=1", 0],
            ["câu hỏi, có \"dấu nháy\"\nvà xuống dòng", 12],
        ]);

    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+84912", "'+84912")]
    [InlineData("-5", "'-5")]
    [InlineData("@cmd", "'@cmd")]
    [InlineData("\tx", "'\tx")]
    [InlineData("\rx", "'\rx")]
    [InlineData("bình thường = ok", "bình thường = ok")]
    [InlineData("", "")]
    // After leading control, whitespace or invisible characters.
    [InlineData("\u0001=HYPERLINK(\"http://evil.example\",\"bấm\")", "'\u0001=HYPERLINK(\"http://evil.example\",\"bấm\")")]
    [InlineData("  =1+1", "'  =1+1")]
    [InlineData("\u00A0\u200B@SUM(A1)", "'\u00A0\u200B@SUM(A1)")]
    [InlineData("\u001F\u007F-1", "'\u001F\u007F-1")]
    // Full-width and small forms.
    [InlineData("＝cmd|' /C calc'!A0", "'＝cmd|' /C calc'!A0")]
    [InlineData("＋1", "'＋1")]
    [InlineData("－1", "'－1")]
    [InlineData("＠SUM(A1)", "'＠SUM(A1)")]
    [InlineData("﹦1", "'﹦1")]
    // In every cell a spreadsheet could split the text into: after ; , tab, CR and LF.
    [InlineData("câu hỏi;=cmd|' /C calc'!A0", "câu hỏi;'=cmd|' /C calc'!A0")]
    [InlineData("a,=1+1", "a,'=1+1")]
    [InlineData("a, +1", "a,' +1")]
    [InlineData("a\t@SUM(A1)", "a\t'@SUM(A1)")]
    [InlineData("a\n-1+1", "a\n'-1+1")]
    [InlineData("a\r\u0001=1", "a\r'\u0001=1")]
    [InlineData("=1;=2", "'=1;'=2")]
    [InlineData("hỏi, đáp; xong", "hỏi, đáp; xong")]
    public void Text_that_a_spreadsheet_would_run_is_neutralized(string text, string expected) =>
        Assert.Equal(expected, ReportCell.Neutralize(text));

    [Fact]
    public async Task An_exported_csv_read_back_has_every_cell_as_written_and_no_cell_a_spreadsheet_would_run()
    {
        string[] payloads =
        [
            "=HYPERLINK(\"http://evil.example\",\"bấm\")", "+1+1", "-2+3", "@SUM(A1:A2)", "\tcmd", "\r=1", "\u0001=HYPERLINK(\"x\")",
            "câu hỏi;=cmd|' /C calc'!A0", "a,=1", "dòng 1\n=1+1", "＝1+1", " \u200B=1", "bình thường, \"có nháy\"", "em là [TÊN]",
        ];
        var table = new ReportTable("Thử", ["Câu hỏi", "Số lượt"], payloads.Select((p, i) => (IReadOnlyList<ReportCell>)[p, i]).ToList());
        using var stream = new MemoryStream();
        await CsvExport.WriteAsync(table, stream, CancellationToken.None);

        stream.Position = 0;
        using var parser = new Microsoft.VisualBasic.FileIO.TextFieldParser(stream, Encoding.UTF8)
        {
            TextFieldType = Microsoft.VisualBasic.FileIO.FieldType.Delimited, HasFieldsEnclosedInQuotes = true, TrimWhiteSpace = false,
        };
        parser.SetDelimiters(",");
        Assert.Equal(["Câu hỏi", "Số lượt"], parser.ReadFields()!);
        for (var i = 0; i < payloads.Length; i++)
        {
            var fields = parser.ReadFields()!;
            Assert.Equal([ReportCell.Neutralize(payloads[i]), i.ToString(System.Globalization.CultureInfo.InvariantCulture)], fields);
            Assert.Equal(payloads[i].Replace("'", ""), fields[0].Replace("'", "")); // Only apostrophes were added.
            // However a spreadsheet splits the cell, no piece starts a formula.
            foreach (var piece in fields[0].Split([',', ';', '\t', '\r', '\n']))
                Assert.DoesNotMatch(@"^[\s\p{C}]*[=+\-@＝＋－＠]", piece);
        }
        Assert.True(parser.EndOfData);
    }

    [Fact]
    public void Csv_is_rfc4180_with_formulas_neutralized_and_numbers_left_as_numbers()
    {
        var csv = CsvExport.ToText(Table);
        var lines = csv.Split("\r\n");
        Assert.Equal("Câu hỏi,Số lượt", lines[0]);
        Assert.Equal("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"bấm\"\")\",3", lines[1]);
        Assert.Equal("'+1+1,1", lines[2]);
        Assert.Equal("'-2+3,-2", lines[3]);
        Assert.Equal("'@SUM(A1:A2),0", lines[4]);
        Assert.Equal("'\tcmd,0", lines[5]);
        Assert.StartsWith("\"'\r'=1\",0", string.Join("\r\n", lines[6..]));
        Assert.Contains("\"câu hỏi, có \"\"dấu nháy\"\"\nvà xuống dòng\",12", csv);
        Assert.EndsWith("\r\n", csv);
    }

    [Fact]
    public async Task Csv_file_starts_with_a_utf8_bom_so_excel_reads_vietnamese()
    {
        using var stream = new MemoryStream();
        await CsvExport.WriteAsync(Table, stream, CancellationToken.None);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, stream.ToArray()[..3]);
        Assert.StartsWith("Câu hỏi,", Encoding.UTF8.GetString(stream.ToArray()[3..]));
    }

    [Fact]
    public async Task Xlsx_is_a_valid_workbook_with_inline_strings_numbers_and_no_formulas()
    {
        using var stream = new MemoryStream();
        await XlsxExport.WriteAsync(Table, stream, CancellationToken.None);
        stream.Position = 0;
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true))
            foreach (var entry in zip.Entries)
            {
                using var part = entry.Open();
                XDocument.Load(part); // Every part is well-formed XML.
            }
        stream.Position = 0;
        using var document = SpreadsheetDocument.Open(stream, isEditable: false);
        Assert.Empty(new OpenXmlValidator().Validate(document));
        var workbook = document.WorkbookPart!;
        var worksheet = ((WorksheetPart)workbook.GetPartById(workbook.Workbook.Sheets!.Elements<Sheet>().Single().Id!)).Worksheet;
        Assert.Empty(worksheet.Descendants<CellFormula>());
        var cells = worksheet.Descendants<Cell>().ToDictionary(c => c.CellReference!.Value!);
        Assert.Equal("'=HYPERLINK(\"http://evil.example\",\"bấm\")", cells["A2"].InnerText);
        Assert.Equal(CellValues.InlineString, cells["A2"].DataType!.Value);
        Assert.Equal("3", cells["B2"].CellValue!.Text);
        Assert.Null(cells["B2"].DataType);
        Assert.Equal("-2", cells["B4"].CellValue!.Text);
        Assert.Equal("Số lượt", cells["B1"].InnerText);
        // The header row is bold: its style's font is the bold one.
        var styles = workbook.WorkbookStylesPart!.Stylesheet;
        var format = styles.CellFormats!.Elements<CellFormat>().ElementAt((int)cells["A1"].StyleIndex!.Value);
        Assert.NotNull(styles.Fonts!.Elements<Font>().ElementAt((int)format.FontId!.Value).Bold);
        Assert.Null(cells["A2"].StyleIndex);
    }
}
