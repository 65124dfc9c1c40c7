using System.Net;
using System.Text.Json;
using CitizenBot.Tests.Infrastructure;

namespace CitizenBot.Tests.Search;

/// <summary>One host over the curated catalogue, shared by the read-only API tests.</summary>
public sealed class CuratedHostFixture : IAsyncLifetime
{
    public TestHost Host { get; private set; } = null!;
    public async Task InitializeAsync() => Host = await TestHost.StartAsync();
    public async Task DisposeAsync() => await Host.DisposeAsync();
}

/// <summary>GET /api/search over real HTTP on 127.0.0.1: the wire shape others depend on, and its errors.</summary>
public sealed class SearchApiTests(CuratedHostFixture fixture) : IClassFixture<CuratedHostFixture>
{
    HttpClient Client => fixture.Host.Client;

    internal static string Url(string q, string? extra = null) => $"/api/search?q={Uri.EscapeDataString(q)}{(extra is null ? "" : "&" + extra)}";

    async Task<JsonElement> GetOkAsync(string url)
    {
        using var response = await Client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {body}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    async Task<JsonElement> GetProblemAsync(string url)
    {
        using var response = await Client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{url}: {(int)response.StatusCode} {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement.Clone();
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
        Assert.DoesNotContain("   at ", body); // never a stack trace
        return problem;
    }

    [Fact]
    public async Task Answers_with_the_documented_shape()
    {
        var json = await GetOkAsync(Url("làm giấy khai sinh cho con"));

        Assert.Equal("làm giấy khai sinh cho con", json.GetProperty("query").GetString());
        Assert.Equal("làm giấy khai sinh con", json.GetProperty("normalized").GetString());
        Assert.Equal("confident", json.GetProperty("match").GetString());
        var results = json.GetProperty("results");
        Assert.Equal(5, results.GetArrayLength());
        var first = results[0];
        Assert.Equal("1.001193", first.GetProperty("code").GetString());
        Assert.Equal("Thủ tục đăng ký khai sinh", first.GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Number, first.GetProperty("score").ValueKind);
        Assert.Equal("Hộ tịch", first.GetProperty("field").GetString());
        Assert.Equal(["Cấp xã"], first.GetProperty("levels").EnumerateArray().Select(l => l.GetString()));
        Assert.Equal("toan-trinh", first.GetProperty("onlineMode").GetString());
        Assert.StartsWith("https://dichvucong.gov.vn/", first.GetProperty("url").GetString());
        Assert.False(first.TryGetProperty("features", out _)); // only with explain=true
        Assert.False(json.TryGetProperty("unserved", out _)); // only for a need the catalogue lacks
        var scores = results.EnumerateArray().Select(r => r.GetProperty("score").GetDouble()).ToList();
        Assert.Equal(scores.OrderByDescending(s => s), scores);
    }

    /// <summary>A need the catalogue lacks (index-data/analysis/gaps.txt): nothing found, and where to ask.</summary>
    [Fact]
    public async Task A_need_the_catalogue_lacks_says_where_to_ask()
    {
        var json = await GetOkAsync(Url("xin trợ cấp thất nghiệp"));

        Assert.Equal("none", json.GetProperty("match").GetString());
        Assert.StartsWith("Trung tâm Dịch vụ việc làm", json.GetProperty("unserved").GetString());
    }

    [Theory]
    [InlineData("\"khai sinh\"~")]
    [InlineData("khai* sinh?")]
    [InlineData("khai~ sinh~")]
    [InlineData("(khai sinh)")]
    [InlineData("khai\\ sinh\\")]
    [InlineData(":khai sinh:^")]
    public async Task Lucene_query_syntax_in_q_is_punctuation(string q)
    {
        var plain = await GetOkAsync(Url("khai sinh"));
        var decorated = await GetOkAsync(Url(q));
        Assert.Equal(plain.GetProperty("results").ToString(), decorated.GetProperty("results").ToString());
    }

    [Theory]
    [InlineData("\"")]
    [InlineData("*")]
    [InlineData("?")]
    [InlineData("~")]
    [InlineData("AND")]
    [InlineData("khai AND sinh OR NOT kết hôn")]
    [InlineData("(")]
    [InlineData(":")]
    [InlineData("\\")]
    [InlineData("*:*")]
    [InlineData("[* TO *]")]
    public async Task Lucene_query_syntax_alone_is_text_never_a_parse_error(string q) =>
        Assert.Equal(JsonValueKind.Array, (await GetOkAsync(Url(q))).GetProperty("results").ValueKind);

    [Theory]
    [InlineData("đăng ký khai sinh", "confident")]
    [InlineData("thời tiết Hà Nội ngày mai", "outOfScope")] // not a public service: not unmet demand either
    [InlineData("đăng ký cho con vào lớp 1", "none")] // a public-service need nothing in the catalogue answers: unmet demand
    public async Task The_match_is_one_of_four_words(string q, string match) =>
        Assert.Equal(match, (await GetOkAsync(Url(q))).GetProperty("match").GetString());

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(50)]
    public async Task Top_sets_how_many_results(int top) =>
        Assert.Equal(top, (await GetOkAsync(Url("đăng ký", $"top={top}"))).GetProperty("results").GetArrayLength());

    [Fact]
    public async Task Explain_adds_the_ranking_features()
    {
        var first = (await GetOkAsync(Url("khai sinh", "explain=true"))).GetProperty("results")[0];
        Assert.True(first.GetProperty("features").GetProperty("titleCoverage").GetDouble() > 0);
    }

    [Fact]
    public async Task A_province_by_its_former_name_is_understood()
    {
        var json = await GetOkAsync(Url("đăng ký khai sinh", "province=" + Uri.EscapeDataString("Nam Định")));
        Assert.Equal("Ninh Bình", json.GetProperty("province").GetString());
        Assert.Equal("1.001193", json.GetProperty("results")[0].GetProperty("code").GetString());
        Assert.Equal(JsonValueKind.Null, (await GetOkAsync(Url("đăng ký khai sinh"))).GetProperty("province").ValueKind);
    }

    [Fact]
    public async Task Search_syntax_and_control_characters_in_q_change_nothing()
    {
        var plain = await GetOkAsync(Url("cap lai the can cuoc"));
        var decorated = await GetOkAsync(Url("\"cap\" lai* ^the\0 (can) cuoc:\u0007 -"));
        Assert.Equal(plain.GetProperty("results").ToString(), decorated.GetProperty("results").ToString());
        Assert.Equal(plain.GetProperty("match").GetString(), decorated.GetProperty("match").GetString());
    }

    [Theory]
    [InlineData("/api/search")]
    [InlineData("/api/search?q=")]
    [InlineData("/api/search?q=%20%20%09")]
    public async Task An_empty_question_is_a_problem(string url)
    {
        var problem = await GetProblemAsync(url);
        Assert.Equal("q", problem.GetProperty("parameter").GetString());
        Assert.Contains("empty", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_question_over_2000_characters_is_a_problem()
    {
        var problem = await GetProblemAsync(Url(new string('a', 2001)));
        Assert.Equal("q", problem.GetProperty("parameter").GetString());
        Assert.Contains("2000", problem.GetProperty("detail").GetString());
        await GetOkAsync(Url(string.Concat(Enumerable.Repeat("khai sinh ", 200)))); // exactly 2000: fine
    }

    [Theory]
    [InlineData("top=0")]
    [InlineData("top=51")]
    [InlineData("top=-3")]
    public async Task Top_out_of_range_is_a_problem(string top)
    {
        var problem = await GetProblemAsync(Url("khai sinh", top));
        Assert.Equal("top", problem.GetProperty("parameter").GetString());
    }

    [Fact]
    public async Task Top_that_is_not_a_number_is_a_problem()
    {
        using var response = await Client.GetAsync(Url("khai sinh", "top=abc"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task An_unknown_province_is_a_problem()
    {
        var problem = await GetProblemAsync(Url("khai sinh", "province=Atlantis"));
        Assert.Equal("province", problem.GetProperty("parameter").GetString());
        Assert.Contains("Atlantis", problem.GetProperty("detail").GetString());
    }
}
