namespace CitizenBot.Core.Limits;

/// <summary>
/// Fixed-window request counts shared by every replica (a rate limit's "N a minute" holds across all of them). One
/// host counts in memory with the framework's own limiter instead; this is for PostgreSQL.
/// </summary>
public interface IRateWindowStore
{
    /// <summary>
    /// Counts one request against <paramref name="key"/> in the window starting at <paramref name="windowStart"/> and
    /// returns the requests counted in it so far, this one included. A later window starts counting again; a request
    /// stamped with an earlier window (a replica whose clock lags) counts in the current one.
    /// </summary>
    Task<long> CountAsync(string key, DateTimeOffset windowStart, CancellationToken ct);

    /// <summary>Forgets windows that started before <paramref name="before"/>; returns how many.</summary>
    Task<int> DeleteWindowsBeforeAsync(DateTimeOffset before, CancellationToken ct);
}
