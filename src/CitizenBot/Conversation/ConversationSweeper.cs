using CitizenBot.Hosting;
using CitizenBot.Core.Conversations;
using Microsoft.Extensions.Options;

namespace CitizenBot.Conversation;

/// <summary>Deletes conversation state idle longer than Conversation:IdleTimeout, every Conversation:SweepInterval.</summary>
public sealed class ConversationSweeper(
    IConversationStateStore store, IOptions<ConversationOptions> options, TimeProvider time, ILogger<ConversationSweeper> logger)
    : PeriodicWork(time)
{
    protected override TimeSpan Interval => options.Value.SweepInterval;
    protected override Task RunOnceAsync(CancellationToken ct) => SweepOnceAsync(ct);

    protected override bool Failed(Exception e)
    {
        logger.LogError(e, "Deleting idle conversation state failed; retrying in {Interval}", options.Value.SweepInterval);
        return true;
    }

    /// <summary>One sweep: deletes state last saved before now − IdleTimeout; returns how many were deleted.</summary>
    public async Task<int> SweepOnceAsync(CancellationToken ct)
    {
        var deleted = await store.DeleteIdleAsync(Time.GetUtcNow() - options.Value.IdleTimeout, ct);
        if (deleted > 0) logger.LogInformation("Deleted {Count} idle conversation state(s)", deleted);
        return deleted;
    }
}
