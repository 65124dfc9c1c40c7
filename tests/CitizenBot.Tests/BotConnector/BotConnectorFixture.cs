using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CitizenBot.Core.Protocol;
using CitizenBot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CitizenBot.Tests.BotConnector;

/// <summary>
/// Echoes messages ("echo: …", and a second reply when asked for "two"), answers the invoke "test/handled", ignores
/// everything else: enough to see the channel's behaviour without the real dialogs.
/// </summary>
public sealed class ConnectorTestBot : IBot
{
    public const string HandledInvoke = "test/handled";

    public Task<IReadOnlyList<Activity>> OnTurnAsync(Activity incoming, CancellationToken cancellationToken)
    {
        IReadOnlyList<Activity> replies = incoming switch
        {
            { Type: ActivityTypes.Message, Text: "two" } => [Message("echo: two"), Message("second reply")],
            { Type: ActivityTypes.Message } => [Message("echo: " + incoming.Text)],
            { Type: ActivityTypes.Invoke, Name: HandledInvoke } =>
                [new Activity { Type = "invokeResponse", Value = JsonSerializer.SerializeToElement(new { status = 200, body = new { ok = true } }) }],
            _ => [],
        };
        return Task.FromResult(replies);
    }

    static Activity Message(string text) => new() { Type = ActivityTypes.Message, Text = text };
}

/// <summary>
/// The fakes (identity server, connector) and three hosts sharing them: one with an App ID (authentication on; the
/// fake connector's loopback address on its serviceUrl allow-list), one without in the Development environment
/// (anonymous; replies delivered one at a time so their order is known), one with a tiny rate limit.
/// </summary>
public sealed class BotConnectorFixture : IAsyncLifetime
{
    public const string AppPassword = "test-app-secret";

    public TestKeys Keys { get; } = new();
    public FakeIdentityServer Identity { get; private set; } = null!;
    public FakeConnector Connector { get; private set; } = null!;
    public TestHost Authenticated { get; private set; } = null!;
    public TestHost Anonymous { get; private set; } = null!;
    public TestHost RateLimited { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Identity = await FakeIdentityServer.StartAsync(Keys);
        Connector = await FakeConnector.StartAsync();
        Authenticated = await TestHost.StartAsync(UseTestBot,
            ("Bot:MicrosoftAppId", TestKeys.AppId),
            ("Bot:MicrosoftAppPassword", AppPassword),
            ("Bot:OpenIdMetadataUrl", Identity.ChannelMetadataUrl.ToString()),
            ("Bot:EmulatorOpenIdMetadataUrl", Identity.EmulatorMetadataUrl.ToString()),
            ("Bot:TokenEndpoint", Identity.TokenEndpoint.ToString()),
            ("Bot:ServiceUrlHosts:0", "127.0.0.1"),
            ("BotConnector:OutboundRetryDelayMilliseconds", "20"));
        Anonymous = await TestHost.StartAsync(UseTestBot, ("environment", "Development"),
            ("BotConnector:DeliveryConcurrency", "1"), ("BotConnector:OutboundRetryDelayMilliseconds", "20"));
        RateLimited = await TestHost.StartAsync(UseTestBot, ("Bot:AllowAnonymous", "true"), ("BotConnector:PermitsPerMinute", "2"));
    }

    public static void UseTestBot(Microsoft.AspNetCore.Builder.WebApplicationBuilder builder)
    {
        builder.Services.RemoveAll<IBot>();
        builder.Services.AddSingleton<IBot, ConnectorTestBot>();
    }

    public async Task DisposeAsync()
    {
        foreach (var host in new[] { Authenticated, Anonymous, RateLimited })
            if (host is not null) await host.DisposeAsync();
        if (Connector is not null) await Connector.DisposeAsync();
        if (Identity is not null) await Identity.DisposeAsync();
    }

    /// <summary>An activity as a channel sends it, in its own new conversation unless one is given.</summary>
    public JsonObject NewActivity(string? conversationId = null, string channelId = "webchat", string text = "xin chào") => new()
    {
        ["type"] = "message",
        ["id"] = "act-" + Guid.NewGuid().ToString("N")[..8],
        ["timestamp"] = DateTime.UtcNow.ToString("O"),
        ["channelId"] = channelId,
        ["serviceUrl"] = Connector.ServiceUrl,
        ["from"] = new JsonObject { ["id"] = "user-1", ["name"] = "Lan" },
        ["recipient"] = new JsonObject { ["id"] = "bot-1", ["name"] = "CitizenBot" },
        ["conversation"] = new JsonObject { ["id"] = conversationId ?? NewConversationId() },
        ["locale"] = "vi-VN",
        ["text"] = text,
    };

    /// <summary>Has characters that must be escaped in a URL path, as real channel conversation IDs do (Teams: "a:1…", "…;messageid=…").</summary>
    public static string NewConversationId() => $"a:{Guid.NewGuid():N}/x y;messageid=1";

    public static async Task<HttpResponseMessage> PostAsync(TestHost host, JsonNode activity, string? bearer = null) =>
        await PostRawAsync(host, activity.ToJsonString(), bearer);

    public static async Task<HttpResponseMessage> PostRawAsync(TestHost host, string body, string? bearer = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        if (bearer is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        return await host.Client.SendAsync(request);
    }
}

[CollectionDefinition(Name)]
public sealed class BotConnectorCollection : ICollectionFixture<BotConnectorFixture>
{
    public const string Name = "BotConnector";
}
