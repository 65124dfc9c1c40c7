namespace CitizenBot.Hosting;

/// <summary>
/// Background work run every <see cref="Interval"/> on the host's <see cref="TimeProvider"/> (so tests move time by
/// hand): at start too when <see cref="RunsAtStart"/>. A run that fails is logged by <see cref="Failed"/> and tried
/// again at the next tick; stopping the host, or the work being <see cref="Done"/>, ends the loop quietly.
/// </summary>
public abstract class PeriodicWork(TimeProvider time) : BackgroundService
{
    /// <summary>The host's clock, for the work's own "now".</summary>
    protected TimeProvider Time { get; } = time;

    protected abstract TimeSpan Interval { get; }

    /// <summary>True: the first run is at start; false: one interval after it.</summary>
    protected virtual bool RunsAtStart => true;

    /// <summary>True once the work has nothing left to do: the loop ends (a start-up step that has completed).</summary>
    protected virtual bool Done => false;

    protected abstract Task RunOnceAsync(CancellationToken ct);

    /// <summary>Logs a failed run and returns true to carry on; false lets the exception stop the service.</summary>
    protected abstract bool Failed(Exception e);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, Time);
        try
        {
            if (RunsAtStart) await RunAsync(stoppingToken);
            while (!Done && await timer.WaitForNextTickAsync(stoppingToken))
                await RunAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    async Task RunAsync(CancellationToken ct)
    {
        try
        {
            await RunOnceAsync(ct);
        }
        catch (Exception e) when (e is not OperationCanceledException && Failed(e))
        {
        }
    }
}
