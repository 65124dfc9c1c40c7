using Microsoft.Extensions.Time.Testing;
using System.Net;
using CitizenBot.Core.Demand;
using CitizenBot.Tests.Conversation;
using CitizenBot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CitizenBot.Tests.Admin;

/// <summary>
/// Password guessing over real HTTP, attackers on other loopback addresses (127.0.0.2 …) than the official
/// (127.0.0.1), a hand-moved clock: each way of guessing is slowed by a doubling wait, and none of them locks the
/// real official out.
/// </summary>
public sealed class AdminSignInThrottleTests : IAsyncLifetime
{
    readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    TestHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await TestHost.StartAsync(b => b.Services.AddSingleton<TimeProvider>(_clock),
            ("AdminSignIn:FreeFailuresPerAccountAndAddress", "3"), ("AdminSignIn:FreeFailuresPerAddress", "6"),
            ("AdminSignIn:FreeFailuresPerAccount", "8"), ("AdminSignIn:FirstBackoff", "00:00:01"), ("AdminSignIn:MaxAccountBackoff", "00:00:30"));
        await AdminSeed.UserAsync(_host, "quantri", AdminRole.Admin);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Guessing_one_account_from_one_address_waits_longer_after_each_failure_and_others_still_sign_in()
    {
        using var attacker = new AdminClient(_host, "127.0.0.2");
        for (var i = 0; i < 4; i++)
            await AssertWrongAsync(attacker, "quantri");
        var waits = new List<TimeSpan?>();
        for (var i = 0; i < 3; i++)
        {
            var wait = await AssertRefusedAsync(attacker, "quantri", AdminSeed.Password); // even the right password waits
            waits.Add(wait);
            _clock.Advance(wait);
            await AssertWrongAsync(attacker, "quantri");
        }
        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4)], waits);

        using var official = new AdminClient(_host);
        await AssertSignedInAsync(official);
    }

    [Fact]
    public async Task Spraying_many_names_from_one_address_is_slowed_while_the_official_signs_in()
    {
        using var attacker = new AdminClient(_host, "127.0.0.3");
        for (var i = 0; i < 7; i++)
            await AssertWrongAsync(attacker, "nguoidung" + i);
        Assert.Equal(TimeSpan.FromSeconds(1), await AssertRefusedAsync(attacker, "nguoidung-khac", "doan-mat-khau"));

        using var official = new AdminClient(_host);
        await AssertSignedInAsync(official);
    }

    [Fact]
    public async Task Failing_on_purpose_from_many_addresses_delays_the_real_official_at_most_briefly()
    {
        var refused = 0;
        for (var address = 10; address < 20; address++)
        {
            using var attacker = new AdminClient(_host, $"127.0.0.{address}");
            for (var i = 0; i < 3; i++)
            {
                using var guess = await attacker.SignInAsync("quantri", "doan-mat-khau");
                Assert.True(guess.StatusCode is HttpStatusCode.OK or HttpStatusCode.TooManyRequests, guess.StatusCode.ToString());
                if (guess.StatusCode == HttpStatusCode.TooManyRequests) refused++;
            }
        }
        Assert.True(refused > 0, "the account's back-off slows the distributed guessing too");

        using var official = new AdminClient(_host);
        var response = await official.SignInAsync("quantri", AdminSeed.Password);
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            Assert.True(response.Headers.RetryAfter?.Delta <= TimeSpan.FromSeconds(30), $"Retry-After {response.Headers.RetryAfter}");
            _clock.Advance(response.Headers.RetryAfter!.Delta!.Value);
            response = await official.SignInAsync("quantri", AdminSeed.Password);
        }
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await official.Http.GetAsync("/admin")).StatusCode);
    }

    static async Task AssertWrongAsync(AdminClient client, string name)
    {
        using var response = await client.SignInAsync(name, "doan-mat-khau");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Sai tên đăng nhập hoặc mật khẩu", await response.Content.ReadAsStringAsync());
    }

    /// <summary>429 with the sign-in form, its message and Retry-After; returns the wait.</summary>
    static async Task<TimeSpan> AssertRefusedAsync(AdminClient client, string name, string password)
    {
        using var response = await client.SignInAsync(name, password);
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Contains("Đăng nhập sai quá nhiều lần", await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await client.Http.GetAsync("/admin")).StatusCode); // not signed in
        return response.Headers.RetryAfter!.Delta!.Value;
    }

    static async Task AssertSignedInAsync(AdminClient client)
    {
        using var response = await client.SignInAsync("quantri", AdminSeed.Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/admin", response.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/admin")).StatusCode);
    }
}
