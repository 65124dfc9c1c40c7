using System.IO.Compression;
using System.Net;
using System.Text.RegularExpressions;
using CitizenBot.Tests.DirectLine;

namespace CitizenBot.Tests.E2E;

/// <summary>What the chat page serves, over HTTP without a browser: the page, its assets, the bundle and its license.</summary>
public sealed class ChatPageHttpTests(DirectLineHostFixture fixture) : IClassFixture<DirectLineHostFixture>
{
    [Fact]
    public async Task The_page_is_Vietnamese_phone_ready_and_loads_nothing_from_other_hosts()
    {
        using var response = await fixture.Host.Client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<html lang=\"vi\">", html);
        Assert.Contains("<title>CitizenBot – Trợ lý dịch vụ công</title>", html);
        Assert.Contains("name=\"viewport\"", html);
        Assert.DoesNotMatch(new Regex("(src|href)=\"(https?:)?//"), html);
        Assert.Contains("script-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single());

        var script = await fixture.Host.Client.GetStringAsync("/chat/chat-page.js");
        Assert.Contains("Nhập câu hỏi của bạn…", script);
        Assert.Contains("location.origin + '/v3/directline'", script);
        Assert.Contains("'vi-VN'", script);
        Assert.DoesNotContain(".innerHTML =", script); // user text is never rendered as markup by the page itself
        Assert.Equal(HttpStatusCode.OK, (await fixture.Host.Client.GetAsync("/chat/chat-page.css")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await fixture.Host.Client.GetAsync("/chat/avatar.svg")).StatusCode);
    }

    [Fact]
    public async Task The_Web_Chat_bundle_is_served_with_its_license_and_gzipped_when_accepted()
    {
        var client = fixture.Host.Client;
        var license = await client.GetAsync("/lib/webchat/webchat.js.LICENSE.txt");
        Assert.Equal(HttpStatusCode.OK, license.StatusCode);
        Assert.Contains("MIT", await license.Content.ReadAsStringAsync());

        var plain = await client.GetByteArrayAsync("/lib/webchat/webchat.js");
        Assert.True(plain.Length > 1_000_000, "the real botframework-webchat bundle, not a stub");
        Assert.Contains("renderWebChat", System.Text.Encoding.UTF8.GetString(plain));

        using var request = new HttpRequestMessage(HttpMethod.Get, "/lib/webchat/webchat.js");
        request.Headers.AcceptEncoding.ParseAdd("gzip, deflate, br");
        using var gzipped = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, gzipped.StatusCode);
        Assert.Equal("gzip", Assert.Single(gzipped.Content.Headers.ContentEncoding));
        var compressed = await gzipped.Content.ReadAsByteArrayAsync();
        Assert.True(compressed.Length < plain.Length / 2);
        using var unzip = new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress);
        using var roundTrip = new MemoryStream();
        await unzip.CopyToAsync(roundTrip);
        Assert.Equal(plain, roundTrip.ToArray());
    }

    [Fact]
    public async Task Files_outside_the_list_are_not_served()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Host.Client.GetAsync("/chat/../appsettings.json")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Host.Client.GetAsync("/lib/webchat/other.js")).StatusCode);
    }
}
