using System.Net;
using CitizenBot.Core.Catalogue;
using Microsoft.Extensions.DependencyInjection;

namespace CitizenBot.Tests.Lookup;

/// <summary>GET /tra-cuu over real HTTP: the bot's search, the three filters, friendly messages, encoding.</summary>
public sealed class LookupSearchPageTests(LookupHostFixture fixture) : IClassFixture<LookupHostFixture>
{
    HttpClient Client => fixture.Host.Client;
    ICatalogue Catalogue => fixture.Host.Services.GetRequiredService<ICatalogue>();

    [Theory]
    [InlineData("dang ky khai sinh", "1.001193")]
    [InlineData("lam giay khai sinh cho con", "1.001193")]
    public async Task Search_without_diacritics_finds_the_procedure_first(string question, string code)
    {
        var (status, html, response) = await LookupHtml.GetAsync(Client, "/tra-cuu?q=" + Uri.EscapeDataString(question));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(code, LookupHtml.ResultCodes(html)[0]);
        Assert.Contains("<html lang=\"vi\">", html);
        Assert.Contains("Phù hợp nhất", html);
        Assert.Contains($"value=\"{question}\"", html); // the box keeps what was typed
    }

    /// <summary>A need the catalogue lacks (gaps.txt): the team helping a resident is told where to send them.</summary>
    [Fact]
    public async Task A_need_the_catalogue_lacks_says_where_to_ask()
    {
        var (status, html, _) = await LookupHtml.GetAsync(Client, "/tra-cuu?q=" + Uri.EscapeDataString("xin tro cap that nghiep"));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("chưa có trong danh mục thủ tục đang tra cứu: người dân hỏi trực tiếp Trung tâm Dịch vụ việc làm của tỉnh", html);
        Assert.DoesNotContain("Phù hợp nhất", html);
    }

    [Fact]
    public async Task A_result_shows_code_name_online_mode_badge_and_levels()
    {
        var (_, html, _) = await LookupHtml.GetAsync(Client, "/tra-cuu?q=dang+ky+khai+sinh");
        var birth = Catalogue.FindByCode("1.001193")!;

        Assert.Contains("Mã 1.001193", html);
        Assert.Contains(birth.Name, html);
        Assert.Contains("<span class=\"badge mode-toan-trinh\">Toàn trình</span>", html);
        Assert.Contains("<span class=\"levels\">Cấp xã</span>", html);
    }

    [Fact]
    public async Task Province_filter_accepts_a_pre_2025_name_and_carries_the_province_into_the_links()
    {
        var (status, html, _) = await LookupHtml.GetAsync(Client, "/tra-cuu?q=dang+ky+khai+sinh&tinh=" + Uri.EscapeDataString("Nam Định"));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("<option value=\"ninh-binh\" selected>Ninh Bình</option>", html);
        Assert.Contains("Nam Định nay thuộc Ninh Bình", html);
        Assert.Contains("href=\"/tra-cuu/1.001193?tinh=ninh-binh\"", html);
    }

    [Fact]
    public async Task Field_filter_narrows_the_results_to_that_field()
    {
        var (_, all, _) = await LookupHtml.GetAsync(Client, "/tra-cuu?q=dang+ky&tat-ca=1");
        var (_, narrowed, _) = await LookupHtml.GetAsync(Client, "/tra-cuu?q=dang+ky&tat-ca=1&linh-vuc=" + Uri.EscapeDataString("Hộ tịch"));

        var allCodes = LookupHtml.ResultCodes(all);
        var codes = LookupHtml.ResultCodes(narrowed);
        Assert.NotEmpty(codes);
        Assert.True(codes.Count < allCodes.Count, $"{codes.Count} of {allCodes.Count}");
        Assert.All(codes, c => Assert.Equal("Hộ tịch", Catalogue.FindByCode(c)!.Field));
        Assert.Contains(allCodes, c => Catalogue.FindByCode(c)!.Field != "Hộ tịch");
    }

    [Theory]
    [InlineData("toan-trinh", OnlineMode.FullyOnline)]
    [InlineData("mot-phan", OnlineMode.Partial)]
    [InlineData("khong-truc-tuyen", OnlineMode.Offline)]
    public async Task Online_mode_filter_narrows_the_results_to_that_mode(string wire, OnlineMode mode)
    {
        var (_, html, _) = await LookupHtml.GetAsync(Client, $"/tra-cuu?q=khai+sinh&tat-ca=1&truc-tuyen={wire}");

        var codes = LookupHtml.ResultCodes(html);
        Assert.NotEmpty(codes);
        Assert.All(codes, c => Assert.Equal(mode, Catalogue.FindByCode(c)!.OnlineMode));
        Assert.Contains($"<option value=\"{wire}\" selected>", html);
    }

    [Fact]
    public async Task Filters_without_a_question_list_the_matching_procedures()
    {
        var (_, html, _) = await LookupHtml.GetAsync(Client, "/tra-cuu?linh-vuc=" + Uri.EscapeDataString("Hộ tịch") + "&truc-tuyen=toan-trinh");

        var expected = Catalogue.Procedures.Where(p => p.Field == "Hộ tịch" && p.OnlineMode == OnlineMode.FullyOnline).Select(p => p.Code).Order().ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, LookupHtml.ResultCodes(html).Order().ToList());
    }

    [Fact]
    public async Task Weakly_related_results_are_hidden_until_asked_for()
    {
        var (_, shortList, _) = await LookupHtml.GetAsync(Client, "/tra-cuu?q=xin+giay+phep+xay+dung");
        var (_, everything, _) = await LookupHtml.GetAsync(Client, "/tra-cuu?q=xin+giay+phep+xay+dung&tat-ca=1");

        Assert.Contains("kết quả ít liên quan", shortList);
        Assert.True(LookupHtml.ResultCodes(shortList).Count < LookupHtml.ResultCodes(everything).Count);
        Assert.Equal(LookupHtml.ResultCodes(shortList), LookupHtml.ResultCodes(everything).Take(LookupHtml.ResultCodes(shortList).Count));
    }

    [Theory]
    [InlineData("/tra-cuu", "Tìm thủ tục cho người dân")]
    [InlineData("/tra-cuu?q=", "Bạn chưa nhập nội dung cần tìm")]
    [InlineData("/tra-cuu?q=%20%20%20", "Bạn chưa nhập nội dung cần tìm")]
    [InlineData("/tra-cuu?q=qqqqzzzz+wwwxxx", "Không tìm thấy thủ tục phù hợp")]
    [InlineData("/tra-cuu?q=khai+sinh&tinh=Atlantis", "Không tìm thấy tỉnh/thành phố “Atlantis”")]
    [InlineData("/tra-cuu?q=khai+sinh&linh-vuc=Kh%C3%B4ng+c%C3%B3", "Không có lĩnh vực “Không có”")]
    [InlineData("/tra-cuu?q=khai+sinh&truc-tuyen=muc-do-4", "Không hiểu mức độ trực tuyến “muc-do-4”")]
    [InlineData("/tra-cuu?q=khai+sinh&q=ket+hon", "<form")]
    public async Task Empty_or_invalid_input_shows_the_form_with_a_friendly_message(string url, string message)
    {
        var (status, html, _) = await LookupHtml.GetAsync(Client, url);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains(message, html);
        Assert.Contains("<form class=\"search no-print\" role=\"search\"", html);
    }

    [Fact]
    public async Task A_question_that_is_too_long_gets_a_message_not_an_error()
    {
        var (status, html, _) = await LookupHtml.GetAsync(Client, "/tra-cuu?q=" + new string('a', 3000));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Câu tìm kiếm dài quá", html);
    }

    [Fact]
    public async Task Html_in_the_query_is_encoded_everywhere_it_is_shown()
    {
        const string attack = "<script>alert('x')</script>\"><img src=x onerror=alert(1)>";
        var (status, html, response) = await LookupHtml.GetAsync(Client,
            "/tra-cuu?q=" + Uri.EscapeDataString(attack) + "&tinh=" + Uri.EscapeDataString("<b>tinh</b>") + "&linh-vuc=" + Uri.EscapeDataString("<i>x</i>"));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.DoesNotContain("<script>alert", html);
        Assert.DoesNotContain("<img src=x", html);
        Assert.DoesNotContain("<b>tinh</b>", html);
        Assert.DoesNotContain("<i>x</i>", html);
        Assert.Contains("&lt;script&gt;", html);
        Assert.Contains("&lt;b&gt;tinh&lt;/b&gt;", html);
        Assert.Contains("script-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Fact]
    public async Task The_page_uses_only_its_own_stylesheet_and_script()
    {
        var (_, html, _) = await LookupHtml.GetAsync(Client, "/tra-cuu");
        Assert.DoesNotContain("http://", html.Replace("http://127.0.0.1", ""));
        Assert.DoesNotMatch("(src|href)=\"https?://", html);

        var css = await Client.GetAsync("/tra-cuu/tra-cuu.css");
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.Equal("text/css", css.Content.Headers.ContentType?.MediaType);
        var stylesheet = await css.Content.ReadAsStringAsync();
        Assert.Contains("@media print", stylesheet);
        Assert.Contains("size: A4", stylesheet);
        Assert.DoesNotContain("@import", stylesheet);
        Assert.DoesNotContain("url(http", stylesheet);

        var js = await Client.GetAsync("/tra-cuu/tra-cuu.js");
        Assert.Equal("text/javascript", js.Content.Headers.ContentType?.MediaType);

        using var again = new HttpRequestMessage(HttpMethod.Get, "/tra-cuu/tra-cuu.css");
        again.Headers.IfNoneMatch.Add(css.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await Client.SendAsync(again)).StatusCode);
    }
}
