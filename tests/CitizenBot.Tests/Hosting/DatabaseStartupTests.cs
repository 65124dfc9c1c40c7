using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using CitizenBot.Postgres.Tests;
using CitizenBot.Tests.DirectLine;
using CitizenBot.Tests.Infrastructure;
using Npgsql;
using Xunit.Abstractions;

namespace CitizenBot.Tests.Hosting;

/// <summary>
/// The host with PostgreSQL that is not there (yet, or for a while): it starts, /health/live answers, /health/ready is
/// 503 naming the database, calls needing the database get 503 problem details with Retry-After, and it becomes ready
/// by itself when the database answers — schema and first data-protection key created then, nothing acknowledged lost.
/// A PostgreSQL server the test starts and stops (skipped with the reason when PostgreSQL is missing; fails with CI=true).
/// </summary>
public sealed class DatabaseStartupTests(ITestOutputHelper output)
{
    const string Salt = "database-startup-test-salt";

    [Fact]
    public async Task A_host_started_before_PostgreSQL_serves_503s_and_becomes_ready_when_the_database_comes_up()
    {
        if (PostgresServer.SkipIfUnavailable(PostgresServer.UnavailableReason(), output)) return;
        await using var server = await PostgresServer.CreateStoppedAsync();
        var (host, _) = await DirectLineTestClient.StartHostAsync(null,
            ("Storage:PostgresConnectionString", server.ConnectionString()), ("DemandLog:HashSalt", Salt));
        await using var _host = host;

        Assert.Equal(HttpStatusCode.OK, (await host.Client.GetAsync("/health/live")).StatusCode);
        var database = await ReadyDatabaseCheckAsync(host, HttpStatusCode.ServiceUnavailable);
        Assert.Equal("Unhealthy", database.GetProperty("status").GetString());
        Assert.Contains($"PostgreSQL 127.0.0.1:{server.Port}/postgres", database.GetProperty("description").GetString());
        var client = new DirectLineTestClient(host.Client);
        using (var refused = await client.SendAsync(client.Request(HttpMethod.Post, "/tokens/generate")))
            await AssertServiceUnavailableAsync(refused);

        await server.StartAsync();
        await WaitReadyAsync(host);
        await using (var db = new NpgsqlConnection(server.ConnectionString()))
        {
            await db.OpenAsync();
            await using var keys = new NpgsqlCommand("SELECT COUNT(*) FROM data_protection_key", db);
            Assert.Equal(1L, await keys.ExecuteScalarAsync()); // the first key, created once by the start-up step
        }
        await client.GenerateTokenAsync();
        Assert.Equal(HttpStatusCode.Created, (await client.StartConversationAsync()).Status);
        var acknowledged = await client.PostAsync(DirectLineTestClient.Message("câu một", "c1"));
        var seen = await PollUntilAsync(client, [], s => s.Any(a => (string?)a["replyToId"] == acknowledged));
        Assert.Contains(seen, a => (string?)a["text"] == RecordingBot.Welcome);
    }

    [Fact]
    public async Task When_PostgreSQL_goes_away_the_host_answers_503_and_after_it_returns_answers_what_it_had_acknowledged()
    {
        if (PostgresServer.SkipIfUnavailable(PostgresServer.UnavailableReason(), output)) return;
        await using var server = await PostgresServer.StartNewAsync();
        var (host, bot) = await DirectLineTestClient.StartHostAsync(null,
            ("Storage:PostgresConnectionString", server.ConnectionString()), ("DemandLog:HashSalt", Salt), ("DirectLine:TurnPollInterval", "00:00:01"));
        await using var _host = host;
        await WaitReadyAsync(host);
        var client = new DirectLineTestClient(host.Client);
        await client.GenerateTokenAsync();
        Assert.Equal(HttpStatusCode.Created, (await client.StartConversationAsync()).Status);
        var seen = await PollUntilAsync(client, [], s => s.Any(a => (string?)a["text"] == RecordingBot.Welcome));

        bot.Hold(); // acknowledged, then the database goes away while the bot is answering it
        var acknowledged = await client.PostAsync(DirectLineTestClient.Message("câu hai", "c2"));
        await server.StopAsync();
        // Readiness answers from the replica's own commits for 2 s (so a busy pool cannot take it out), then pings.
        var database = await ReadyDatabaseCheckAsync(host, HttpStatusCode.ServiceUnavailable, within: TimeSpan.FromSeconds(10));
        Assert.Contains($"PostgreSQL 127.0.0.1:{server.Port}/postgres unreachable", database.GetProperty("description").GetString());
        using (var refused = await client.SendAsync(client.Request(HttpMethod.Post, $"/conversations/{client.ConversationId}/activities",
                   DirectLineTestClient.Message("câu ba", "c3"))))
            await AssertServiceUnavailableAsync(refused); // not acknowledged: Web Chat shows "Send failed" and the citizen retries
        bot.Release(); // the turn ends while the database is down: its answer cannot be stored, the turn stays pending

        await server.StartAsync();
        await WaitReadyAsync(host);
        seen = await PollUntilAsync(client, seen, s => s.Any(a => (string?)a["replyToId"] == acknowledged));
        var again = await client.PostAsync(DirectLineTestClient.Message("câu ba", "c3"));
        seen = await PollUntilAsync(client, seen, s => s.Any(a => (string?)a["replyToId"] == again));
        Assert.Single(seen, a => (string?)a["replyToId"] == acknowledged); // answered once, not once per attempt
        Assert.Equal(seen.Count, seen.Select(a => (string?)a["id"]).Distinct().Count());
    }

    static async Task<JsonElement> ReadyDatabaseCheckAsync(TestHost host, HttpStatusCode expected, TimeSpan within = default)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            using var ready = await host.Client.GetAsync("/health/ready");
            if (ready.StatusCode == expected || DateTime.UtcNow >= deadline)
            {
                Assert.Equal(expected, ready.StatusCode);
                return (await ready.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("checks").GetProperty("database");
            }
            await Task.Delay(200);
        }
    }

    static async Task AssertServiceUnavailableAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TimeSpan.FromSeconds(2), response.Headers.RetryAfter?.Delta);
        var problem = await DirectLineTestClient.ReadObjectAsync(response);
        Assert.Equal(503, (int?)problem["status"]);
    }

    /// <summary>Until /health/ready is 200 (the start-up steps retry every 2 s); fails after 60 s.</summary>
    static async Task WaitReadyAsync(TestHost host)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            using var ready = await host.Client.GetAsync("/health/ready");
            if (ready.StatusCode == HttpStatusCode.OK) return;
            Assert.True(DateTime.UtcNow < deadline, "Not ready after 60 s: " + await ready.Content.ReadAsStringAsync());
            await Task.Delay(200);
        }
    }

    /// <summary>
    /// Polls as DLJS does, which retries a failed poll: right after the database returns, a pooled connection the server
    /// closed fails once (503). Any other status fails the test.
    /// </summary>
    static async Task<List<JsonObject>> PollUntilAsync(DirectLineTestClient client, List<JsonObject> seen, Func<List<JsonObject>, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!done(seen))
        {
            Assert.True(DateTime.UtcNow < deadline, "Timed out waiting for activities; got: " + string.Join(" | ", seen.Select(a => a.ToJsonString())));
            using var response = await client.SendAsync(client.Request(HttpMethod.Get, $"/conversations/{client.ConversationId}/activities?watermark={client.Watermark}"));
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
            {
                await AssertServiceUnavailableAsync(response);
                continue;
            }
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var set = await DirectLineTestClient.ReadObjectAsync(response);
            if ((string?)set["watermark"] is { Length: > 0 } watermark) client.Watermark = watermark;
            seen.AddRange(set["activities"]!.AsArray().Select(a => a!.AsObject()));
            await Task.Delay(50);
        }
        return seen;
    }
}
