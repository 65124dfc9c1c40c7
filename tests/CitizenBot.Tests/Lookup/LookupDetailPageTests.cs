using System.Net;
using System.Text.Json;
using CitizenBot.Core.Catalogue;
using CitizenBot.Core.Presentation;
using Microsoft.Extensions.DependencyInjection;

namespace CitizenBot.Tests.Lookup;

/// <summary>GET /tra-cuu/{code}, its tóm tắt text and its QR code, over real HTTP.</summary>
public sealed class LookupDetailPageTests(LookupHostFixture fixture) : IClassFixture<LookupHostFixture>
{
    HttpClient Client => fixture.Host.Client;
    ICatalogue Catalogue => fixture.Host.Services.GetRequiredService<ICatalogue>();

    [Fact]
    public async Task Detail_page_shows_the_whole_procedure_with_a_checklist()
    {
        var birth = Catalogue.FindByCode("1.001193")!;
        var (status, html, response) = await LookupHtml.GetAsync(Client, "/tra-cuu/1.001193?tinh=ha-noi");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("<html lang=\"vi\">", html);
        Assert.Contains($"<h1 class=\"procedure-name\">{birth.Name}</h1>", html);
        Assert.Equal(birth.Documents.Count, CountOf(html, "<input type=\"checkbox\""));
        Assert.Contains("Giấy chứng sinh", html);
        Assert.Contains("<th scope=\"row\">Trực tuyến</th><td><span class=\"cell\">1 ngày làm việc</span></td><td><span class=\"cell\">Miễn phí</span></td>", html);
        Assert.Contains("Ủy ban nhân dân cấp xã", html);          // agency
        Assert.Contains("Luật Hộ tịch 2014 (60/2014/QH13)", html); // legal basis
        Assert.Contains("<h2 id=\"ket-qua\">Kết quả</h2><p>Giấy khai sinh</p>", html);
        Assert.Contains("Các bước thực hiện", html);
        Assert.Contains("Dịch vụ công trực tuyến toàn trình", html);
        Assert.Contains($"href=\"{birth.NationalUrl}\"", html);
        Assert.Contains("href=\"https://dichvucong.hanoi.gov.vn\"", html); // the province portal
        Assert.Matches("<link rel=\"canonical\" href=\"/tra-cuu/1\\.001193\\?tinh=ha-noi\" ?/?>", html);
        Assert.Contains("<svg", html);                                  // the QR code, inline
        Assert.Contains("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Fact]
    public async Task A_procedure_that_is_not_fully_online_says_what_still_needs_a_visit()
    {
        var partial = Catalogue.Procedures.First(p => p.OnlineMode == OnlineMode.Partial && p.Documents.Any(d => d.MustPresentOnly));
        var offline = Catalogue.Procedures.First(p => p.OnlineMode == OnlineMode.Offline);

        var (_, partialHtml, _) = await LookupHtml.GetAsync(Client, "/tra-cuu/" + partial.Code);
        var (_, offlineHtml, _) = await LookupHtml.GetAsync(Client, "/tra-cuu/" + offline.Code);

        Assert.Contains("Việc vẫn phải làm trực tiếp:", partialHtml);
        Assert.Contains("vẫn có bước phải đến trực tiếp", partialHtml);
        Assert.Contains("Mang bản chính để đối chiếu", partialHtml);
        Assert.Contains("Chưa nộp trực tuyến được", offlineHtml);
        Assert.Contains("Chưa có dịch vụ công trực tuyến", offlineHtml);
    }

    [Fact]
    public async Task Unknown_code_is_a_404_page_for_people_and_a_problem_for_programs()
    {
        var (status, html, response) = await LookupHtml.GetAsync(Client, "/tra-cuu/9.999999");
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Không tìm thấy thủ tục", html);
        Assert.Contains("<dt>status</dt><dd>404</dd>", html);
        Assert.Contains("<form class=\"search\" role=\"search\"", html);

        var (jsonStatus, json, jsonResponse) = await LookupHtml.GetAsync(Client, "/tra-cuu/9.999999", "application/json");
        Assert.Equal(HttpStatusCode.NotFound, jsonStatus);
        Assert.Equal("application/problem+json", jsonResponse.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(json);
        Assert.Equal(404, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Equal("9.999999", problem.RootElement.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Markup_in_an_unknown_code_is_encoded_on_the_404_page()
    {
        var (status, html, _) = await LookupHtml.GetAsync(Client, "/tra-cuu/" + Uri.EscapeDataString("<script>alert(1)</script>"));
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.DoesNotContain("<script>alert", html);
        Assert.Contains("&lt;script&gt;", html);
    }

    [Fact]
    public async Task Unknown_province_on_the_detail_page_is_explained_and_the_national_link_used()
    {
        var (status, html, _) = await LookupHtml.GetAsync(Client, "/tra-cuu/1.001193?tinh=atlantis");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Không tìm thấy tỉnh/thành phố “atlantis”", html);
        Assert.Contains($"href=\"{Catalogue.FindByCode("1.001193")!.NationalUrl}\"", html);
    }

    [Fact]
    public async Task Tom_tat_is_short_plain_text_with_name_mode_fee_time_documents_and_link()
    {
        var birth = Catalogue.FindByCode("1.001193")!;
        var response = await Client.GetAsync("/tra-cuu/1.001193/tom-tat.txt?tinh=ninh-binh");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        var lines = text.TrimEnd().Split('\n');
        Assert.Equal("Thủ tục đăng ký khai sinh (mã 1.001193)", lines[0]);
        Assert.Contains("Trực tuyến: toàn trình (mức cả nước) – làm hoàn toàn trên mạng", lines);
        Assert.Contains("Lệ phí: Miễn phí", lines);
        Assert.Contains("Thời gian: 1 ngày làm việc", lines);
        Assert.Contains("- Giấy chứng sinh", lines);
        Assert.InRange(lines.Count(l => l.StartsWith("- ", StringComparison.Ordinal)), 3, 6);
        Assert.Equal("Nộp trực tuyến: " + birth.NationalUrl, lines[^1]);
        Assert.True(text.Length < 800, $"{text.Length} characters");
        Assert.DoesNotContain("<", text);

        // The same text is on the page, ready to copy.
        var (_, html, _) = await LookupHtml.GetAsync(Client, "/tra-cuu/1.001193?tinh=ninh-binh");
        var area = System.Text.RegularExpressions.Regex.Match(html, "<textarea id=\"tom-tat\" readonly rows=\"10\">([^<]*)</textarea>");
        Assert.True(area.Success);
        Assert.Equal(text, WebUtility.HtmlDecode(area.Groups[1].Value));
        Assert.Contains("data-copy=\"tom-tat\"", html);
    }

    [Fact]
    public async Task Qr_svg_and_png_encode_the_online_service_link()
    {
        var svg = await Client.GetAsync("/tra-cuu/1.001193/qr.svg?tinh=hue");
        Assert.Equal(HttpStatusCode.OK, svg.StatusCode);
        Assert.Equal("image/svg+xml", svg.Content.Headers.ContentType?.MediaType);
        var body = await svg.Content.ReadAsStringAsync();
        Assert.Contains("<svg", body);
        Assert.Contains("viewBox", body);

        var png = await Client.GetAsync("/tra-cuu/1.001193/qr.png?tinh=hue");
        Assert.Equal("image/png", png.Content.Headers.ContentType?.MediaType);
        var bytes = await png.Content.ReadAsByteArrayAsync();
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);

        var decoded = await Zbar.DecodeAsync(bytes, "png");
        if (decoded is null) return; // zbarimg missing outside CI: Zbar said why
        Assert.Equal(Catalogue.FindByCode("1.001193")!.NationalUrl, decoded);
    }

    [Theory]
    [InlineData("/tra-cuu/9.999999/qr.svg", HttpStatusCode.NotFound)]
    [InlineData("/tra-cuu/9.999999/qr.png", HttpStatusCode.NotFound)]
    [InlineData("/tra-cuu/9.999999/tom-tat.txt", HttpStatusCode.NotFound)]
    [InlineData("/tra-cuu/1.001193/qr.svg?tinh=atlantis", HttpStatusCode.BadRequest)]
    [InlineData("/tra-cuu/1.001193/tom-tat.txt?tinh=atlantis", HttpStatusCode.BadRequest)]
    public async Task Machine_endpoints_answer_problems_for_unknown_code_or_province(string url, HttpStatusCode expected)
    {
        var response = await Client.GetAsync(url);
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Every_procedure_in_the_catalogue_renders()
    {
        foreach (var p in Catalogue.Procedures)
        {
            var response = await Client.GetAsync("/tra-cuu/" + p.Code + "?tinh=ho-chi-minh");
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{p.Code}: {response.StatusCode}");
        }
    }

    static int CountOf(string text, string part) => (text.Length - text.Replace(part, "").Length) / part.Length;
}

/// <summary>
/// A host whose catalogue has a province's own submission link: choosing the province changes the link on the results,
/// the detail page, the summary and the QR code.
/// </summary>
public sealed class LookupProvinceLinkTests : IAsyncLifetime
{
    const string Code = "1.999001";
    const string NationalUrl = "https://dichvucong.gov.vn/thu-tuc-hanh-chinh/test-khai-sinh";
    const string NinhBinhUrl = "https://dichvucong.ninhbinh.gov.vn/dvc/khai-sinh-test";
    string _folder = null!;
    Infrastructure.TestHost _host = null!;

    public async Task InitializeAsync()
    {
        _folder = Directory.CreateTempSubdirectory("citizenbot-lookup-catalogue-").FullName;
        Directory.CreateDirectory(Path.Combine(_folder, "procedures"));
        var procedures = new[]
        {
            new
            {
                code = Code, name = "Thủ tục đăng ký khai sinh thử nghiệm", field = "Hộ tịch", levels = new[] { "Cấp xã" },
                agency = "Ủy ban nhân dân cấp xã", documents = new[] { new { name = "Giấy chứng sinh", quantity = "1 bản chính", mustPresentOnly = false } },
                methods = new[] { new { channel = "online", processingTime = "1 ngày làm việc", fee = "Miễn phí" } },
                onlineMode = "toan-trinh", nationalUrl = NationalUrl,
                provinceUrls = new Dictionary<string, string> { ["ninh-binh"] = NinhBinhUrl },
                aliases = new[] { "làm giấy khai sinh" },
            },
        };
        await File.WriteAllTextAsync(Path.Combine(_folder, "procedures", "test.json"), JsonSerializer.Serialize(procedures));
        _host = await Infrastructure.TestHost.StartAsync(("Catalogue:Path", _folder));
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task Province_filter_changes_the_link_on_results_detail_summary_and_qr()
    {
        var (_, national, _) = await LookupHtml.GetAsync(_host.Client, "/tra-cuu?q=dang+ky+khai+sinh");
        var (_, ninhBinh, _) = await LookupHtml.GetAsync(_host.Client, "/tra-cuu?q=dang+ky+khai+sinh&tinh=ninh-binh");
        var (_, namDinh, _) = await LookupHtml.GetAsync(_host.Client, "/tra-cuu?q=dang+ky+khai+sinh&tinh=nam-dinh"); // merged into Ninh Bình
        var (_, hanoi, _) = await LookupHtml.GetAsync(_host.Client, "/tra-cuu?q=dang+ky+khai+sinh&tinh=ha-noi");
        Assert.Equal(NationalUrl, LookupHtml.ServiceLinks(national)[0]);
        Assert.Equal(NinhBinhUrl, LookupHtml.ServiceLinks(ninhBinh)[0]);
        Assert.Equal(NinhBinhUrl, LookupHtml.ServiceLinks(namDinh)[0]);
        Assert.Equal(NationalUrl, LookupHtml.ServiceLinks(hanoi)[0]);

        var (_, detail, _) = await LookupHtml.GetAsync(_host.Client, $"/tra-cuu/{Code}?tinh=ninh-binh");
        Assert.Contains($"<a href=\"{NinhBinhUrl}\" class=\"button-link\"", detail);
        Assert.Contains("Nộp hồ sơ trực tuyến trên Cổng dịch vụ công Ninh Bình", detail);
        var (_, detailNational, _) = await LookupHtml.GetAsync(_host.Client, $"/tra-cuu/{Code}");
        Assert.Contains($"<a href=\"{NationalUrl}\" class=\"button-link\"", detailNational);

        Assert.EndsWith("Nộp trực tuyến: " + NinhBinhUrl + "\n", await _host.Client.GetStringAsync($"/tra-cuu/{Code}/tom-tat.txt?tinh=ninh-binh"));
        Assert.EndsWith("Nộp trực tuyến: " + NationalUrl + "\n", await _host.Client.GetStringAsync($"/tra-cuu/{Code}/tom-tat.txt"));

        var decoded = await Zbar.DecodeAsync(await _host.Client.GetByteArrayAsync($"/tra-cuu/{Code}/qr.png?tinh=ninh-binh"), "png");
        if (decoded is not null) Assert.Equal(NinhBinhUrl, decoded);
    }
}
