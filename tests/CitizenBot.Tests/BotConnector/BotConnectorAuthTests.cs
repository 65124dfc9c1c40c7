using System.Net;
using System.Text;
using CitizenBot.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CitizenBot.Tests.BotConnector;

/// <summary>POST /api/messages with an App ID configured: every request needs a valid Bot Connector or Emulator token.</summary>
[Collection(BotConnectorCollection.Name)]
public sealed class BotConnectorAuthTests(BotConnectorFixture fx)
{
    TestHost Host => fx.Authenticated;

    [Theory]
    [InlineData(SecurityAlgorithms.RsaSha256, 0)]
    [InlineData(SecurityAlgorithms.RsaSha384, 0)]
    [InlineData(SecurityAlgorithms.RsaSha512, 0)]
    [InlineData(SecurityAlgorithms.RsaSha256, -2)] // expired 2 minutes ago: inside the 5-minute clock skew
    public async Task Valid_channel_token_gets_200_and_the_reply_reaches_the_connector_with_a_bearer_token(string algorithm, int expiredMinutesAgo)
    {
        var activity = fx.NewActivity(text: "cấp lại căn cước");
        var conversationId = (string)activity["conversation"]!["id"]!;
        var activityId = (string)activity["id"]!;
        var token = fx.Keys.ChannelToken(fx.Connector.ServiceUrl, algorithm: algorithm,
            expiresIn: expiredMinutesAgo == 0 ? null : TimeSpan.FromMinutes(expiredMinutesAgo));

        using var response = await BotConnectorFixture.PostAsync(Host, activity, token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        var reply = await fx.Connector.NextAsync(conversationId);
        Assert.Equal("POST", reply.Method);
        Assert.Equal($"/v3/conversations/{Uri.EscapeDataString(conversationId)}/activities/{Uri.EscapeDataString(activityId)}", reply.RawTarget);
        Assert.StartsWith("Bearer " + FakeIdentityServer.IssuedTokenPrefix, reply.Authorization);
        Assert.Equal("echo: cấp lại căn cước", reply.Text);
        Assert.Equal(activityId, reply.ReplyToId);
        Assert.Equal("bot-1", reply.Activity.GetProperty("from").GetProperty("id").GetString());
        Assert.Equal("user-1", reply.Activity.GetProperty("recipient").GetProperty("id").GetString());
        foreach (var channelOwned in new[] { "id", "timestamp", "serviceUrl" })
            Assert.False(reply.Activity.TryGetProperty(channelOwned, out _), $"the reply must leave out '{channelOwned}'");
    }

    public static TheoryData<string> RejectedTokens => ["expired", "wrong audience", "no audience", "wrong issuer", "unsigned (alg none)",
        "unknown key", "impostor key under the published kid", "HS256", "PS256 by the published key", "serviceurl mismatch", "not a JWT", "emulator v2 for another app",
        "emulator unknown version"];

    [Theory]
    [MemberData(nameof(RejectedTokens))]
    public async Task Invalid_token_gets_401_problem_details(string kind)
    {
        var serviceUrl = fx.Connector.ServiceUrl;
        var activity = fx.NewActivity();
        var token = kind switch
        {
            "expired" => fx.Keys.ChannelToken(serviceUrl, expiresIn: TimeSpan.FromMinutes(-10)),
            "wrong audience" => fx.Keys.ChannelToken(serviceUrl, audience: "some-other-bot"),
            "no audience" => fx.Keys.ChannelToken(serviceUrl, audience: null),
            "wrong issuer" => fx.Keys.ChannelToken(serviceUrl, issuer: "https://api.botframework.com.evil.example"),
            "unsigned (alg none)" => TestKeys.UnsignedToken(serviceUrl),
            "unknown key" => fx.Keys.ChannelToken(serviceUrl, key: fx.Keys.Rogue),
            "impostor key under the published kid" => fx.Keys.ChannelToken(serviceUrl, key: fx.Keys.Impostor),
            "HS256" => SymmetricToken(serviceUrl),
            "PS256 by the published key" => fx.Keys.ChannelToken(serviceUrl, algorithm: SecurityAlgorithms.RsaSsaPssSha256),
            "serviceurl mismatch" => fx.Keys.ChannelToken("https://smba.trafficmanager.net/evil/"),
            "not a JWT" => "definitely-not-a-jwt",
            "emulator v2 for another app" => fx.Keys.EmulatorToken("2.0", appId: "another-app"),
            "emulator unknown version" => fx.Keys.EmulatorToken("3.0"),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };

        using var response = await BotConnectorFixture.PostAsync(Host, activity, token);

        await AssertUnauthorized(response);
    }

    [Fact]
    public async Task Token_whose_key_is_not_endorsed_for_the_channel_gets_401()
    {
        var activity = fx.NewActivity(channelId: "slack");
        using var response = await BotConnectorFixture.PostAsync(Host, activity, fx.Keys.ChannelToken(fx.Connector.ServiceUrl));
        await AssertUnauthorized(response);
    }

    [Fact]
    public async Task Missing_or_non_bearer_authorization_gets_401()
    {
        using var none = await BotConnectorFixture.PostAsync(Host, fx.NewActivity());
        await AssertUnauthorized(none);

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(fx.NewActivity().ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("Authorization", "Basic dXNlcjpwYXNz");
        using var basic = await Host.Client.SendAsync(request);
        await AssertUnauthorized(basic);
    }

    [Theory]
    [InlineData("1.0")]
    [InlineData("2.0")]
    public async Task Emulator_token_is_accepted_by_version_claim(string version)
    {
        var activity = fx.NewActivity(channelId: "emulator", text: $"emulator {version}");
        var conversationId = (string)activity["conversation"]!["id"]!;

        using var response = await BotConnectorFixture.PostAsync(Host, activity, fx.Keys.EmulatorToken(version));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"echo: emulator {version}", (await fx.Connector.NextAsync(conversationId)).Text);
    }

    [Fact]
    public async Task Outbound_token_is_fetched_once_with_client_credentials_and_reused_for_every_reply()
    {
        var conversationId = BotConnectorFixture.NewConversationId();
        var authorizations = new List<string?>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await BotConnectorFixture.PostAsync(Host, fx.NewActivity(conversationId, text: $"câu {i}"),
                fx.Keys.ChannelToken(fx.Connector.ServiceUrl));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            authorizations.Add((await fx.Connector.NextAsync(conversationId)).Authorization);
        }

        Assert.All(authorizations, a => Assert.Equal("Bearer " + FakeIdentityServer.IssuedTokenPrefix + "1", a));
        var request = Assert.Single(fx.Identity.TokenRequests);
        Assert.Equal("client_credentials", request["grant_type"]);
        Assert.Equal(TestKeys.AppId, request["client_id"]);
        Assert.Equal(BotConnectorFixture.AppPassword, request["client_secret"]);
        Assert.Equal("https://api.botframework.com/.default", request["scope"]);
    }

    [Fact]
    public async Task Reply_is_retried_when_the_connector_fails_transiently()
    {
        var activity = fx.NewActivity(text: "thử lại");
        var conversationId = (string)activity["conversation"]!["id"]!;
        fx.Connector.FailNext(conversationId, 2);

        using var response = await BotConnectorFixture.PostAsync(Host, activity, fx.Keys.ChannelToken(fx.Connector.ServiceUrl));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("echo: thử lại", (await fx.Connector.NextAsync(conversationId)).Text);
        Assert.Equal(3, fx.Connector.Attempts(conversationId));
    }

    [Fact]
    public async Task Unreachable_signing_keys_fail_closed_with_503()
    {
        await using var host = await TestHost.StartAsync(null,
            ("Bot:MicrosoftAppId", TestKeys.AppId),
            ("Bot:MicrosoftAppPassword", BotConnectorFixture.AppPassword),
            ("Bot:OpenIdMetadataUrl", new Uri(fx.Identity.BaseAddress, "no-such-metadata").ToString()),
            ("BotConnector:OutboundRetries", "0"));

        using var response = await BotConnectorFixture.PostAsync(host, fx.NewActivity(), fx.Keys.ChannelToken(fx.Connector.ServiceUrl));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    string SymmetricToken(string serviceUrl) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = TestKeys.BotConnectorIssuer,
        Audience = TestKeys.AppId,
        Expires = DateTime.UtcNow.AddHours(1),
        Claims = new Dictionary<string, object> { ["serviceurl"] = serviceUrl },
        SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(new byte[32]) { KeyId = fx.Keys.Channel.Key.KeyId }, SecurityAlgorithms.HmacSha256),
    });

    static async Task AssertUnauthorized(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
        Assert.DoesNotContain("Exception", await response.Content.ReadAsStringAsync());
    }
}
