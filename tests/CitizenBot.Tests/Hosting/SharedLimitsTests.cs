using System.Net;
using CitizenBot.Core.Demand;
using CitizenBot.Postgres.Tests;
using CitizenBot.Tests.Admin;
using CitizenBot.Tests.DirectLine;
using CitizenBot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;

namespace CitizenBot.Tests.Hosting;

/// <summary>
/// Two replicas of the real host on one PostgreSQL: a rate limit or the sign-in throttle reached by requests spread
/// over both holds on both (counted in the database), not N times over; the partitions stay per conversation and per
/// address, so one caller's requests never use up another's allowance. One hand-moved clock for both hosts, so the
/// one-minute window does not turn over mid-test.
/// </summary>
public sealed class SharedLimitsTests(ITestOutputHelper output)
{
    readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);

    async Task<(PostgresServer, TestHost, TestHost)?> StartReplicasAsync(params (string, string)[] limits)
    {
        if (PostgresServer.SkipIfUnavailable(PostgresServer.UnavailableReason(), output)) return null;
        var postgres = await PostgresServer.StartNewAsync();
        (string, string)[] settings =
        [
            ("Storage:PostgresConnectionString", await postgres.CreateDatabaseAsync()),
            ("DemandLog:HashSalt", "shared-limits-test-salt"),
            ("DirectLine:TokenSigningKey", "shared-limits-test-signing-key-of-32-bytes"),
            .. limits,
        ];
        var a = await TestHost.StartAsync(b => b.Services.AddSingleton<TimeProvider>(_clock), settings);
        var b = await TestHost.StartAsync(b => b.Services.AddSingleton<TimeProvider>(_clock), settings);
        return (postgres, a, b);
    }

    [Fact]
    public async Task Direct_Line_limits_are_reached_by_requests_spread_over_both_replicas()
    {
        if (await StartReplicasAsync(("DirectLine:StartsPerMinutePerAddress", "4"), ("DirectLine:PermitsPerMinute", "6")) is not var (postgres, a, b)) return;
        await using var _ = postgres;
        await using var __ = a;
        await using var ___ = b;
        var onA = new DirectLineTestClient(a.Client);
        var onB = new DirectLineTestClient(b.Client);

        // Four starts from this address: two on each replica.
        var first = await onA.GenerateTokenAsync();
        onB.Token = (string)first["token"]!;
        Assert.Equal(HttpStatusCode.Created, (await onB.StartConversationAsync()).Status);
        var conversation = onB.ConversationId!;
        var second = new DirectLineTestClient(a.Client);
        await second.GenerateTokenAsync();
        var secondOnB = new DirectLineTestClient(b.Client) { Token = second.Token };
        Assert.Equal(HttpStatusCode.Created, (await secondOnB.StartConversationAsync()).Status);
        foreach (var host in new[] { a, b })
        {
            using var refused = await host.Client.SendAsync(new DirectLineTestClient(host.Client).Request(HttpMethod.Post, "/tokens/generate"));
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            Assert.True(refused.Headers.RetryAfter?.Delta is { TotalSeconds: >= 1 and <= 60 }, $"Retry-After {refused.Headers.RetryAfter}");
        }

        // Six requests of one conversation, alternating replicas; the seventh is refused on either.
        for (var i = 0; i < 6; i++)
        {
            var client = i % 2 == 0 ? onA : onB;
            using var poll = await client.SendAsync(client.Request(HttpMethod.Get, $"/conversations/{conversation}/activities", token: onB.Token));
            Assert.Equal(HttpStatusCode.OK, poll.StatusCode);
        }
        foreach (var client in new[] { onA, onB })
        {
            using var refused = await client.SendAsync(client.Request(HttpMethod.Get, $"/conversations/{conversation}/activities", token: onB.Token));
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        }
        // Another conversation from the same address keeps its own allowance.
        using (var other = await second.SendAsync(second.Request(HttpMethod.Get, $"/conversations/{secondOnB.ConversationId}/activities", token: secondOnB.Token)))
            Assert.Equal(HttpStatusCode.OK, other.StatusCode);

        _clock.Advance(TimeSpan.FromMinutes(1));
        using (var next = await onA.SendAsync(onA.Request(HttpMethod.Get, $"/conversations/{conversation}/activities", token: onB.Token)))
            Assert.Equal(HttpStatusCode.OK, next.StatusCode); // the next window
    }

    [Fact]
    public async Task The_sign_in_throttle_counts_failures_on_both_replicas_together()
    {
        if (await StartReplicasAsync(("AdminSignIn:FreeFailuresPerAccountAndAddress", "2"), ("AdminSignIn:FirstBackoff", "00:00:05")) is not var (postgres, a, b)) return;
        await using var _ = postgres;
        await using var __ = a;
        await using var ___ = b;
        await AdminSeed.UserAsync(a, "quantri", AdminRole.Admin);
        using var onA = new AdminClient(a);
        using var onB = new AdminClient(b);

        foreach (var client in new[] { onA, onB, onA }) // three failures, spread: each replica alone saw at most two (free)
            Assert.Equal(HttpStatusCode.OK, (await client.SignInAsync("quantri", "doan-mat-khau")).StatusCode);
        using var refused = await onB.SignInAsync("quantri", AdminSeed.Password);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(5), refused.Headers.RetryAfter?.Delta);

        _clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(HttpStatusCode.Redirect, (await onB.SignInAsync("quantri", AdminSeed.Password)).StatusCode);
        // The success cleared the account's record for both replicas: one more wrong guess on A is free again.
        Assert.Equal(HttpStatusCode.OK, (await onA.SignInAsync("quantri", "doan-mat-khau")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await onA.SignInAsync("quantri", AdminSeed.Password)).StatusCode);
    }
}
