using Microsoft.Extensions.Time.Testing;
using System.Net;
using CitizenBot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CitizenBot.Tests.DirectLine;

/// <summary>
/// Anonymous denial of service over real HTTP: flooding the open token route must not end a live chat, junk tokens
/// must not spend a victim's allowance, and starts and bad credentials are limited per client address and in total.
/// Attackers connect from other loopback addresses (127.0.0.2, …) than the victim (127.0.0.1).
/// </summary>
public sealed class DirectLineDenialOfServiceTests
{
    const string JunkToken = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJjb252IjoieCIsInVzZXIiOiJ5In0.AAAA";

    [Fact]
    public async Task Anonymous_token_calls_past_MaxConversations_never_end_a_live_conversation()
    {
        var (host, _) = await DirectLineTestClient.StartHostAsync(null, ("DirectLine:MaxConversations", "20"));
        await using var __ = host;
        var victim = await LiveConversationAsync(host);

        using var attacker = ClientAddresses.From("127.0.0.2", host.BaseAddress);
        var flood = new DirectLineTestClient(attacker);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 25; i++)
        {
            using var response = await flood.SendAsync(flood.Request(HttpMethod.Post, "/tokens/generate", token: ""));
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
            {
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.FromMinutes(25), $"Retry-After {response.Headers.RetryAfter}");
            }
        }

        Assert.Equal(19, statuses.Count(s => s == HttpStatusCode.OK)); // the victim holds the 20th place
        Assert.Equal(6, statuses.Count(s => s == HttpStatusCode.ServiceUnavailable));
        Assert.Equal(HttpStatusCode.OK, (await victim.SendAsync(victim.Request(HttpMethod.Get, $"/conversations/{victim.ConversationId}/activities"))).StatusCode);
        await victim.PostAsync(DirectLineTestClient.Message("van con day", "c2"));
    }

    [Fact]
    public async Task A_conversation_idle_past_its_timeout_makes_room_for_a_new_one()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 7, 1, 8, 0, 0, TimeSpan.Zero));
        var (host, _) = await DirectLineTestClient.StartHostAsync(b => b.Services.AddSingleton<TimeProvider>(clock),
            ("DirectLine:MaxConversations", "2"), ("DirectLine:ConversationIdleTimeout", "00:10:00"));
        await using var __ = host;
        await new DirectLineTestClient(host.Client).GenerateTokenAsync();
        clock.Advance(TimeSpan.FromMinutes(4));
        await new DirectLineTestClient(host.Client).GenerateTokenAsync();

        var third = new DirectLineTestClient(host.Client);
        using (var full = await third.SendAsync(third.Request(HttpMethod.Post, "/tokens/generate")))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, full.StatusCode);
            Assert.Equal(TimeSpan.FromMinutes(6), full.Headers.RetryAfter?.Delta); // when the first one goes idle
        }
        clock.Advance(TimeSpan.FromMinutes(6) + TimeSpan.FromSeconds(1));
        await third.GenerateTokenAsync();
    }

    [Fact]
    public async Task Junk_token_requests_do_not_use_up_the_victims_allowance()
    {
        var (host, _) = await DirectLineTestClient.StartHostAsync(null, ("DirectLine:PermitsPerMinute", "30"));
        await using var __ = host;
        var victim = await LiveConversationAsync(host);

        using var attacker = ClientAddresses.From("127.0.0.2", host.BaseAddress);
        var junk = new DirectLineTestClient(attacker);
        for (var i = 0; i < 35; i++)
        {
            using var response = await junk.SendAsync(junk.Request(HttpMethod.Get, $"/conversations/{victim.ConversationId}/activities", token: JunkToken));
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }

        using var own = await victim.SendAsync(victim.Request(HttpMethod.Get, $"/conversations/{victim.ConversationId}/activities"));
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
    }

    [Fact]
    public async Task Invalid_credentials_are_limited_per_client_address()
    {
        var (host, _) = await DirectLineTestClient.StartHostAsync(null, ("DirectLine:InvalidCredentialsPerMinute", "10"));
        await using var __ = host;
        var victim = await LiveConversationAsync(host);
        var path = $"/conversations/{victim.ConversationId}/activities";

        using var attacker = ClientAddresses.From("127.0.0.2", host.BaseAddress);
        var junk = new DirectLineTestClient(attacker);
        for (var i = 0; i < 10; i++)
        {
            using var response = await junk.SendAsync(junk.Request(HttpMethod.Get, path, token: JunkToken));
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }
        using (var limited = await junk.SendAsync(junk.Request(HttpMethod.Get, path, token: JunkToken)))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
            Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
            Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        }
        // The missing credential and the WebSocket's t= count the same way.
        Assert.Equal(HttpStatusCode.TooManyRequests, (await junk.SendAsync(junk.Request(HttpMethod.Get, path + "?t=" + JunkToken, token: ""))).StatusCode);

        using var other = ClientAddresses.From("127.0.0.3", host.BaseAddress);
        var elsewhere = new DirectLineTestClient(other);
        Assert.Equal(HttpStatusCode.Forbidden, (await elsewhere.SendAsync(elsewhere.Request(HttpMethod.Get, path, token: JunkToken))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await victim.SendAsync(victim.Request(HttpMethod.Get, path))).StatusCode);
    }

    [Fact]
    public async Task Starting_conversations_is_limited_per_address_and_for_all_clients_together()
    {
        var (host, _) = await DirectLineTestClient.StartHostAsync(null,
            ("DirectLine:StartsPerMinutePerAddress", "3"), ("DirectLine:StartsPerMinute", "5"));
        await using var __ = host;
        using var first = ClientAddresses.From("127.0.0.2", host.BaseAddress);
        using var second = ClientAddresses.From("127.0.0.3", host.BaseAddress);
        var a = new DirectLineTestClient(first);
        var b = new DirectLineTestClient(second);

        Assert.Equal(HttpStatusCode.OK, await StatusAsync(a, "/tokens/generate"));
        Assert.Equal(HttpStatusCode.Created, await StatusAsync(a, "/conversations"));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(a, "/tokens/generate"));
        for (var i = 0; i < 5; i++)
            await AssertLimitedAsync(a, "/tokens/generate");   // 4th and later starts from 127.0.0.2, which spend nothing of the total
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(b, "/tokens/generate"));
        Assert.Equal(HttpStatusCode.Created, await StatusAsync(b, "/conversations"));
        await AssertLimitedAsync(b, "/conversations");         // 6th start in all, 3rd from 127.0.0.3
    }

    static async Task<HttpStatusCode> StatusAsync(DirectLineTestClient client, string path)
    {
        using var response = await client.SendAsync(client.Request(HttpMethod.Post, path, token: ""));
        return response.StatusCode;
    }

    static async Task AssertLimitedAsync(DirectLineTestClient client, string path)
    {
        using var response = await client.SendAsync(client.Request(HttpMethod.Post, path, token: ""));
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero);
    }

    /// <summary>A citizen chatting from 127.0.0.1: token, started conversation, one message posted.</summary>
    static async Task<DirectLineTestClient> LiveConversationAsync(TestHost host)
    {
        var victim = new DirectLineTestClient(host.Client);
        await victim.GenerateTokenAsync();
        await victim.StartConversationAsync();
        await victim.PostAsync(DirectLineTestClient.Message("lam giay khai sinh", "c1"));
        return victim;
    }
}
