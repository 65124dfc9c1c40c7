using System.Net.Http.Json;
using System.Text.Json;
using CitizenBot.Tests.Infrastructure;

namespace CitizenBot.Tests.Search;

/// <summary>A host over a small curated folder whose procedure has a provincial link.</summary>
public sealed class ProvinceLinkFixture : IAsyncLifetime
{
    readonly string _catalogue = Directory.CreateTempSubdirectory("citizenbot-province-links-").FullName;

    public TestHost Host { get; private set; } = null!;

    public const string NationalUrl = "https://dichvucong.gov.vn/thu-tuc-hanh-chinh/bao-mat-ho-chieu";
    public const string DaNangUrl = "https://dichvucong.danang.gov.vn/dich-vu/bao-mat-ho-chieu";

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.Combine(_catalogue, "procedures"));
        await File.WriteAllTextAsync(Path.Combine(_catalogue, "procedures", "xuat-nhap-canh.json"), $$"""
            [
              {
                "code": "1.010386", "name": "Trình báo mất hộ chiếu phổ thông", "field": "Xuất nhập cảnh",
                "onlineMode": "mot-phan", "nationalUrl": "{{NationalUrl}}", "provinceUrls": { "da-nang": "{{DaNangUrl}}" }
              },
              { "code": "1.001456", "name": "Cấp hộ chiếu phổ thông ở trong nước", "field": "Xuất nhập cảnh" }
            ]
            """);
        Host = await TestHost.StartAsync(("Catalogue:Path", _catalogue));
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        try { Directory.Delete(_catalogue, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

/// <summary>A procedure with its own page on a provincial portal gets that link for citizens of the province.</summary>
public sealed class ProvinceLinkTests(ProvinceLinkFixture fixture) : IClassFixture<ProvinceLinkFixture>
{
    const string NationalUrl = ProvinceLinkFixture.NationalUrl;
    const string DaNangUrl = ProvinceLinkFixture.DaNangUrl;

    async Task<JsonElement> FirstAsync(string province)
    {
        var url = SearchApiTests.Url("báo mất hộ chiếu", province.Length > 0 ? "province=" + Uri.EscapeDataString(province) : null);
        var json = await fixture.Host.Client.GetFromJsonAsync<JsonElement>(url);
        var first = json.GetProperty("results")[0];
        Assert.Equal("1.010386", first.GetProperty("code").GetString());
        return first;
    }

    [Theory]
    [InlineData("Đà Nẵng", DaNangUrl)]
    [InlineData("da-nang", DaNangUrl)]
    [InlineData("tỉnh Quảng Nam", DaNangUrl)] // merged into Đà Nẵng in 2025
    [InlineData("Hà Nội", NationalUrl)]
    [InlineData("", NationalUrl)]
    public async Task The_province_chooses_the_link(string province, string url) =>
        Assert.Equal(url, (await FirstAsync(province)).GetProperty("url").GetString());
}
