using System.IO.Compression;
using System.Security;
using System.Text;

namespace CitizenBot.Core.Demand.Export;

/// <summary>
/// A minimal Office Open XML workbook (one sheet, inline strings, numbers as numbers, a bold header row), written
/// with System.IO.Compression: the five parts Excel and LibreOffice need, no library. Text is neutralized like CSV
/// and stripped of characters XML cannot hold.
/// </summary>
public static class XlsxExport
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static async Task WriteAsync(ReportTable table, Stream stream, CancellationToken ct)
    {
        // ZipArchive needs a seekable stream or synchronous writes: build in memory (reports are small), then copy.
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            Part(zip, "[Content_Types].xml", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>
                """);
            Part(zip, "_rels/.rels", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>
                """);
            Part(zip, "xl/workbook.xml", $"""
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="{Escape(SheetName(table.Title))}" sheetId="1" r:id="rId1"/></sheets></workbook>
                """);
            Part(zip, "xl/_rels/workbook.xml.rels", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>
                """);
            Part(zip, "xl/styles.xml", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs><cellXfs count="2"><xf fontId="0"/><xf fontId="1" applyFont="1"/></cellXfs></styleSheet>
                """);
            Part(zip, "xl/worksheets/sheet1.xml", Sheet(table, ct));
        }
        buffer.Position = 0;
        await buffer.CopyToAsync(stream, ct);
    }

    static string Sheet(ReportTable table, CancellationToken ct)
    {
        var xml = new StringBuilder("""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>""");
        Row(xml, 1, table.Headers.Select(h => new ReportCell(h)).ToList(), style: 1);
        var r = 1;
        foreach (var row in table.Rows)
        {
            ct.ThrowIfCancellationRequested();
            Row(xml, ++r, row, style: 0);
        }
        return xml.Append("</sheetData></worksheet>").ToString();
    }

    static void Row(StringBuilder xml, int number, IReadOnlyList<ReportCell> cells, int style)
    {
        xml.Append($"<row r=\"{number}\">");
        for (var i = 0; i < cells.Count; i++)
        {
            var reference = Column(i) + number;
            var styleAttribute = style > 0 ? $" s=\"{style}\"" : "";
            if (cells[i].Number is { } n && double.IsFinite(n))
                xml.Append($"<c r=\"{reference}\"{styleAttribute}><v>{n.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}</v></c>");
            else
                xml.Append($"<c r=\"{reference}\" t=\"inlineStr\"{styleAttribute}><is><t xml:space=\"preserve\">{Escape(cells[i].SafeText)}</t></is></c>");
        }
        xml.Append("</row>");
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
        var clean = new string(title.Where(c => c is not (':' or '\\' or '/' or '?' or '*' or '[' or ']')).ToArray()).Trim();
        return clean.Length == 0 ? "Sheet1" : clean.Length > 31 ? clean[..31] : clean;
    }

    /// <summary>XML-escaped, without the control characters XML 1.0 forbids.</summary>
    static string Escape(string text) =>
        SecurityElement.Escape(new string(text.Where(c => c is '\t' or '\n' or '\r' || c >= ' ' && c != '\uFFFE' && c != '\uFFFF').ToArray())) ?? "";

    static void Part(ZipArchive zip, string name, string content)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Fastest);
        using var stream = entry.Open();
        var bytes = new UTF8Encoding(false).GetBytes(content.Trim());
        stream.Write(bytes);
    }
}
