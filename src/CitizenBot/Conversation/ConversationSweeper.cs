using CitizenBot.Core.Conversations;
using Microsoft.Extensions.Options;

namespace CitizenBot.Conversation;

/// <summary>Deletes conversation state idle longer than Conversation:IdleTimeout, every Conversation:SweepInterval.</summary>
public sealed class ConversationSweeper(
    IConversationStateStore store, IOptions<ConversationOptions> options, TimeProvider time, ILogger<ConversationSweeper> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepInterval, time);
        try
        {
            do
            {
                try
                {
                    await SweepOnceAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogError(e, "Deleting idle conversation state failed; retrying in {Interval}", options.Value.SweepInterval);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>One sweep: deletes state last saved before now − IdleTimeout; returns how many were deleted.</summary>
    public async Task<int> SweepOnceAsync(CancellationToken ct)
    {
        var deleted = await store.DeleteIdleAsync(time.GetUtcNow() - options.Value.IdleTimeout, ct);
        if (deleted > 0) logger.LogInformation("Deleted {Count} idle conversation state(s)", deleted);
        return deleted;
    }
}
