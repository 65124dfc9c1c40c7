using System.Diagnostics;
using System.Text;
using CitizenBot.Core.Catalogue;
using CitizenBot.Core.Provinces;
using CitizenBot.Core.Tests.Presentation;

namespace CitizenBot.Core.Tests.Provinces;

public sealed class ProvinceListImporterTests(Xunit.Abstractions.ITestOutputHelper output)
{
    static ICatalogue Catalogue => PresentationTestData.Catalogue;

    static ProvinceListImport Import(Stream file, string name) => ProvinceListImporter.Import(SpreadsheetReader.Read(file, name), Catalogue);

    [Fact]
    public void Xlsx_with_title_rows_numeric_codes_and_decision_wording_is_read()
    {
        using var file = ProvinceListFiles.Xlsx(
        [
            ["DANH MỤC THỦ TỤC HÀNH CHÍNH CUNG CẤP DỊCH VỤ CÔNG TRỰC TUYẾN"],
            ["(Kèm theo Quyết định số 123/QĐ-UBND)"],
            [],
            ["STT", "Mã thủ tục", "Tên thủ tục", "Lĩnh vực", "Cơ quan thực hiện", "Cấp thực hiện", "Mức độ", "URL"],
            ["I", "", "Lĩnh vực Hộ tịch", "", "", "", "", ""],
            ["1", "1.001193", "Đăng ký khai sinh", "Hộ tịch", "UBND cấp xã", "Cấp xã", "Mức độ 4", "https://dichvucong.danang.gov.vn/khai-sinh"],
            ["2", "1.000894", "Đăng ký kết hôn", "Hộ tịch", "", "", "Mức 3", ""],
            ["3", "2.000908", "Cấp bản sao từ sổ gốc", "Chứng thực", "", "", "4", ""],
        ]);
        var import = Import(file, "danh-muc.xlsx");

        Assert.Equal(4, import.HeaderRow);
        Assert.Empty(import.Rejected);
        Assert.Equal(
            [
                new ProvinceServiceEntry("1.001193", OnlineMode.FullyOnline, "https://dichvucong.danang.gov.vn/khai-sinh", "Hộ tịch", "UBND cấp xã", "Cấp xã"),
                new ProvinceServiceEntry("1.000894", OnlineMode.Partial, null, "Hộ tịch"),
                new ProvinceServiceEntry("2.000908", OnlineMode.FullyOnline, null, "Chứng thực"),
            ], import.Entries);
    }

    [Fact]
    public void Excel_drops_trailing_zeros_of_a_code_typed_as_a_number_and_they_come_back()
    {
        var code = Catalogue.Procedures.Select(p => p.Code).First(c => c.EndsWith('0'));
        using var file = ProvinceListFiles.Xlsx([["Mã TTHC", "Mức độ DVC"], [code.TrimEnd('0'), "Toàn trình"]]);
        Assert.Equal(code, Assert.Single(Import(file, "x.xlsx").Entries).Code);
    }

    [Theory]
    [InlineData(true, ',')]
    [InlineData(false, ',')]
    [InlineData(true, ';')]
    public void Csv_in_utf8_with_or_without_bom_and_either_separator_is_read(bool bom, char separator)
    {
        var text = string.Join("\r\n",
            $"Mã TTHC{separator}Tên thủ tục{separator}DVC trực tuyến{separator}Đường dẫn",
            $"1.001193{separator}\"Đăng ký khai sinh{separator} kể cả \"\"quá hạn\"\"\"{separator}Toàn trình{separator}https://dichvucong.danang.gov.vn/a",
            $"1.000894{separator}Đăng ký kết hôn{separator}Một phần{separator}");
        using var file = ProvinceListFiles.Csv(text, bom);
        var import = Import(file, "list.csv");
        Assert.Equal(1, import.HeaderRow);
        Assert.Equal(["Mã TTHC", "Tên thủ tục", "DVC trực tuyến", "Đường dẫn"], import.Columns);
        Assert.Equal([("1.001193", OnlineMode.FullyOnline), ("1.000894", OnlineMode.Partial)], import.Entries.Select(e => (e.Code, e.Mode)));
    }

    [Theory]
    [InlineData("Toàn trình", OnlineMode.FullyOnline)]
    [InlineData("TOÀN TRÌNH", OnlineMode.FullyOnline)]
    [InlineData("DVC trực tuyến toàn trình", OnlineMode.FullyOnline)]
    [InlineData("Mức độ 4", OnlineMode.FullyOnline)]
    [InlineData("Mức 4", OnlineMode.FullyOnline)]
    [InlineData("4", OnlineMode.FullyOnline)]
    [InlineData("Một phần", OnlineMode.Partial)]
    [InlineData("mot phan", OnlineMode.Partial)]
    [InlineData("Mức độ 3", OnlineMode.Partial)]
    [InlineData("3", OnlineMode.Partial)]
    [InlineData("Mức độ 2", OnlineMode.Offline)]
    [InlineData("Không", OnlineMode.Offline)]
    public void Modes_are_read_in_the_ways_decisions_write_them(string text, OnlineMode expected)
    {
        Assert.True(ProvinceListImporter.TryParseMode(text, out var mode));
        Assert.Equal(expected, mode);
    }

    [Fact]
    public void Every_bad_row_is_named_with_its_row_number_and_reason_and_the_good_rows_are_kept()
    {
        var text = """
            Mã TTHC,Mức độ DVC,Link
            1.001193,Toàn trình,https://dichvucong.danang.gov.vn/ks
            9.999999,Toàn trình,
            1.000894,Mức độ 5,
            2.000908,Một phần,ftp://dichvucong.danang.gov.vn/x
            1.004222,Một phần,https://dichvucong-danang.com/x
            1.001193,Một phần,
            ,Toàn trình,
            1.004222,Một phần,https://evil.example/x.gov.vn
            """;
        using var file = ProvinceListFiles.Csv(text, bom: false);
        var import = Import(file, "list.csv");

        Assert.Equal(["1.001193"], import.Entries.Select(e => e.Code));
        Assert.Equal([3, 4, 5, 6, 7, 8, 9], import.Rejected.Select(r => r.Row));
        string Reason(int row) => import.Rejected.Single(r => r.Row == row).ToString();
        Assert.Contains("9.999999", Reason(3));
        Assert.Contains("không có trong danh mục", Reason(3));
        Assert.Contains("mức độ 'Mức độ 5'", Reason(4));
        Assert.Contains("*.gov.vn", Reason(5));
        Assert.Contains("*.gov.vn", Reason(6));
        Assert.Contains("lặp lại (đã có ở dòng 2)", Reason(7));
        Assert.Contains("thiếu mã thủ tục", Reason(8));
        Assert.Contains("*.gov.vn", Reason(9));
    }

    [Theory]
    [InlineData("https://dichvucong.danang.gov.vn/a?b=1", true)]
    [InlineData("http://gov.vn/", true)]
    [InlineData("HTTPS://DICHVUCONG.GOV.VN/thu-tuc", true)]
    [InlineData("https://danang.gov.vn.example.com/", false)]
    [InlineData("https://notgov.vn/", false)]
    [InlineData("https://user@dichvucong.gov.vn/", false)]
    [InlineData("javascript:alert(1)", false)]
    [InlineData("dichvucong.danang.gov.vn/a", false)]
    public void Links_must_be_http_or_https_on_a_government_host(string url, bool accepted) =>
        Assert.Equal(accepted, ProvinceListImporter.TryGovernmentUrl(url, out _));

    [Fact]
    public void A_file_that_is_not_a_list_is_unreadable_as_a_whole()
    {
        Assert.Throws<UnreadableListException>(() => Import(new MemoryStream("%PDF-1.7\n\u00e2\u00e3\u00cf\u00d3"u8.ToArray().Concat(new byte[] { 0xC0, 0xFF, 0x00 }).ToArray()), "list.pdf"));
        // Windows-1258 (or Latin-1) bytes are not UTF-8: refused rather than read as garbled names.
        Assert.Throws<UnreadableListException>(() => Import(new MemoryStream(Encoding.Latin1.GetBytes("Mã TTHC,Mức độ\n1.001193,Toàn trình")), "list.csv"));
        Assert.Throws<UnreadableListException>(() => Import(new MemoryStream("PK\u0003\u0004 truncated"u8.ToArray()), "list.xlsx"));
        var noHeader = Assert.Throws<UnreadableListException>(() => Import(ProvinceListFiles.Csv("Tên thủ tục,Ghi chú\nKhai sinh,x", bom: true), "list.csv"));
        Assert.Contains("Mã TTHC", noHeader.Message);
    }

    [Fact]
    public void A_list_of_2000_rows_is_read_whole_and_every_bad_row_named()
    {
        var codes = Catalogue.Procedures.Select(p => p.Code).ToList();
        var sb = new StringBuilder("Mã TTHC,Tên thủ tục,Mức độ DVC,Đường dẫn\n");
        var bad = 0;
        for (var i = 0; i < 2000; i++)
        {
            // The catalogue has fewer codes than rows: later rows repeat codes or use unknown ones, and are rejected.
            var code = i < codes.Count ? codes[i] : $"9.{i:000000}";
            if (i >= codes.Count) bad++;
            sb.Append($"{code},Thủ tục {i},{(i % 2 == 0 ? "Toàn trình" : "Mức độ 3")},https://dichvucong.danang.gov.vn/tt/{i}\n");
        }
        var bytes = Encoding.UTF8.GetBytes(sb.ToString());
        using var xlsx = ProvinceListFiles.Xlsx(sb.ToString().TrimEnd('\n').Split('\n').Select(l => l.Split(',')), numbersAsNumbers: false);

        var watch = Stopwatch.StartNew();
        var csvImport = Import(new MemoryStream(bytes), "big.csv");
        var csvTime = watch.Elapsed;
        watch.Restart();
        var xlsxImport = Import(xlsx, "big.xlsx");
        var xlsxTime = watch.Elapsed;
        // Timings are reported, not asserted: a shared CI machine makes a time limit flaky (speed is a benchmark's job).
        output.WriteLine($"2,000 rows: CSV {csvTime.TotalMilliseconds:0} ms, XLSX {xlsxTime.TotalMilliseconds:0} ms");

        foreach (var import in new[] { csvImport, xlsxImport })
        {
            Assert.Equal(codes.Count, import.Entries.Count);
            Assert.Equal(bad, import.Rejected.Count);
            Assert.Equal(Enumerable.Range(codes.Count + 2, bad), import.Rejected.Select(r => r.Row));
        }
    }
}
