using Microsoft.Extensions.Time.Testing;
using System.Net;
using Microsoft.Extensions.DependencyInjection;

namespace CitizenBot.Tests.DirectLine;

/// <summary>Tokens: signed, one conversation and user, expiring; 401 without a credential, 403 only for a bad one.</summary>
public sealed class DirectLineAuthTests
{
    [Fact]
    public async Task A_token_for_one_conversation_cannot_read_or_post_to_another()
    {
        var (host, _) = await DirectLineTestClient.StartHostAsync();
        await using var __ = host;
        var alice = new DirectLineTestClient(host.Client);
        var bob = new DirectLineTestClient(host.Client);
        await alice.GenerateTokenAsync();
        await alice.StartConversationAsync();
        await bob.GenerateTokenAsync();
        await bob.StartConversationAsync();
        Assert.NotEqual(alice.ConversationId, bob.ConversationId);

        var target = $"/conversations/{alice.ConversationId}";
        await AssertProblem(HttpStatusCode.Forbidden, bob.Request(HttpMethod.Get, target + "/activities?watermark="), bob);
        await AssertProblem(HttpStatusCode.Forbidden, bob.Request(HttpMethod.Post, target + "/activities", DirectLineTestClient.Message("x", "c")), bob);
        await AssertProblem(HttpStatusCode.Forbidden, bob.Request(HttpMethod.Get, target), bob);
        Assert.Equal(HttpStatusCode.OK, (await alice.SendAsync(alice.Request(HttpMethod.Get, target + "/activities"))).StatusCode);
    }

    [Fact]
    public async Task Missing_token_is_401_and_a_forged_one_403()
    {
        var (host, _) = await DirectLineTestClient.StartHostAsync();
        await using var __ = host;
        var client = new DirectLineTestClient(host.Client);
        await client.GenerateTokenAsync();
        await client.StartConversationAsync();
        var path = $"/conversations/{client.ConversationId}/activities";

        var anonymous = client.Request(HttpMethod.Get, path);
        anonymous.Headers.Authorization = null;
        await AssertProblem(HttpStatusCode.Unauthorized, anonymous, client);

        // Same header and payload, signature of another key: rejected.
        var parts = client.Token!.Split('.');
        var forged = parts[0] + "." + parts[1] + "." + new string('A', parts[2].Length);
        await AssertProblem(HttpStatusCode.Forbidden, client.Request(HttpMethod.Get, path, token: forged), client);
        await AssertProblem(HttpStatusCode.Forbidden, client.Request(HttpMethod.Get, path, token: "not-a-token"), client);
    }

    [Fact]
    public async Task Expired_token_is_403_everywhere_including_refresh()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 7, 1, 8, 0, 0, TimeSpan.Zero));
        var (host, _) = await DirectLineTestClient.StartHostAsync(b => b.Services.AddSingleton<TimeProvider>(clock),
            ("DirectLine:ConversationIdleTimeout", "03:00:00"));
        await using var __ = host;
        var client = new DirectLineTestClient(host.Client);
        await client.GenerateTokenAsync();
        await client.StartConversationAsync();

        clock.Advance(TimeSpan.FromMinutes(61));
        var id = client.ConversationId;
        await AssertProblem(HttpStatusCode.Forbidden, client.Request(HttpMethod.Get, $"/conversations/{id}/activities?watermark="), client);
        await AssertProblem(HttpStatusCode.Forbidden, client.Request(HttpMethod.Post, $"/conversations/{id}/activities", DirectLineTestClient.Message("x", "c")), client);
        await AssertProblem(HttpStatusCode.Forbidden, client.Request(HttpMethod.Post, "/tokens/refresh"), client);
    }

    [Fact]
    public async Task Refresh_gives_a_later_expiring_token_for_the_same_conversation_and_user()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 7, 1, 8, 0, 0, TimeSpan.Zero));
        var (host, _) = await DirectLineTestClient.StartHostAsync(b => b.Services.AddSingleton<TimeProvider>(clock),
            ("DirectLine:ConversationIdleTimeout", "03:00:00"));
        await using var __ = host;
        var client = new DirectLineTestClient(host.Client);
        await client.GenerateTokenAsync();
        await client.StartConversationAsync();
        var oldToken = client.Token!;

        clock.Advance(TimeSpan.FromMinutes(45));
        using var refreshed = await client.SendAsync(client.Request(HttpMethod.Post, "/tokens/refresh"));
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        var body = await DirectLineTestClient.ReadObjectAsync(refreshed);
        Assert.Equal(client.ConversationId, (string)body["conversationId"]!);
        var newToken = (string)body["token"]!;
        Assert.Equal(DirectLineWebChatSequenceTests.TokenUser(oldToken), DirectLineWebChatSequenceTests.TokenUser(newToken));

        clock.Advance(TimeSpan.FromMinutes(30)); // old token now 75 minutes old, new one 30
        var path = $"/conversations/{client.ConversationId}/activities";
        await AssertProblem(HttpStatusCode.Forbidden, client.Request(HttpMethod.Get, path, token: oldToken), client);
        using var ok = await client.SendAsync(client.Request(HttpMethod.Get, path, token: newToken));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
    }

    [Fact]
    public async Task With_a_secret_configured_generate_needs_it()
    {
        var (host, _) = await DirectLineTestClient.StartHostAsync(null, ("DirectLine:Secret", "s3cret-for-tests-only"));
        await using var __ = host;
        var client = new DirectLineTestClient(host.Client);

        await AssertProblem(HttpStatusCode.Unauthorized, client.Request(HttpMethod.Post, "/tokens/generate"), client);
        await AssertProblem(HttpStatusCode.Forbidden, client.Request(HttpMethod.Post, "/tokens/generate", token: "wrong"), client);
        await AssertProblem(HttpStatusCode.Unauthorized, client.Request(HttpMethod.Post, "/conversations"), client);

        client.Token = "s3cret-for-tests-only";
        var generated = await client.GenerateTokenAsync();
        Assert.Equal(HttpStatusCode.Created, (await client.StartConversationAsync()).Status);
        Assert.Equal((string)generated["conversationId"]!, client.ConversationId);

        // The secret itself works on any conversation (as the hosted service's does), and starts new ones.
        var withSecret = new DirectLineTestClient(host.Client) { Token = "s3cret-for-tests-only" };
        var (status, started) = await withSecret.StartConversationAsync("r_secret_user");
        Assert.Equal(HttpStatusCode.Created, status);
        Assert.NotEqual(client.ConversationId, (string)started["conversationId"]!);
        Assert.Equal("r_secret_user", DirectLineWebChatSequenceTests.TokenUser((string)started["token"]!));
    }

    [Fact]
    public async Task An_idle_conversation_is_forgotten_and_answers_404()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 7, 1, 8, 0, 0, TimeSpan.Zero));
        var (host, _) = await DirectLineTestClient.StartHostAsync(b => b.Services.AddSingleton<TimeProvider>(clock),
            ("DirectLine:ConversationIdleTimeout", "00:10:00"));
        await using var __ = host;
        var client = new DirectLineTestClient(host.Client);
        await client.GenerateTokenAsync();
        await client.StartConversationAsync();
        clock.Advance(TimeSpan.FromMinutes(11)); // token still valid, conversation idle past its expiry
        await AssertProblem(HttpStatusCode.NotFound, client.Request(HttpMethod.Get, $"/conversations/{client.ConversationId}/activities"), client);
    }

    internal static async Task AssertProblem(HttpStatusCode expected, HttpRequestMessage request, DirectLineTestClient client)
    {
        using var response = await client.SendAsync(request);
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await DirectLineTestClient.ReadObjectAsync(response);
        Assert.Equal((int)expected, (int)problem["status"]!);
        Assert.False(string.IsNullOrEmpty((string?)problem["detail"]));
    }
}
