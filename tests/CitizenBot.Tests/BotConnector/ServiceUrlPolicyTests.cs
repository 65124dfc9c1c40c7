using CitizenBot.BotConnector;
using Microsoft.Extensions.Options;

namespace CitizenBot.Tests.BotConnector;

public sealed class ServiceUrlPolicyTests
{
    static ServiceUrlPolicy Policy(string? appId, params string[]? hosts) =>
        new(Options.Create(new BotOptions { MicrosoftAppId = appId, MicrosoftAppPassword = appId is null ? null : "secret", ServiceUrlHosts = hosts }));

    [Theory]
    [InlineData("https://webchat.botframework.com/")]
    [InlineData("https://europe.directline.botframework.com/")]
    [InlineData("https://smba.trafficmanager.net/amer/")]
    [InlineData("https://smba.infra.gcc.teams.microsoft.com/")]
    public void With_an_App_ID_the_Bot_Framework_hosts_are_allowed_by_default(string serviceUrl) =>
        Assert.Null(Policy("app", null).Check(serviceUrl));

    [Theory]
    [InlineData("https://botframework.com.evil.example/")]
    [InlineData("https://evilbotframework.com/")]
    [InlineData("https://attacker.trafficmanager.net/")]
    [InlineData("http://webchat.botframework.com/")]
    [InlineData("https://webchat.botframework.com/path?x=1")]
    [InlineData("https://webchat.botframework.com/#")]
    [InlineData("https://user@webchat.botframework.com/")]
    [InlineData("http://127.0.0.1:3978/")]
    [InlineData("not a url")]
    public void With_an_App_ID_anything_else_is_refused(string serviceUrl) =>
        Assert.NotNull(Policy("app", null).Check(serviceUrl));

    [Theory]
    [InlineData("http://127.0.0.1:5000/", true)]
    [InlineData("http://localhost:5000/", true)]
    [InlineData("http://[::1]:5000/", true)]
    [InlineData("https://webchat.botframework.com/", false)]
    [InlineData("http://0.0.0.0:5000/", false)]
    public void Without_an_App_ID_only_loopback_by_default(string serviceUrl, bool allowed) =>
        Assert.Equal(allowed, Policy(null, null).Check(serviceUrl) is null);

    [Fact]
    public void Without_an_App_ID_configured_hosts_are_allowed_too_over_https_only()
    {
        var policy = Policy(null, "connector.example.vn");
        Assert.Null(policy.Check("https://connector.example.vn/api/"));
        Assert.NotNull(policy.Check("http://connector.example.vn/api/"));
        Assert.Null(policy.Check("http://127.0.0.1:1/"));
    }

    [Theory]
    [InlineData("*.botframework.com", true)]
    [InlineData("smba.trafficmanager.net", true)]
    [InlineData("127.0.0.1", true)]
    [InlineData("", false)]
    [InlineData("*", false)]
    [InlineData("https://x.example/", false)]
    [InlineData("a b", false)]
    public void Host_patterns_are_names_or_star_dot_names(string pattern, bool valid) =>
        Assert.Equal(valid, ServiceUrlPolicy.IsValidHostPattern(pattern));
}
