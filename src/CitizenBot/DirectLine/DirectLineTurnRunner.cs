using System.Data.Common;
using CitizenBot.Core.DirectLine;
using CitizenBot.Hosting;
using CitizenBot.Postgres;
using Microsoft.Extensions.Options;

namespace CitizenBot.DirectLine;

/// <summary>
/// Runs pending turns claimed from the store, up to <see cref="DirectLineOptions.TurnConcurrency"/> at once. One loop
/// claims (so a wake-up costs one query, not one per worker); it claims when a turn is queued on this replica or another,
/// and every <see cref="DirectLineOptions.TurnPollInterval"/> anyway, which picks up turns a killed replica had claimed.
/// On shutdown running turns are cancelled and stay pending for the next replica.
/// </summary>
public sealed class DirectLineTurnRunner(
    IDirectLineStore store, DirectLineSignals signals, DirectLineChannel channel, IOptions<DirectLineOptions> options, ILogger<DirectLineTurnRunner> logger,
    TimeProvider clock)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        var claimFailures = new RepeatedFailure(logger, clock, "Direct Line: claiming a turn");
        using var slots = new SemaphoreSlim(o.TurnConcurrency, o.TurnConcurrency);
        var running = new HashSet<Task>();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await slots.WaitAsync(stoppingToken);
                var queued = signals.NextTurn(); // taken before claiming, so a turn queued meanwhile is not missed
                ITurnClaim? claim;
                try
                {
                    claim = await store.ClaimTurnAsync(stoppingToken);
                }
                catch (DbException e)
                {
                    claimFailures.Report(e);
                    claim = null;
                }
                if (claim is null)
                {
                    slots.Release();
                    try { await queued.WaitAsync(o.TurnPollInterval, stoppingToken); } catch (TimeoutException) { }
                    continue;
                }
                var task = RunAsync(claim, slots, stoppingToken);
                lock (running) running.Add(task);
                _ = task.ContinueWith(t => { lock (running) running.Remove(t); }, TaskScheduler.Default);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        Task[] left;
        lock (running) left = [.. running];
        await Task.WhenAll(left);
    }

    async Task RunAsync(ITurnClaim claim, SemaphoreSlim slots, CancellationToken stoppingToken)
    {
        await Task.Yield(); // the bot never runs on the claiming loop
        try
        {
            await using (claim)
                await channel.RunTurnAsync(claim, stoppingToken);
        }
        catch (Exception e) when (e is DbException or OperationCanceledException)
        {
            // The store failed while completing (or the host stops): the turn stays pending and runs again.
            if (!stoppingToken.IsCancellationRequested)
                logger.LogWarning("Direct Line: completing a turn in conversation {ConversationId} failed ({Error}); it stays pending", claim.Turn.ConversationId, e.Message);
        }
        finally
        {
            slots.Release();
        }
    }
}

/// <summary>Sweeps idle conversations once a minute so storage is returned even when nobody asks for them again.</summary>
public sealed class DirectLineConversationSweeper(IDirectLineStore store, IOptions<DirectLineOptions> options, TimeProvider clock, ILogger<DirectLineConversationSweeper> logger)
    : PeriodicWork(clock)
{
    protected override TimeSpan Interval => TimeSpan.FromMinutes(1);
    protected override bool RunsAtStart => false;

    protected override async Task RunOnceAsync(CancellationToken ct)
    {
        var evicted = await store.DeleteIdleAsync(Time.GetUtcNow() - options.Value.ConversationIdleTimeout, ct);
        if (evicted > 0)
            logger.LogInformation("Direct Line: forgot {Evicted} idle conversations", evicted);
    }

    protected override bool Failed(Exception e)
    {
        if (e is not DbException) return false;
        logger.LogWarning("Direct Line: sweeping idle conversations failed ({Error})", e.Message);
        return true;
    }
}

/// <summary>With PostgreSQL, turns other replicas' NOTIFYs into this process's wake-ups; with SQLite there are no others.</summary>
public sealed class DirectLineChangeListener(IDirectLineStore store, ILogger<DirectLineChangeListener> logger, TimeProvider clock) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => store is PostgresDirectLineStore postgres
        ? postgres.ListenAsync(new RepeatedFailure(logger, clock, "Direct Line: listening for other replicas").Report, stoppingToken)
        : Task.CompletedTask;
}
