using System.Diagnostics;

namespace CitizenBot.Benchmarks;

/// <summary>Collects latencies (thread-safe) and reports percentiles by nearest rank.</summary>
sealed class LatencyRecorder
{
    readonly List<double> _milliseconds = [];
    readonly Lock _lock = new();

    public void Add(TimeSpan elapsed)
    {
        lock (_lock) _milliseconds.Add(elapsed.TotalMilliseconds);
    }

    public int Count { get { lock (_lock) return _milliseconds.Count; } }

    public LatencySummary Summarize()
    {
        double[] sorted;
        lock (_lock) sorted = [.. _milliseconds];
        Array.Sort(sorted);
        double At(double p) => sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
        return new LatencySummary(sorted.Length, At(0.50), At(0.90), At(0.99), sorted.Length == 0 ? double.NaN : sorted[^1],
            sorted.Length == 0 ? double.NaN : sorted.Average());
    }
}

sealed record LatencySummary(int Count, double P50, double P90, double P99, double Max, double Mean)
{
    public override string ToString() =>
        $"n={Count}  p50={P50:0.00} ms  p90={P90:0.00} ms  p99={P99:0.00} ms  max={Max:0.00} ms  mean={Mean:0.00} ms";
}

/// <summary>
/// The highest working set seen while a phase runs (sampled every 50 ms), beside the process-wide peak the kernel
/// keeps (VmHWM), which also counts earlier phases.
/// </summary>
sealed class PeakMemory : IAsyncDisposable
{
    readonly CancellationTokenSource _stop = new();
    readonly Task _sampling;
    long _peak;

    PeakMemory() => _sampling = SampleAsync();

    public static PeakMemory Start() => new();

    public long PhasePeakBytes => Math.Max(Interlocked.Read(ref _peak), Environment.WorkingSet);

    public static long ProcessPeakBytes
    {
        get
        {
            using var process = Process.GetCurrentProcess();
            return process.PeakWorkingSet64;
        }
    }

    async Task SampleAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        do
        {
            var now = Environment.WorkingSet;
            if (now > Interlocked.Read(ref _peak)) Interlocked.Exchange(ref _peak, now);
        }
        while (await WaitAsync(timer));
    }

    async Task<bool> WaitAsync(PeriodicTimer timer)
    {
        try { return await timer.WaitForNextTickAsync(_stop.Token); }
        catch (OperationCanceledException) { return false; }
    }

    public static string Mib(long bytes) => $"{bytes / (1024.0 * 1024.0):0} MiB";

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _sampling;
        _stop.Dispose();
    }
}

/// <summary>What the figures were measured on: they mean little without the core count and how busy the machine was.</summary>
static class Machine
{
    public static string Describe()
    {
        var load = File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
        return $"{Environment.ProcessorCount} cores, load average {load}, .NET {Environment.Version}, server GC {System.Runtime.GCSettings.IsServerGC}";
    }
}

/// <summary>Garbage collections and their pauses over a phase: the usual cause of a latency tail in managed code.</summary>
readonly record struct GcActivity(int Gen0, int Gen1, int Gen2, TimeSpan Paused, long AllocatedBytes, TimeSpan Cpu)
{
    public static GcActivity Now() => new(GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2),
        GC.GetTotalPauseDuration(), GC.GetTotalAllocatedBytes(), ProcessorTime());

    public static GcActivity operator -(GcActivity after, GcActivity before) => new(after.Gen0 - before.Gen0,
        after.Gen1 - before.Gen1, after.Gen2 - before.Gen2, after.Paused - before.Paused, after.AllocatedBytes - before.AllocatedBytes, after.Cpu - before.Cpu);

    public string Describe(int operations) =>
        $"{Gen0} gen0 / {Gen1} gen1 / {Gen2} gen2 collections, {Paused.TotalMilliseconds:0} ms paused in total, " +
        $"{AllocatedBytes / Math.Max(1, operations) / 1024.0:0} KiB allocated per operation; " +
        $"CPU {Cpu.TotalMilliseconds / Math.Max(1, operations):0.00} ms per operation (user + system, all threads)";

    static TimeSpan ProcessorTime()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }
}
