using CitizenBot.Core.Conversations;
using CitizenBot.Core.Demand;
using CitizenBot.Core.Protocol;
using CitizenBot.Postgres;
using CitizenBot.Postgres.Tests;
using CitizenBot.Tests.Admin;
using CitizenBot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace CitizenBot.Tests.Demand;

/// <summary>
/// Two replicas of the real host on one PostgreSQL server (Storage:PostgresConnectionString): a conversation started
/// on one continues on the other, both write one demand log, and a dashboard sign-in on one is honoured by the other (a sign-out on one, too).
/// </summary>
public sealed class PostgresReplicaTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Two_replicas_share_conversation_state_the_demand_log_and_dashboard_sign_in()
    {
        if (PostgresServer.SkipIfUnavailable(PostgresServer.UnavailableReason(), output)) return;
        await using var server = await PostgresServer.StartNewAsync();
        var settings = new[]
        {
            ("Storage:PostgresConnectionString", await server.CreateDatabaseAsync()),
            ("DemandLog:HashSalt", "shared-salt-of-this-deployment"),
        };
        await using var a = await TestHost.StartAsync(settings);
        await using var b = await TestHost.StartAsync(settings);
        Assert.IsType<PostgresConversationStateStore>(a.Services.GetRequiredService<IConversationStateStore>());
        Assert.IsType<PostgresDemandStore>(b.Services.GetRequiredService<IDemandStore>());

        // A conversation moves between replicas.
        static Activity Say(string text) => new()
        {
            Type = ActivityTypes.Message, Text = text, ChannelId = "webchat", Id = Guid.NewGuid().ToString("N"),
            From = new ChannelAccount { Id = "user-1" }, Conversation = new ConversationAccount { Id = "moving-conversation" },
        };
        await a.Services.GetRequiredService<IBot>().OnTurnAsync(Say("đăng ký cho con vào lớp 1"), CancellationToken.None);
        var afterA = await b.Services.GetRequiredService<IConversationStateStore>().GetAsync("moving-conversation", CancellationToken.None);
        Assert.NotNull(afterA);
        await b.Services.GetRequiredService<IBot>().OnTurnAsync(Say("đăng ký cho con vào lớp 1 ở trường gần nhà"), CancellationToken.None);
        var afterB = await a.Services.GetRequiredService<IConversationStateStore>().GetAsync("moving-conversation", CancellationToken.None);
        Assert.True(afterB!.Version > afterA!.Version);

        // One demand log, and one hash for one conversation whichever replica saw it.
        Assert.True(await a.Services.GetRequiredService<DemandLog>().FlushAsync(CancellationToken.None));
        Assert.True(await b.Services.GetRequiredService<DemandLog>().FlushAsync(CancellationToken.None));
        var entries = await a.Services.GetRequiredService<IDemandStore>().QueryAsync(
            new DemandFilter(DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddHours(1), Outcomes: [DemandOutcome.NoMatch]), CancellationToken.None);
        Assert.Equal(2, entries.Count);
        Assert.Single(entries.Select(e => e.ConversationHash).Distinct());

        // Signed in on A, recognised on B (data-protection keys are in the database too).
        await AdminSeed.UserAsync(a, "quantri", AdminRole.Admin);
        using var onA = new AdminClient(a);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, (await onA.SignInAsync("quantri", AdminSeed.Password)).StatusCode);
        using var onB = new HttpClient(new HttpClientHandler { CookieContainer = onA.Cookies, AllowAutoRedirect = false }) { BaseAddress = b.BaseAddress };
        var overview = await onB.GetAsync("/admin/nhu-cau");
        Assert.Equal(System.Net.HttpStatusCode.OK, overview.StatusCode);
        Assert.Contains("vào lớp", await overview.Content.ReadAsStringAsync());

        // Signed out on A: the session is gone from the shared database, so a copy of the cookie is refused on B.
        var copied = new System.Net.CookieContainer();
        foreach (System.Net.Cookie cookie in onA.Cookies.GetAllCookies())
            if (cookie.Name == CitizenBot.Admin.AdminAuth.CookieName)
                copied.Add(b.BaseAddress, new System.Net.Cookie(cookie.Name, cookie.Value, cookie.Path));
        using var stale = new HttpClient(new HttpClientHandler { CookieContainer = copied, AllowAutoRedirect = false }) { BaseAddress = b.BaseAddress };
        Assert.Equal(System.Net.HttpStatusCode.OK, (await stale.GetAsync("/admin/nhu-cau")).StatusCode);
        var token = await onA.TokenAsync("/admin");
        Assert.Equal(System.Net.HttpStatusCode.Redirect,
            (await onA.Http.PostAsync("/admin/dang-xuat", new FormUrlEncodedContent(new Dictionary<string, string> { ["__af"] = token }))).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, (await stale.GetAsync("/admin/nhu-cau")).StatusCode);
    }
}
