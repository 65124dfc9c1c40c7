using System.Net;
using CitizenBot.Tests.Cli;
using CitizenBot.Tests.Infrastructure;
using CitizenBot.Tests.Lookup;
using Xunit.Abstractions;

namespace CitizenBot.Tests.Provinces;

/// <summary>
/// `citizenbot import-province` as an official runs it, then the host over real HTTP: the look-up page, the Zalo text
/// and the QR code follow Đà Nẵng's list for Đà Nẵng only.
/// </summary>
public sealed class ProvinceListHostTests(ITestOutputHelper output) : IDisposable
{
    const string Birth = "1.001193"; // Thủ tục đăng ký khai sinh: toàn trình nationally.
    const string DaNangLink = "https://dichvucong.danang.gov.vn/dvc/khai-sinh";
    readonly string _folder = Directory.CreateTempSubdirectory("citizenbot-province-host-").FullName;

    string WriteList(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public async Task An_imported_list_changes_the_lookup_page_summary_and_qr_code_for_that_province_only()
    {
        var dataDirectory = Path.Combine(_folder, "data");
        var list = WriteList("da-nang.csv", $"""
            DANH MỤC DỊCH VỤ CÔNG TRỰC TUYẾN (thử nghiệm)
            STT,Mã TTHC,Tên thủ tục,Mức độ DVC,Đường dẫn
            1,{Birth},Đăng ký khai sinh,Mức độ 3,{DaNangLink}
            2,9.999999,Không có,Toàn trình,
            3,1.000894,Đăng ký kết hôn,Toàn trình,http://example.com/ket-hon
            """);

        var dry = await CliRunner.RunAsync("import-province", "Đà Nẵng", list, "--dry-run", "--data-dir", dataDirectory);
        Assert.True(dry.ExitCode == 0, dry.Error);
        Assert.Contains("accepted 1 rows: toàn trình 0, một phần 1, không trực tuyến 0", dry.Output);
        Assert.Contains("dòng 4 (9.999999): mã thủ tục '9.999999' không có trong danh mục", dry.Output);
        Assert.Contains("dòng 5 (1.000894): đường dẫn 'http://example.com/ket-hon' không phải http(s) trên tên miền nhà nước", dry.Output);
        Assert.Contains("Dry run: nothing stored.", dry.Output);
        Assert.Contains("no uploaded list", (await CliRunner.RunAsync("province-versions", "da-nang", "--data-dir", dataDirectory)).Output);

        var stored = await CliRunner.RunAsync("import-province", "da-nang", list, "--data-dir", dataDirectory, "--by", "cán bộ thử");
        Assert.True(stored.ExitCode == 0, stored.Error);
        Assert.Contains("Stored as version 1 of Đà Nẵng by cán bộ thử", stored.Output);

        await using var host = await TestHost.StartAsync(("Storage:DataDirectory", dataDirectory));
        var (status, daNang, _) = await LookupHtml.GetAsync(host.Client, $"/tra-cuu/{Birth}?tinh=da-nang");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Dịch vụ công trực tuyến một phần", daNang);
        Assert.Contains("Mức độ theo danh mục dịch vụ công trực tuyến của Đà Nẵng", daNang);
        Assert.Contains($"href=\"{DaNangLink}\"", daNang);
        var (_, haNoi, _) = await LookupHtml.GetAsync(host.Client, $"/tra-cuu/{Birth}?tinh=ha-noi");
        Assert.Contains("Dịch vụ công trực tuyến toàn trình", haNoi);
        Assert.Contains("Hà Nội chưa công bố mức độ riêng", haNoi);
        Assert.DoesNotContain(DaNangLink, haNoi);

        var summary = await host.Client.GetStringAsync($"/tra-cuu/{Birth}/tom-tat.txt?tinh=da-nang");
        Assert.Contains("Trực tuyến: một phần (theo Đà Nẵng)", summary);
        Assert.Contains("Nộp trực tuyến: " + DaNangLink, summary);

        // The search page's mode filter uses the province's mode.
        var (_, partialInDaNang, _) = await LookupHtml.GetAsync(host.Client, "/tra-cuu?q=khai+sinh&tinh=da-nang&truc-tuyen=mot-phan");
        Assert.Contains(Birth, LookupHtml.ResultCodes(partialInDaNang));
        var (_, partialInHaNoi, _) = await LookupHtml.GetAsync(host.Client, "/tra-cuu?q=khai+sinh&tinh=ha-noi&truc-tuyen=mot-phan");
        Assert.DoesNotContain(Birth, LookupHtml.ResultCodes(partialInHaNoi));

        var png = await host.Client.GetByteArrayAsync($"/tra-cuu/{Birth}/qr.png?tinh=da-nang");
        if (await Zbar.DecodeAsync(png, "png", output.WriteLine) is { } decoded)
            Assert.Equal(DaNangLink, decoded);
    }

    [Fact]
    public async Task Unreadable_files_and_unknown_provinces_are_refused_with_exit_code_2_and_nothing_stored()
    {
        var dataDirectory = Path.Combine(_folder, "data");
        var noHeader = WriteList("no-header.csv", "Tên,Ghi chú\nKhai sinh,x\n");
        var run = await CliRunner.RunAsync("import-province", "da-nang", noHeader, "--data-dir", dataDirectory);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Nothing was changed", run.Error);

        var good = WriteList("good.csv", $"Mã TTHC,Mức độ\n{Birth},Toàn trình\n");
        Assert.Equal(2, (await CliRunner.RunAsync("import-province", "Atlantis", good, "--data-dir", dataDirectory)).ExitCode);
        Assert.Contains("no uploaded list", (await CliRunner.RunAsync("province-versions", "da-nang", "--data-dir", dataDirectory)).Output);

        Assert.Equal(0, (await CliRunner.RunAsync("import-province", "da-nang", good, "--data-dir", dataDirectory)).ExitCode);
        var partial = WriteList("partial.csv", $"Mã TTHC,Mức độ\n{Birth},Một phần\n");
        Assert.Equal(0, (await CliRunner.RunAsync("import-province", "da-nang", partial, "--data-dir", dataDirectory)).ExitCode);
        var restore = await CliRunner.RunAsync("restore-province", "da-nang", "1", "--data-dir", dataDirectory);
        Assert.True(restore.ExitCode == 0, restore.Error);
        Assert.Contains("version 1 restored as version 3", restore.Output);
        var versions = (await CliRunner.RunAsync("province-versions", "da-nang", "--data-dir", dataDirectory)).Output;
        Assert.Contains("* version 3", versions);
        Assert.Contains("(khôi phục phiên bản 1)", versions);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
