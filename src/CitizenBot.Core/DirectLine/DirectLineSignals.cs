using System.Collections.Concurrent;

namespace CitizenBot.Core.DirectLine;

/// <summary>
/// In-process wake-ups: a WebSocket stream waits for its conversation to change, the turn runner for a turn to be
/// queued. The store raises them after its commits; with PostgreSQL a listener raises them for other replicas' commits.
/// </summary>
public sealed class DirectLineSignals
{
    readonly ConcurrentDictionary<string, TaskCompletionSource> _conversations = new(StringComparer.Ordinal);
    TaskCompletionSource _turns = NewSignal();

    /// <summary>Completes at the next change of the conversation after this call; take it before reading to miss nothing.</summary>
    public Task NextChange(string conversationId) => _conversations.GetOrAdd(conversationId, _ => NewSignal()).Task;

    public void ConversationChanged(string conversationId)
    {
        if (_conversations.TryRemove(conversationId, out var signal))
            signal.TrySetResult();
    }

    /// <summary>Completes when a turn is queued after this call.</summary>
    public Task NextTurn() => Volatile.Read(ref _turns).Task;

    public void TurnQueued() => Interlocked.Exchange(ref _turns, NewSignal()).TrySetResult();

    /// <summary>Wakes every waiter (after a lost notification connection, when changes may have been missed).</summary>
    public void WakeAll()
    {
        foreach (var id in _conversations.Keys)
            ConversationChanged(id);
        TurnQueued();
    }

    static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
