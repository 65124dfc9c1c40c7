using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using CitizenBot.Core.Protocol;
using CitizenBot.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace CitizenBot.Tests.DirectLine;

/// <summary>Makes the HTTP calls DirectLineJS 0.15 makes for Web Chat, with the same headers.</summary>
public sealed class DirectLineTestClient
{
    public const string Agent = "DirectLine/3.0 (directlinejs 0.15.5; CitizenBot tests)";
    readonly HttpClient _http;

    public DirectLineTestClient(HttpClient http) => _http = http;

    public string? Token { get; set; }
    public string? ConversationId { get; set; }
    public string? StreamUrl { get; set; }
    public string Watermark { get; set; } = "";

    public static async Task<(TestHost Host, RecordingBot Bot)> StartHostAsync(Action<WebApplicationBuilder>? configure = null, params (string, string)[] settings)
    {
        var bot = new RecordingBot();
        var host = await TestHost.StartAsync(builder =>
        {
            builder.Services.AddSingleton<IBot>(bot);
            configure?.Invoke(builder);
        }, settings);
        return (host, bot);
    }

    public HttpRequestMessage Request(HttpMethod method, string path, object? body = null, string? token = null)
    {
        var request = new HttpRequestMessage(method, "/v3/directline" + path);
        if ((token ?? Token) is { } bearer)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        request.Headers.TryAddWithoutValidation("x-ms-bot-agent", Agent);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (body is not null)
            request.Content = JsonContent.Create(body);
        return request;
    }

    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request) => _http.SendAsync(request);

    /// <summary>Page's step 1: POST /tokens/generate.</summary>
    public async Task<JsonObject> GenerateTokenAsync()
    {
        using var response = await _http.SendAsync(Request(HttpMethod.Post, "/tokens/generate"));
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var body = await ReadObjectAsync(response);
        Token = (string)body["token"]!;
        ConversationId = (string)body["conversationId"]!;
        return body;
    }

    /// <summary>DLJS startConversation: POST /conversations with {user:{id}, locale}.</summary>
    public async Task<(System.Net.HttpStatusCode Status, JsonObject Body)> StartConversationAsync(string? userId = null)
    {
        using var response = await _http.SendAsync(Request(HttpMethod.Post, "/conversations", new { user = new { id = userId ?? "r_webchat" }, locale = "vi-VN" }));
        var body = await ReadObjectAsync(response);
        ConversationId = (string?)body["conversationId"] ?? ConversationId;
        Token = (string?)body["token"] ?? Token;
        StreamUrl = (string?)body["streamUrl"] ?? StreamUrl;
        return (response.StatusCode, body);
    }

    /// <summary>What Web Chat posts for a typed message (sendMessageToPostActivitySaga).</summary>
    public static object Message(string text, string clientActivityId, string userId = "r_webchat") => new
    {
        type = "message",
        text,
        textFormat = "plain",
        locale = "vi-VN",
        localTimestamp = "2025-07-01T15:00:00.000+07:00",
        localTimezone = "Asia/Saigon",
        channelId = "webchat",
        from = new { id = userId, name = "", role = "user" },
        channelData = new { clientActivityID = clientActivityId, attachmentSizes = Array.Empty<int>() },
    };

    public async Task<string> PostAsync(object activity)
    {
        using var response = await _http.SendAsync(Request(HttpMethod.Post, $"/conversations/{ConversationId}/activities", activity));
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return (string)(await ReadObjectAsync(response))["id"]!;
    }

    /// <summary>One polling GET, exactly as DLJS: ?watermark= with the last truthy watermark.</summary>
    public async Task<List<JsonObject>> PollOnceAsync()
    {
        using var response = await _http.SendAsync(Request(HttpMethod.Get, $"/conversations/{ConversationId}/activities?watermark={Watermark}"));
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var set = await ReadObjectAsync(response);
        if ((string?)set["watermark"] is { Length: > 0 } watermark)
            Watermark = watermark;
        return set["activities"]!.AsArray().Select(a => a!.AsObject()).ToList();
    }

    /// <summary>Polls (like DLJS, but briskly) until the collected activities satisfy the condition; fails after 30 s.</summary>
    public async Task<List<JsonObject>> PollUntilAsync(List<JsonObject> seen, Func<List<JsonObject>, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!done(seen))
        {
            Assert.True(DateTime.UtcNow < deadline, "Timed out waiting for activities; got: " + string.Join(" | ", seen.Select(a => a.ToJsonString())));
            var batch = await PollOnceAsync();
            seen.AddRange(batch);
            if (batch.Count == 0)
                await Task.Delay(20);
        }
        return seen;
    }

    public static async Task<JsonObject> ReadObjectAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return string.IsNullOrEmpty(text) ? [] : JsonNode.Parse(text)!.AsObject();
    }

    public static Activity ToActivity(JsonObject json) => json.Deserialize<Activity>(ProtocolJson.Options)!;
}

/// <summary>One host with a <see cref="RecordingBot"/> shared by a test class (each test uses its own conversation).</summary>
public sealed class DirectLineHostFixture : IAsyncLifetime
{
    public TestHost Host { get; private set; } = null!;
    public RecordingBot Bot { get; private set; } = null!;

    public DirectLineTestClient NewClient() => new(Host.Client);

    /// <summary>What the bot received in one conversation.</summary>
    public IReadOnlyList<Activity> ReceivedIn(string? conversationId) =>
        Bot.Received.Where(a => a.Conversation?.Id == conversationId).ToList();

    public async Task InitializeAsync() => (Host, Bot) = await DirectLineTestClient.StartHostAsync();

    public async Task DisposeAsync() => await Host.DisposeAsync();
}
