using CitizenBot.Hosting;
using CitizenBot.Tests.Infrastructure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace CitizenBot.Tests.Hosting;

public sealed class RepeatedFailureTests
{
    [Fact]
    public void A_failure_repeated_every_second_is_one_warning_a_minute_that_counts_the_others()
    {
        using var logs = new CapturingLoggerProvider();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 4, 8, 0, 0, TimeSpan.Zero));
        var failure = new RepeatedFailure(logs.CreateLogger("runner"), clock, "Direct Line: claiming a turn");

        for (var second = 0; second < 61; second++)
        {
            failure.Report(new InvalidOperationException("connection refused"));
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        var warnings = logs.Logs.Where(l => l.Level == LogLevel.Warning).Select(l => l.Message).ToList();
        Assert.Equal(2, warnings.Count);
        Assert.Equal("Direct Line: claiming a turn failed (connection refused); retrying (0 more failures since the last warning)", warnings[0]);
        Assert.Contains("(59 more failures since the last warning)", warnings[1]);
    }
}
