using System.Collections.Concurrent;
using System.Net;
using CitizenBot.BotConnector;
using CitizenBot.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CitizenBot.Tests.BotConnector;

/// <summary>
/// Attacks on POST /api/messages over real HTTP (issue 11, items 1 and 2): Azure's root-level identity keys must turn
/// authentication on, a host without an App ID must not be open outside development, and an activity's serviceUrl
/// must not send the bot's outbound calls where the caller chooses.
/// </summary>
[Collection(BotConnectorCollection.Name)]
public sealed class BotConnectorSecurityTests(BotConnectorFixture fx)
{
    const string StaleAliasAppId = "stale-bot-alias-app-id";

    [Fact]
    public async Task Root_level_MicrosoftAppId_turns_authentication_on_and_wins_over_its_Bot_alias()
    {
        // Its own identity server: the fixture's counts the outbound tokens of the shared authenticated host.
        await using var identity = await FakeIdentityServer.StartAsync(fx.Keys);
        await using var host = await TestHost.StartAsync(BotConnectorFixture.UseTestBot,
            ("MicrosoftAppId", TestKeys.AppId), ("MicrosoftAppPassword", BotConnectorFixture.AppPassword),
            ("MicrosoftAppType", "MultiTenant"), ("Bot:MicrosoftAppId", StaleAliasAppId),
            ("Bot:OpenIdMetadataUrl", identity.ChannelMetadataUrl.ToString()),
            ("Bot:EmulatorOpenIdMetadataUrl", identity.EmulatorMetadataUrl.ToString()),
            ("Bot:TokenEndpoint", identity.TokenEndpoint.ToString()), ("Bot:ServiceUrlHosts:0", "127.0.0.1"));

        using var anonymous = await BotConnectorFixture.PostAsync(host, fx.NewActivity());
        await BotConnectorApiTests.AssertProblem(anonymous, HttpStatusCode.Unauthorized);

        using var forAlias = await BotConnectorFixture.PostAsync(host, fx.NewActivity(),
            fx.Keys.ChannelToken(fx.Connector.ServiceUrl, audience: StaleAliasAppId));
        await BotConnectorApiTests.AssertProblem(forAlias, HttpStatusCode.Unauthorized);

        var activity = fx.NewActivity(text: "khai sinh");
        using var valid = await BotConnectorFixture.PostAsync(host, activity, fx.Keys.ChannelToken(fx.Connector.ServiceUrl));
        Assert.Equal(HttpStatusCode.OK, valid.StatusCode);
        Assert.Equal("echo: khai sinh", (await fx.Connector.NextAsync((string)activity["conversation"]!["id"]!)).Text);
    }

    [Fact]
    public async Task Without_an_App_ID_outside_Development_every_request_gets_401_and_the_chat_page_and_Direct_Line_still_work()
    {
        await using var host = await TestHost.StartAsync(BotConnectorFixture.UseTestBot); // Production: the test host's default.

        var activity = fx.NewActivity();
        using var anonymous = await BotConnectorFixture.PostAsync(host, activity);
        using var withSomeToken = await BotConnectorFixture.PostAsync(host, fx.NewActivity(), fx.Keys.ChannelToken(fx.Connector.ServiceUrl));

        await BotConnectorApiTests.AssertProblem(anonymous, HttpStatusCode.Unauthorized, "App ID");
        Assert.Contains(anonymous.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
        await BotConnectorApiTests.AssertProblem(withSomeToken, HttpStatusCode.Unauthorized);
        await Task.Delay(200);
        Assert.Equal(0, fx.Connector.Attempts((string)activity["conversation"]!["id"]!));

        using var chatPage = await host.Client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, chatPage.StatusCode);
        using var token = await host.Client.PostAsync("/v3/directline/tokens/generate", null);
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
    }

    [Fact]
    public async Task Bot_AllowAnonymous_opens_the_channel_outside_Development_and_says_so_loudly()
    {
        var logs = new CapturingLoggerProvider();
        await using var host = await TestHost.StartAsync(builder =>
        {
            BotConnectorFixture.UseTestBot(builder);
            builder.Logging.AddProvider(logs);
        }, ("Bot:AllowAnonymous", "true"));
        var activity = fx.NewActivity(text: "được phép");

        using var response = await BotConnectorFixture.PostAsync(host, activity);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("echo: được phép", (await fx.Connector.NextAsync((string)activity["conversation"]!["id"]!)).Text);
        Assert.Contains(logs.Logs, l => l.Level == LogLevel.Critical && l.Message.Contains("Bot:AllowAnonymous=true"));
    }

    [Theory]
    [InlineData("SingleTenant", "MicrosoftAppTenantId")]
    [InlineData("UserAssignedMSI", "UserAssignedMSI")]
    [InlineData("Tenant", "MicrosoftAppType")]
    public async Task MicrosoftAppType_the_host_cannot_honour_stops_the_start_naming_the_key(string appType, string named)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => TestHost.StartAsync(
            ("MicrosoftAppId", TestKeys.AppId), ("MicrosoftAppPassword", BotConnectorFixture.AppPassword), ("MicrosoftAppType", appType)));
        Assert.Contains(named, error.Message);
    }

    /// <summary>Each one a reproduction: on the old code the bot called the address (the first one exactly; # and ? cut its path short).</summary>
    public static TheoryData<string> RefusedAnonymousServiceUrls =>
    [
        "http://127.0.0.1:5702/exact/path#",
        "http://127.0.0.1:5702/exact/path?x=",
        "http://169.254.169.254/metadata/instance",
        "http://10.0.0.5:8080/",
        "https://evil.example.com/",
        "http://127.0.0.1.nip.io/",
        "http://user:secret@127.0.0.1:5702/",
        "ftp://127.0.0.1/",
    ];

    [Theory]
    [MemberData(nameof(RefusedAnonymousServiceUrls))]
    public async Task Anonymous_serviceUrl_off_loopback_or_with_query_fragment_or_user_info_gets_4xx_and_no_outbound_call(string serviceUrl)
    {
        var outbound = new OutboundRecorder();
        await using var host = await DevelopmentHostAsync(outbound);
        var activity = fx.NewActivity();
        activity["serviceUrl"] = serviceUrl;

        using var response = await BotConnectorFixture.PostAsync(host, activity);

        Assert.InRange((int)response.StatusCode, 400, 499);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        await Task.Delay(300);
        Assert.Empty(outbound.Requests);
    }

    [Fact]
    public async Task Anonymous_loopback_serviceUrl_gets_the_reply_at_its_path_with_each_id_one_escaped_segment()
    {
        var outbound = new OutboundRecorder();
        await using var host = await DevelopmentHostAsync(outbound);
        var activity = fx.NewActivity(conversationId: "a/b?c#d", text: "xin chào");
        activity["id"] = "x/../y?z";
        activity["serviceUrl"] = "http://127.0.0.1:5702/base/";

        using var response = await BotConnectorFixture.PostAsync(host, activity);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var request = await outbound.NextAsync();
        Assert.Equal("http://127.0.0.1:5702/base/v3/conversations/a%2Fb%3Fc%23d/activities/x%2F..%2Fy%3Fz", request.AbsoluteUri);
    }

    [Fact]
    public async Task Channel_token_vouching_for_a_host_off_the_allow_list_gets_403_and_no_outbound_call()
    {
        // The fake connector again, by a name the token vouches for but Bot:ServiceUrlHosts (127.0.0.1) does not list.
        var serviceUrl = fx.Connector.ServiceUrl.Replace("127.0.0.1", "localhost");
        var activity = fx.NewActivity();
        activity["serviceUrl"] = serviceUrl;

        using var response = await BotConnectorFixture.PostAsync(fx.Authenticated, activity, fx.Keys.ChannelToken(serviceUrl));

        await BotConnectorApiTests.AssertProblem(response, HttpStatusCode.Forbidden, "ServiceUrlHosts");
        await Task.Delay(300);
        Assert.Equal(0, fx.Connector.Attempts((string)activity["conversation"]!["id"]!));
    }

    [Fact]
    public async Task Emulator_token_with_a_serviceUrl_off_the_allow_list_gets_403()
    {
        var activity = fx.NewActivity(channelId: "emulator");
        activity["serviceUrl"] = "https://evil.example.com/";

        using var response = await BotConnectorFixture.PostAsync(fx.Authenticated, activity, fx.Keys.EmulatorToken("2.0"));

        await BotConnectorApiTests.AssertProblem(response, HttpStatusCode.Forbidden);
    }

    /// <summary>A Development host (anonymous) whose reply client never reaches the network: every outbound request is recorded and answered 200.</summary>
    static Task<TestHost> DevelopmentHostAsync(OutboundRecorder outbound) =>
        TestHost.StartAsync(builder =>
        {
            BotConnectorFixture.UseTestBot(builder);
            builder.Services.AddHttpClient(ConnectorClient.ClientName).ConfigurePrimaryHttpMessageHandler(() => new RecordingHandler(outbound));
        }, ("environment", "Development"), ("BotConnector:OutboundRetries", "0"));

    sealed class OutboundRecorder
    {
        readonly BlockingCollection<Uri> _requests = [];
        public IReadOnlyList<Uri> Requests => [.. _requests];
        public void Add(Uri uri) => _requests.Add(uri);

        public Task<Uri> NextAsync() => Task.Run(() =>
            _requests.TryTake(out var uri, TimeSpan.FromSeconds(20)) ? uri : throw new Xunit.Sdk.XunitException("No outbound request was made."));
    }

    sealed class RecordingHandler(OutboundRecorder recorder) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            recorder.Add(request.RequestUri!);
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{\"id\":\"1\"}") });
        }
    }
}
