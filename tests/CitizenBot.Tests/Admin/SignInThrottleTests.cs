using Microsoft.Extensions.Time.Testing;
using CitizenBot.Admin;
using CitizenBot.Tests.Conversation;
using Microsoft.Extensions.Options;

namespace CitizenBot.Tests.Admin;

/// <summary>The throttle's memory: bounded by forgetting the least recently seen keys, one at a time, never all at once.</summary>
public sealed class SignInThrottleTests
{
    readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 4, 8, 0, 0, TimeSpan.Zero));

    SignInThrottle Throttle(int maxTrackedKeys = 100) => new(Options.Create(new AdminSignInOptions
    {
        FreeFailuresPerAccountAndAddress = 3, FreeFailuresPerAddress = 5, FreeFailuresPerAccount = 10, MaxTrackedKeys = maxTrackedKeys,
    }), _clock);

    [Fact]
    public void A_flood_of_names_from_many_addresses_stays_within_the_cap_and_does_not_free_an_attacker_it_keeps_seeing()
    {
        var throttle = Throttle();
        for (var i = 0; i < 8; i++)
            throttle.Failed("quantri", "203.0.113.7");
        Assert.NotNull(throttle.Wait("quantri", "203.0.113.7"));

        for (var i = 0; i < 20_000; i++)
        {
            throttle.Failed("name" + i, "10.0." + (i / 250) + "." + (i % 250));
            if (i % 20 == 0)
                Assert.NotNull(throttle.Wait("quantri", "203.0.113.7")); // the attacker keeps trying, and keeps waiting
        }

        Assert.InRange(throttle.TrackedKeys, 1, 3 * 100);
        Assert.NotNull(throttle.Wait("quantri", "203.0.113.7"));
        Assert.NotNull(throttle.Wait("any-other-name", "203.0.113.7")); // the address is remembered too
    }

    [Fact]
    public void Failures_are_forgotten_an_hour_after_the_last_and_a_success_clears_the_account()
    {
        var throttle = Throttle();
        for (var i = 0; i < 4; i++)
            throttle.Failed("quantri", "203.0.113.7");
        Assert.Equal(TimeSpan.FromSeconds(1), throttle.Wait("quantri", "203.0.113.7"));
        Assert.Null(throttle.Wait("quantri", "198.51.100.1")); // the same account from elsewhere

        throttle.Succeeded("quantri", "203.0.113.7");
        Assert.Null(throttle.Wait("quantri", "203.0.113.7"));

        for (var i = 0; i < 6; i++)
            throttle.Failed("name" + i, "203.0.113.8");
        Assert.NotNull(throttle.Wait("quantri", "203.0.113.8"));
        _clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));
        Assert.Null(throttle.Wait("quantri", "203.0.113.8"));
        for (var i = 0; i < 5; i++)
            throttle.Failed("name" + i, "203.0.113.8");
        Assert.Null(throttle.Wait("quantri", "203.0.113.8")); // counting starts again: five are free
    }
}
