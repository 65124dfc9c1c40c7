namespace CitizenBot.Hosting;

/// <summary>
/// One warning for a failure a background loop retries every second or two (the database is down): the first is
/// logged, the repeats within <see cref="Interval"/> are counted and reported with the next warning, so an outage does
/// not flood the log with a line a second per loop.
/// </summary>
public sealed class RepeatedFailure(ILogger logger, TimeProvider clock, string what)
{
    /// <summary>At most one warning per loop in this time.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    readonly Lock _gate = new();
    DateTimeOffset? _lastLogged;
    int _suppressed;

    /// <summary>Logs <paramref name="error"/>'s message (never its data) as a warning, or counts it when one was logged lately.</summary>
    public void Report(Exception error)
    {
        int suppressed;
        lock (_gate)
        {
            var now = clock.GetUtcNow();
            if (_lastLogged is { } last && now - last < Interval)
            {
                _suppressed++;
                return;
            }
            (_lastLogged, suppressed, _suppressed) = (now, _suppressed, 0);
        }
        logger.LogWarning("{What} failed ({Error}); retrying ({Suppressed} more failures since the last warning)", what, error.Message, suppressed);
    }
}
