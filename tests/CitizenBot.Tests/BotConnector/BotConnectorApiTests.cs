using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CitizenBot.Tests.Infrastructure;

namespace CitizenBot.Tests.BotConnector;

/// <summary>POST /api/messages without an App ID (local development): the wire behaviour of the channel itself.</summary>
[Collection(BotConnectorCollection.Name)]
public sealed class BotConnectorApiTests(BotConnectorFixture fx)
{
    TestHost Host => fx.Anonymous;

    [Fact]
    public async Task Anonymous_request_without_App_ID_gets_200_and_replies_go_without_authorization()
    {
        var activity = fx.NewActivity(text: "two");
        var conversationId = (string)activity["conversation"]!["id"]!;

        using var response = await BotConnectorFixture.PostAsync(Host, activity);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var first = await fx.Connector.NextAsync(conversationId);
        var second = await fx.Connector.NextAsync(conversationId);
        Assert.Equal(new string?[] { "echo: two", "second reply" }, new[] { first.Text, second.Text });
        Assert.Null(first.Authorization);
        Assert.Null(second.Authorization);
    }

    [Fact]
    public async Task ExpectReplies_returns_the_replies_in_the_body_and_sends_nothing()
    {
        var conversationId = BotConnectorFixture.NewConversationId();
        var expecting = fx.NewActivity(conversationId, text: "two");
        expecting["deliveryMode"] = "expectReplies";

        using var response = await BotConnectorFixture.PostAsync(Host, expecting);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var texts = body.GetProperty("activities").EnumerateArray().Select(a => a.GetProperty("text").GetString()).ToArray();
        Assert.Equal(new string?[] { "echo: two", "second reply" }, texts);
        Assert.Equal((string)expecting["id"]!, body.GetProperty("activities")[0].GetProperty("replyToId").GetString());

        // Delivery is one queue with one worker on this host: had the expectReplies turn sent anything, it would come first.
        using var normal = await BotConnectorFixture.PostAsync(Host, fx.NewActivity(conversationId, text: "sau đó"));
        Assert.Equal("echo: sau đó", (await fx.Connector.NextAsync(conversationId)).Text);
    }

    [Fact]
    public async Task Activity_without_type_gets_400()
    {
        var activity = fx.NewActivity();
        activity.Remove("type");
        using var response = await BotConnectorFixture.PostAsync(Host, activity);
        await AssertProblem(response, HttpStatusCode.BadRequest, "type");
    }

    [Theory]
    [InlineData("{\"type\":\"message\",")]
    [InlineData("not json at all")]
    [InlineData("[1,2,3]")]
    [InlineData("null")]
    [InlineData("")]
    public async Task Malformed_json_gets_400_problem_details(string body)
    {
        using var response = await BotConnectorFixture.PostRawAsync(Host, body);
        await AssertProblem(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Activity_without_serviceUrl_gets_400()
    {
        var activity = fx.NewActivity();
        activity.Remove("serviceUrl");
        using var response = await BotConnectorFixture.PostAsync(Host, activity);
        await AssertProblem(response, HttpStatusCode.BadRequest, "serviceUrl");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Oversize_body_gets_413(bool declaredLength)
    {
        var activity = fx.NewActivity(text: new string('a', 300 * 1024));
        var bytes = Encoding.UTF8.GetBytes(activity.ToJsonString());
        HttpContent content = declaredLength ? new ByteArrayContent(bytes) : ChunkedContent.Of(bytes);
        content.Headers.ContentType = new("application/json");
        using var response = await Host.Client.PostAsync("/api/messages", content);
        await AssertProblem(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Invoke_the_bot_does_not_handle_gets_501_and_a_handled_one_gets_its_response()
    {
        var unhandled = fx.NewActivity();
        unhandled["type"] = "invoke";
        unhandled["name"] = "composeExtension/query";
        using var notImplemented = await BotConnectorFixture.PostAsync(Host, unhandled);
        await AssertProblem(notImplemented, HttpStatusCode.NotImplemented);

        var handled = fx.NewActivity();
        handled["type"] = "invoke";
        handled["name"] = ConnectorTestBot.HandledInvoke;
        using var ok = await BotConnectorFixture.PostAsync(Host, handled);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.True((await ok.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("ok").GetBoolean());
    }

    [Fact]
    public async Task Get_gets_405()
    {
        using var response = await Host.Client.GetAsync("/api/messages");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    [Fact]
    public async Task Client_over_its_per_minute_permits_gets_429_with_retry_after()
    {
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 3; i++)
        {
            last?.Dispose();
            var activity = fx.NewActivity();
            activity["deliveryMode"] = "expectReplies";
            last = await BotConnectorFixture.PostAsync(fx.RateLimited, activity);
            statuses.Add(last.StatusCode);
        }
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.NotNull(last!.Headers.RetryAfter);
        await AssertProblem(last, HttpStatusCode.TooManyRequests);
        last.Dispose();
    }

    internal static async Task AssertProblem(HttpResponseMessage response, HttpStatusCode status, string? detailMentions = null)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal((int)status, (int)problem!["status"]!);
        if (detailMentions is not null)
            Assert.Contains(detailMentions, (string?)problem["detail"]);
    }
}
