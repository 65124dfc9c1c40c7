using System.Diagnostics;
using System.Threading.RateLimiting;
using CitizenBot.Core.Limits;

namespace CitizenBot.Hosting;

/// <summary>
/// The one-minute fixed windows every rate limit of the host counts in: the framework's in-memory limiter on one host,
/// or, when replicas share PostgreSQL (<see cref="IRateWindowStore"/> registered), a window counted in the database,
/// so "N a minute" holds across all replicas instead of N times over. Callers choose the partition key (per
/// conversation, per address …); this only decides where it is counted.
/// </summary>
public sealed class RateLimitWindows(TimeProvider time, ILogger<RateLimitWindows> logger, IRateWindowStore? shared = null)
{
    public static readonly TimeSpan Length = TimeSpan.FromMinutes(1);

    public bool Shared => shared is not null;

    public RateLimitPartition<string> Window(string key, int permits) => shared is null
        ? RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = Length, QueueLimit = 0 })
        : RateLimitPartition.Get(key, k => new SharedWindowLimiter(shared, k, permits, time, logger));

    /// <summary>
    /// One key's window in the shared store. The store is asynchronous, so <see cref="AttemptAcquireCore"/> declines
    /// and the rate-limiting middleware then awaits <see cref="AcquireAsyncCore"/>, which counts. A store that cannot be
    /// reached lets the request through (logged): the limits protect capacity, and the request needs the database anyway.
    /// </summary>
    sealed class SharedWindowLimiter(IRateWindowStore store, string key, int permits, TimeProvider time, ILogger logger) : RateLimiter
    {
        long _lastUsed = Stopwatch.GetTimestamp();

        public override TimeSpan? IdleDuration => Stopwatch.GetElapsedTime(Volatile.Read(ref _lastUsed));

        public override RateLimiterStatistics? GetStatistics() => null;

        protected override RateLimitLease AttemptAcquireCore(int permitCount) => Lease.Undecided;

        protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
        {
            Volatile.Write(ref _lastUsed, Stopwatch.GetTimestamp());
            if (permitCount == 0)
                return Lease.Granted;
            var now = time.GetUtcNow();
            var start = new DateTimeOffset(now.UtcTicks - now.UtcTicks % Length.Ticks, TimeSpan.Zero);
            try
            {
                return await store.CountAsync(key, start, cancellationToken) <= permits ? Lease.Granted : Lease.Refused(start + Length - now);
            }
            catch (Exception e) when (e is System.Data.Common.DbException or TimeoutException or InvalidOperationException && !cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning("Shared rate-limit window unreachable ({Error}); request let through", e.GetType().Name);
                return Lease.Granted;
            }
        }
    }

    sealed class Lease(bool acquired, TimeSpan? retryAfter) : RateLimitLease
    {
        public static readonly Lease Granted = new(true, null);
        public static readonly Lease Undecided = new(false, null);
        public static Lease Refused(TimeSpan retryAfter) => new(false, retryAfter);

        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = retryAfter;
            return retryAfter is not null && metadataName == MetadataName.RetryAfter.Name;
        }
    }
}
