using Microsoft.Extensions.Time.Testing;
using CitizenBot.Admin;
using CitizenBot.Core.Limits;
using CitizenBot.Tests.Conversation;
using Microsoft.Extensions.Options;

namespace CitizenBot.Tests.Admin;

/// <summary>The throttle's memory: bounded by forgetting the least recently seen keys, one at a time, never all at once.</summary>
public sealed class SignInThrottleTests
{
    readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 4, 8, 0, 0, TimeSpan.Zero));

    readonly MemorySignInFailureStore _store = new(100);

    SignInThrottle Throttle() => new(Options.Create(new AdminSignInOptions
    {
        FreeFailuresPerAccountAndAddress = 3, FreeFailuresPerAddress = 5, FreeFailuresPerAccount = 10,
    }), _clock, _store);

    [Fact]
    public async Task A_flood_of_names_from_many_addresses_stays_within_the_cap_and_does_not_free_an_attacker_it_keeps_seeing()
    {
        var throttle = Throttle();
        for (var i = 0; i < 8; i++)
            await throttle.FailedAsync("quantri", "203.0.113.7", default);
        Assert.NotNull(await throttle.WaitAsync("quantri", "203.0.113.7", default));

        for (var i = 0; i < 20_000; i++)
        {
            await throttle.FailedAsync("name" + i, "10.0." + (i / 250) + "." + (i % 250), default);
            if (i % 20 == 0)
                Assert.NotNull(await throttle.WaitAsync("quantri", "203.0.113.7", default)); // the attacker keeps trying, and keeps waiting
        }

        Assert.InRange(_store.Count, 1, 3 * 100);
        Assert.NotNull(await throttle.WaitAsync("quantri", "203.0.113.7", default));
        Assert.NotNull(await throttle.WaitAsync("any-other-name", "203.0.113.7", default)); // the address is remembered too
    }

    [Fact]
    public async Task Failures_are_forgotten_an_hour_after_the_last_and_a_success_clears_the_account()
    {
        var throttle = Throttle();
        for (var i = 0; i < 4; i++)
            await throttle.FailedAsync("quantri", "203.0.113.7", default);
        Assert.Equal(TimeSpan.FromSeconds(1), await throttle.WaitAsync("quantri", "203.0.113.7", default));
        Assert.Null(await throttle.WaitAsync("quantri", "198.51.100.1", default)); // the same account from elsewhere

        await throttle.SucceededAsync("quantri", "203.0.113.7", default);
        Assert.Null(await throttle.WaitAsync("quantri", "203.0.113.7", default));

        for (var i = 0; i < 6; i++)
            await throttle.FailedAsync("name" + i, "203.0.113.8", default);
        Assert.NotNull(await throttle.WaitAsync("quantri", "203.0.113.8", default));
        _clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));
        Assert.Null(await throttle.WaitAsync("quantri", "203.0.113.8", default));
        for (var i = 0; i < 5; i++)
            await throttle.FailedAsync("name" + i, "203.0.113.8", default);
        Assert.Null(await throttle.WaitAsync("quantri", "203.0.113.8", default)); // counting starts again: five are free
    }
}
