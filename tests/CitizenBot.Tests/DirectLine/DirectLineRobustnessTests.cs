using CitizenBot.Tests.Infrastructure;
using System.Net;
using System.Text;
using CitizenBot.Core.Protocol;

namespace CitizenBot.Tests.DirectLine;

/// <summary>CORS, bad input, limits and prompt acknowledgement.</summary>
public sealed class DirectLineRobustnessTests(DirectLineHostFixture fixture) : IClassFixture<DirectLineHostFixture>
{
    [Theory]
    [InlineData("/v3/directline/conversations")]
    [InlineData("/v3/directline/conversations/abc/activities")]
    [InlineData("/v3/directline/tokens/refresh")]
    [InlineData("/v3/directline/session/getsessionid")]
    public async Task CORS_preflight_allows_what_Web_Chat_sends(string path)
    {
        var host = fixture.Host;
        using var preflight = new HttpRequestMessage(HttpMethod.Options, path);
        preflight.Headers.Add("Origin", "https://portal.example.vn");
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "authorization,content-type,x-ms-bot-agent");
        using var response = await host.Client.SendAsync(preflight);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("*", Header(response, "Access-Control-Allow-Origin"));
        var allowed = Header(response, "Access-Control-Allow-Headers").ToLowerInvariant();
        foreach (var header in new[] { "authorization", "content-type", "x-ms-bot-agent" })
            Assert.Contains(header, allowed);
        Assert.Contains("POST", Header(response, "Access-Control-Allow-Methods"));
    }

    [Fact]
    public async Task Cross_origin_responses_carry_the_allow_origin_header()
    {
        var host = fixture.Host;
        var client = new DirectLineTestClient(host.Client);
        using var request = client.Request(HttpMethod.Post, "/tokens/generate");
        request.Headers.Add("Origin", "https://portal.example.vn");
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("*", Header(response, "Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Configured_origins_are_the_only_ones_allowed()
    {
        var (host, _) = await DirectLineTestClient.StartHostAsync(null, ("DirectLine:AllowedOrigins:0", "https://dichvucong.danang.gov.vn"));
        await using var __ = host;
        async Task<string?> AllowedFor(string origin)
        {
            using var preflight = new HttpRequestMessage(HttpMethod.Options, "/v3/directline/conversations");
            preflight.Headers.Add("Origin", origin);
            preflight.Headers.Add("Access-Control-Request-Method", "POST");
            using var response = await host.Client.SendAsync(preflight);
            return response.Headers.TryGetValues("Access-Control-Allow-Origin", out var values) ? values.Single() : null;
        }
        Assert.Equal("https://dichvucong.danang.gov.vn", await AllowedFor("https://dichvucong.danang.gov.vn"));
        Assert.Null(await AllowedFor("https://portal.example.vn"));
    }

    [Theory]
    [InlineData("{\"type\":\"message\",")]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("{\"type\":\"message\",\"timestamp\":\"yesterday\"}")]
    [InlineData("{\"text\":\"no type\"}")]
    public async Task Malformed_activity_is_400_problem(string body)
    {
        var host = fixture.Host;
        var client = new DirectLineTestClient(host.Client);
        await client.GenerateTokenAsync();
        await client.StartConversationAsync();
        var request = client.Request(HttpMethod.Post, $"/conversations/{client.ConversationId}/activities");
        request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        await DirectLineAuthTests.AssertProblem(HttpStatusCode.BadRequest, request, client);
    }

    [Fact]
    public async Task Oversize_activity_is_413_problem_whether_or_not_its_length_is_announced()
    {
        var host = fixture.Host;
        var client = new DirectLineTestClient(host.Client);
        await client.GenerateTokenAsync();
        await client.StartConversationAsync();
        var path = $"/conversations/{client.ConversationId}/activities";

        await DirectLineAuthTests.AssertProblem(HttpStatusCode.RequestEntityTooLarge,
            client.Request(HttpMethod.Post, path, DirectLineTestClient.Message(new string('a', 70_000), "big")), client);

        var chunked = client.Request(HttpMethod.Post, path);
        var json = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(DirectLineTestClient.Message(new string('b', 70_000), "big2"));
        chunked.Content = ChunkedContent.Of(json);
        chunked.Content.Headers.ContentType = new("application/json");
        await DirectLineAuthTests.AssertProblem(HttpStatusCode.RequestEntityTooLarge, chunked, client);
    }

    [Fact]
    public async Task Too_many_requests_from_one_client_get_429_problem_with_retry_after()
    {
        var (host, _) = await DirectLineTestClient.StartHostAsync(null, ("DirectLine:PermitsPerMinute", "5"));
        await using var __ = host;
        var client = new DirectLineTestClient(host.Client);
        await client.GenerateTokenAsync();
        await client.StartConversationAsync();
        var path = $"/conversations/{client.ConversationId}/activities?watermark=";
        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(client.Request(HttpMethod.Get, path))).StatusCode);

        using var limited = await client.SendAsync(client.Request(HttpMethod.Get, path));
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero);

        // Another conversation from the same address has its own allowance.
        var other = new DirectLineTestClient(host.Client);
        await other.GenerateTokenAsync();
        await other.StartConversationAsync();
        Assert.Equal(HttpStatusCode.OK, (await other.SendAsync(other.Request(HttpMethod.Get, $"/conversations/{other.ConversationId}/activities"))).StatusCode);
    }

    [Fact]
    public async Task Posts_are_acknowledged_before_the_bot_answers_and_echoed_at_once()
    {
        var (host, bot) = (fixture.Host, fixture.Bot);
        var client = new DirectLineTestClient(host.Client);
        await client.GenerateTokenAsync();
        await client.StartConversationAsync();
        var seen = await client.PollUntilAsync([], s => s.Count >= 1);

        bot.Hold();
        string id;
        try
        {
            id = await client.PostAsync(DirectLineTestClient.Message("cham", "slow-1"));
            seen = await client.PollUntilAsync(seen, s => s.Count >= 2);
            Assert.Equal(id, (string)seen[1]["id"]!); // the echo is there while the bot is still thinking
            Assert.Equal(2, seen.Count);
        }
        finally
        {
            bot.Release();
        }
        seen = await client.PollUntilAsync(seen, s => s.Count >= 3);
        Assert.Equal(id, (string?)seen[2]["replyToId"]);
    }

    [Fact]
    public async Task Unknown_activity_types_and_typing_are_acknowledged_and_ignored()
    {
        var (host, bot) = (fixture.Host, fixture.Bot);
        var client = new DirectLineTestClient(host.Client);
        await client.GenerateTokenAsync();
        await client.StartConversationAsync();
        await client.PostAsync(new { type = "somethingNew", from = new { id = "r_x" } });
        await client.PostAsync(new { type = "typing", from = new { id = "r_x" } });
        await client.PostAsync(DirectLineTestClient.Message("tiep", "after"));

        var seen = await client.PollUntilAsync([], s => s.Count >= 3);
        Assert.Equal(3, seen.Count); // welcome, echo, reply — nothing for the ignored ones
        Assert.DoesNotContain(fixture.ReceivedIn(client.ConversationId), a => a.Type is "somethingNew" or ActivityTypes.Typing);
    }

    [Fact]
    public async Task Upload_says_plainly_that_files_are_not_accepted()
    {
        var host = fixture.Host;
        var client = new DirectLineTestClient(host.Client);
        await client.GenerateTokenAsync();
        await client.StartConversationAsync();
        var request = client.Request(HttpMethod.Post, $"/conversations/{client.ConversationId}/upload?userId=r_x");
        request.Content = new MultipartFormDataContent { { new ByteArrayContent([1, 2, 3]), "file", "cccd.jpg" } };
        await DirectLineAuthTests.AssertProblem(HttpStatusCode.UnsupportedMediaType, request, client);
    }

    static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : "";
}
