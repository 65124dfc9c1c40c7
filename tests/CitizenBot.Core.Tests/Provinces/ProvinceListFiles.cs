using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace CitizenBot.Core.Tests.Provinces;

/// <summary>Small province-list files made by the tests: XLSX as Excel writes it (shared strings, numbers) and CSV.</summary>
static class ProvinceListFiles
{
    /// <summary>An XLSX workbook, first sheet = rows; a cell that parses as a number is stored as one (as Excel does with "1.0012").</summary>
    public static MemoryStream Xlsx(IEnumerable<string[]> rows, bool numbersAsNumbers = true)
    {
        var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var sheetPart = workbook.AddNewPart<WorksheetPart>();
            var shared = workbook.AddNewPart<SharedStringTablePart>();
            shared.SharedStringTable = new SharedStringTable();
            var strings = new List<string>();
            var data = new SheetData();
            uint r = 0;
            foreach (var row in rows)
            {
                r++;
                var xmlRow = new Row { RowIndex = r };
                for (var c = 0; c < row.Length; c++)
                {
                    if (row[c].Length == 0) continue; // Excel leaves empty cells out: references must place the rest.
                    var reference = (char)('A' + c) + r.ToString();
                    if (numbersAsNumbers && double.TryParse(row[c], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var n))
                        xmlRow.Append(new Cell { CellReference = reference, CellValue = new CellValue(n) });
                    else
                    {
                        var index = strings.IndexOf(row[c]);
                        if (index < 0) { strings.Add(row[c]); index = strings.Count - 1; shared.SharedStringTable.Append(new SharedStringItem(new Text(row[c]))); }
                        xmlRow.Append(new Cell { CellReference = reference, DataType = CellValues.SharedString, CellValue = new CellValue(index) });
                    }
                }
                data.Append(xmlRow);
            }
            sheetPart.Worksheet = new Worksheet(data);
            var sheets = workbook.Workbook.AppendChild(new Sheets());
            sheets.Append(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = "Danh mục" });
        }
        stream.Position = 0;
        return stream;
    }

    /// <summary>CSV text in UTF-8, with or without the byte order mark Excel writes for "CSV UTF-8".</summary>
    public static MemoryStream Csv(string text, bool bom) =>
        new([.. (bom ? Encoding.UTF8.GetPreamble() : []), .. Encoding.UTF8.GetBytes(text)]);
}
