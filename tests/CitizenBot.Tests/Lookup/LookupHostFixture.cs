using System.Net;
using System.Text.RegularExpressions;
using CitizenBot.Tests.Infrastructure;

namespace CitizenBot.Tests.Lookup;

/// <summary>One real host (the repository's catalogue) shared by a test class: the look-up pages are read-only.</summary>
public sealed class LookupHostFixture : IAsyncLifetime
{
    public TestHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await TestHost.StartAsync();

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

/// <summary>Small helpers to read our own server-rendered pages.</summary>
public static partial class LookupHtml
{
    public static async Task<(HttpStatusCode Status, string Body, HttpResponseMessage Response)> GetAsync(HttpClient client, string url, string accept = "text/html")
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.ParseAdd(accept);
        var response = await client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response);
    }

    /// <summary>The procedure codes listed on a search page, in order.</summary>
    public static IReadOnlyList<string> ResultCodes(string html) =>
        ResultLink().Matches(html).Select(m => m.Groups[1].Value).ToList();

    /// <summary>The service links ("Mở dịch vụ công") of the results, in order.</summary>
    public static IReadOnlyList<string> ServiceLinks(string html) =>
        ServiceLink().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();

    [GeneratedRegex("""<h3 class="result-name"><a href="/tra-cuu/(\d\.\d{6})""")]
    private static partial Regex ResultLink();

    [GeneratedRegex("""<a href="([^"]+)" class="service" """)]
    private static partial Regex ServiceLink();
}
