using System.Text.RegularExpressions;
using CitizenBot.Core.Analysis;
using CitizenBot.Core.Catalogue;

namespace CitizenBot.Core.Provinces;

/// <summary>A row left out of an import, with why, for the official to fix.</summary>
public sealed record RejectedRow(int Row, string Code, string Reason)
{
    public override string ToString() => $"dòng {Row}{(Code.Length > 0 ? $" ({Code})" : "")}: {Reason}";
}

/// <summary>What a file holds: the accepted entries, every rejected row, and where the header was found.</summary>
public sealed record ProvinceListImport(IReadOnlyList<ProvinceServiceEntry> Entries, IReadOnlyList<RejectedRow> Rejected, int HeaderRow, IReadOnlyList<string> Columns);

/// <summary>
/// Reads a province's published list of online services. Provinces publish it in different shapes: title rows above
/// the header, column names that vary ("Mã TTHC" or "Mã thủ tục", "Mức độ DVC" or "DVC trực tuyến", "Đường dẫn" or
/// "URL"), modes written as "Toàn trình", "Một phần", "Mức độ 4", "Mức 4" or "4". Each row becomes an entry or a
/// <see cref="RejectedRow"/> (unknown code, bad mode, link not http(s) or not on a *.gov.vn host, code twice).
/// A file without a recognisable header is <see cref="UnreadableListException"/>.
/// </summary>
public static partial class ProvinceListImporter
{
    /// <summary>How far down the header row may be (below the decision's title lines).</summary>
    const int HeaderSearchRows = 30;

    enum Column { Code, Name, Mode, Url, Field, Agency, Level }

    /// <summary>Header names, folded (no diacritics, lower case, single spaces): exact names first, then words a header may contain.</summary>
    static readonly (Column Column, string[] Exact, string[] Contains)[] HeaderNames =
    [
        (Column.Code, ["ma tthc", "ma thu tuc", "ma so tthc", "ma so thu tuc", "ma thu tuc hanh chinh", "ma"], ["ma tthc", "ma thu tuc"]),
        (Column.Name, ["ten thu tuc", "ten tthc", "ten thu tuc hanh chinh", "thu tuc hanh chinh"], ["ten thu tuc", "ten tthc"]),
        (Column.Mode, ["muc do dvc", "muc do", "dvc truc tuyen", "muc do dvctt", "muc do dich vu cong", "muc do dich vu cong truc tuyen", "hinh thuc dvc", "dich vu cong truc tuyen"],
            ["muc do", "dvc truc tuyen", "dich vu cong truc tuyen"]),
        (Column.Url, ["duong dan", "link", "url", "duong link", "dia chi truc tuyen", "lien ket"], ["duong dan", "link", "url"]),
        (Column.Field, ["linh vuc"], ["linh vuc"]),
        (Column.Agency, ["co quan thuc hien", "co quan giai quyet"], ["co quan"]),
        (Column.Level, ["cap thuc hien"], ["cap thuc hien"]),
    ];

    public static ProvinceListImport Import(IReadOnlyList<SheetRow> rows, ICatalogue catalogue)
    {
        var (headerIndex, columns) = FindHeader(rows);
        var entries = new List<ProvinceServiceEntry>();
        var rejected = new List<RejectedRow>();
        var firstRow = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in rows.Skip(headerIndex + 1))
        {
            if (row.Cells.All(string.IsNullOrWhiteSpace)) continue;
            var rawCode = row.Cell(columns[Column.Code]);
            if (rawCode.Length == 0)
            {
                // A group heading inside the table ("I. Lĩnh vực Hộ tịch") has no code: not a service, not an error.
                if (columns.TryGetValue(Column.Mode, out var m) && row.Cell(m).Length == 0) continue;
                rejected.Add(new RejectedRow(row.Number, "", "thiếu mã thủ tục"));
                continue;
            }
            var code = NormalizeCode(rawCode);
            string? Optional(Column c) => columns.TryGetValue(c, out var i) && row.Cell(i) is { Length: > 0 } v ? v : null;
            string? reason = null;
            OnlineMode mode = default;
            string? url = null;
            if (catalogue.FindByCode(code) is null) reason = $"mã thủ tục '{rawCode}' không có trong danh mục";
            else if (!TryParseMode(row.Cell(columns[Column.Mode]), out mode)) reason = $"mức độ '{row.Cell(columns[Column.Mode])}' không hiểu được (dùng Toàn trình, Một phần, Mức độ 4, Mức độ 3 hoặc Không)";
            else if (Optional(Column.Url) is { } link && !TryGovernmentUrl(link, out url)) reason = $"đường dẫn '{Presentation.ShortText.Shorten(link, 80)}' không phải http(s) trên tên miền nhà nước (*.gov.vn)";
            else if (firstRow.TryGetValue(code, out var first)) reason = $"mã thủ tục lặp lại (đã có ở dòng {first})";
            if (reason is not null)
            {
                rejected.Add(new RejectedRow(row.Number, code, reason));
                continue;
            }
            firstRow[code] = row.Number;
            entries.Add(new ProvinceServiceEntry(code, mode, url, Optional(Column.Field), Optional(Column.Agency), Optional(Column.Level)));
        }
        return new ProvinceListImport(entries, rejected, rows[headerIndex].Number,
            columns.OrderBy(c => c.Value).Select(c => rows[headerIndex].Cell(c.Value)).ToList());
    }

    /// <summary>The first row that names a code column and a mode column; which column is which.</summary>
    static (int Index, Dictionary<Column, int> Columns) FindHeader(IReadOnlyList<SheetRow> rows)
    {
        for (var r = 0; r < Math.Min(rows.Count, HeaderSearchRows); r++)
        {
            var names = rows[r].Cells.Select(Fold).ToList();
            var columns = new Dictionary<Column, int>();
            foreach (var (column, exact, contains) in HeaderNames)
            {
                var free = Enumerable.Range(0, names.Count).Where(i => !columns.ContainsValue(i)).ToList();
                var at = free.FirstOrDefault(i => exact.Contains(names[i]), -1);
                if (at < 0) at = free.FirstOrDefault(i => names[i].Length > 0 && contains.Any(names[i].Contains), -1);
                if (at >= 0) columns[column] = at;
            }
            if (columns.ContainsKey(Column.Code) && columns.ContainsKey(Column.Mode)) return (r, columns);
        }
        throw new UnreadableListException(
            $"Không thấy dòng tiêu đề trong {HeaderSearchRows} dòng đầu: cần một cột mã thủ tục (\"Mã TTHC\" hoặc \"Mã thủ tục\") và một cột mức độ (\"Mức độ DVC\", \"Mức độ\" hoặc \"DVC trực tuyến\").");
    }

    /// <summary>"Toàn trình", "Mức độ 4", "Mức 4", "4" → toàn trình; "Một phần", "Mức độ 3", "3" → một phần; "Không", "Mức độ 2" → không trực tuyến.</summary>
    public static bool TryParseMode(string text, out OnlineMode mode)
    {
        var key = Fold(text).Replace("dich vu cong truc tuyen", "").Replace("dvc truc tuyen", "").Replace("dvctt", "").Trim();
        mode = key switch
        {
            "toan trinh" or "muc do 4" or "muc 4" or "4" => OnlineMode.FullyOnline,
            "mot phan" or "muc do 3" or "muc 3" or "3" => OnlineMode.Partial,
            "khong" or "khong truc tuyen" or "chua" or "chua truc tuyen" or "muc do 2" or "muc 2" or "2" or "muc do 1" or "muc 1" or "1" => OnlineMode.Offline,
            _ => (OnlineMode)(-1),
        };
        return Enum.IsDefined(mode);
    }

    /// <summary>An absolute http(s) link whose host is gov.vn or ends in .gov.vn (the provinces' portals and dichvucong.gov.vn).</summary>
    public static bool TryGovernmentUrl(string text, out string? url)
    {
        url = null;
        if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || !string.IsNullOrEmpty(uri.UserInfo))
            return false;
        var host = uri.IdnHost.ToLowerInvariant();
        if (host != "gov.vn" && !host.EndsWith(".gov.vn", StringComparison.Ordinal)) return false;
        url = uri.AbsoluteUri;
        return true;
    }

    /// <summary>Excel stores "1.001200" typed as a number as 1.0012: the trailing zeros come back.</summary>
    static string NormalizeCode(string text)
    {
        var code = text.Trim();
        return ShortenedCode().IsMatch(code) ? code.PadRight(8, '0') : code;
    }

    static string Fold(string text) =>
        string.Join(' ', VietnameseText.Fold(VietnameseText.Normalize(text).ToLowerInvariant())
            .Split([' ', '\t', '\n', '\r', '(', ')', ':', '.', '/'], StringSplitOptions.RemoveEmptyEntries));


    [GeneratedRegex(@"^\d\.\d{1,5}$")]
    private static partial Regex ShortenedCode();
}
