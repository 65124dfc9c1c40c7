using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using nietras.SeparatedValues;

namespace CitizenBot.Core.Provinces;

/// <summary>A row of a spreadsheet as text, with its 1-based row number as the official sees it in Excel.</summary>
public sealed record SheetRow(int Number, IReadOnlyList<string> Cells)
{
    public string Cell(int column) => column >= 0 && column < Cells.Count ? Cells[column] : "";
}

/// <summary>The file cannot be read as a spreadsheet at all (so nothing of it is applied).</summary>
public sealed class UnreadableListException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Reads the first sheet of an XLSX workbook (Open XML SDK) or a CSV file (Sep; UTF-8 with or without BOM,
/// comma, semicolon or tab) into rows of text. Anything else — a legacy .xls, a PDF, CSV in a non-UTF-8 code page — is
/// <see cref="UnreadableListException"/>.
/// </summary>
public static class SpreadsheetReader
{
    public const long MaxBytes = 20 * 1024 * 1024;

    public static IReadOnlyList<SheetRow> Read(Stream stream, string fileName)
    {
        using var buffer = new MemoryStream();
        CopyLimited(stream, buffer);
        buffer.Position = 0;
        var zip = buffer.Length >= 4 && buffer.GetBuffer() is [0x50, 0x4B, 0x03, 0x04, ..];
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        if (zip) return ReadXlsx(buffer);
        if (extension is ".xlsx" or ".xlsm") throw new UnreadableListException($"{fileName}: not an XLSX workbook (an .xlsx file is a zip archive).");
        if (extension is ".xls") throw new UnreadableListException($"{fileName}: the old Excel 97–2003 format is not read; save it as .xlsx or CSV UTF-8.");
        return ReadCsv(buffer, fileName);
    }

    static void CopyLimited(Stream source, MemoryStream target)
    {
        var chunk = new byte[81920];
        int n;
        while ((n = source.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (target.Length + n > MaxBytes) throw new UnreadableListException($"The file is larger than {MaxBytes / 1024 / 1024} MB.");
            target.Write(chunk, 0, n);
        }
    }

    static IReadOnlyList<SheetRow> ReadXlsx(MemoryStream buffer)
    {
        try
        {
            using var document = SpreadsheetDocument.Open(buffer, isEditable: false);
            var workbook = document.WorkbookPart ?? throw new UnreadableListException("The workbook has no sheets.");
            var firstSheet = workbook.Workbook.Sheets?.Elements<Sheet>().FirstOrDefault() ?? throw new UnreadableListException("The workbook has no sheets.");
            var part = (WorksheetPart)workbook.GetPartById(firstSheet.Id!.Value!);
            var shared = workbook.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(i => i.InnerText).ToList() ?? [];
            var rows = new List<SheetRow>();
            var next = 1;
            foreach (var row in part.Worksheet.Descendants<Row>())
            {
                var number = row.RowIndex?.Value is { } index ? (int)index : next;
                next = number + 1;
                var cells = new List<string>();
                foreach (var cell in row.Elements<Cell>())
                {
                    var column = cell.CellReference?.Value is { } reference ? ColumnIndex(reference) : cells.Count;
                    while (cells.Count < column) cells.Add("");
                    cells.Add(Text(cell, shared));
                }
                rows.Add(new SheetRow(number, cells));
            }
            return rows;
        }
        catch (Exception e) when (e is not UnreadableListException and (InvalidDataException or OpenXmlPackageException or System.Xml.XmlException or InvalidOperationException or FormatException or KeyNotFoundException or ArgumentException))
        {
            throw new UnreadableListException("The file is not a readable XLSX workbook: " + e.Message, e);
        }
    }

    static string Text(Cell cell, List<string> shared)
    {
        if (cell.DataType?.Value == CellValues.InlineString) return cell.InlineString?.InnerText.Trim() ?? "";
        var raw = cell.CellValue?.Text ?? "";
        if (cell.DataType?.Value == CellValues.SharedString)
            return int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < shared.Count ? shared[i].Trim() : "";
        return raw.Trim();
    }

    /// <summary>"C12" → 2.</summary>
    static int ColumnIndex(string reference)
    {
        var index = 0;
        foreach (var c in reference)
        {
            if (c is < 'A' or > 'Z') break;
            index = index * 26 + (c - 'A' + 1);
        }
        return index - 1;
    }

    static IReadOnlyList<SheetRow> ReadCsv(MemoryStream buffer, string fileName)
    {
        var strictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        try
        {
            // Decoding the whole file first finds a non-UTF-8 file before any row is used.
            using var decoder = new StreamReader(buffer, strictUtf8, detectEncodingFromByteOrderMarks: true);
            var text = decoder.ReadToEnd();
            var options = new SepReaderOptions(Separator(text)) { HasHeader = false, Unescape = true, DisableColCountCheck = true };
            using var reader = options.FromText(text);
            var rows = new List<SheetRow>();
            foreach (var row in reader)
            {
                var cells = new string[row.ColCount];
                for (var i = 0; i < cells.Length; i++) cells[i] = row[i].ToString().Trim();
                rows.Add(new SheetRow(row.RowIndex + 1, cells));
            }
            return rows;
        }
        catch (DecoderFallbackException e)
        {
            throw new UnreadableListException($"{fileName}: not UTF-8 text; save it as \"CSV UTF-8\" or as .xlsx.", e);
        }
        catch (InvalidDataException e)
        {
            throw new UnreadableListException($"{fileName}: not a readable CSV file: {e.Message}", e);
        }
    }

    /// <summary>Comma, semicolon (Excel in a Vietnamese locale) or tab: whichever the first lines use most.</summary>
    static Sep Separator(string text)
    {
        var head = string.Join('\n', text.Split('\n', 31).Take(30));
        var best = new[] { ',', ';', '\t' }.MaxBy(c => head.Count(x => x == c));
        return new Sep(best);
    }
}
