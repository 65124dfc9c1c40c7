using System.Collections.Concurrent;
using System.Collections.Immutable;

namespace CitizenBot.Core.DirectLine;

/// <summary>
/// In-process wake-ups: a WebSocket stream subscribes to its conversation, the turn runner waits for a turn to be
/// queued. The store raises them after its commits, handing streams the activities it has just appended (so a stream
/// sends them without reading the database again); with PostgreSQL a listener raises them for other replicas' commits,
/// which streams then read from the store.
/// </summary>
public sealed class DirectLineSignals
{
    readonly ConcurrentDictionary<string, ImmutableArray<ConversationSubscription>> _subscriptions = new(StringComparer.Ordinal);
    TaskCompletionSource _turns = NewSignal();

    /// <summary>
    /// Every change of the conversation from now on, until disposed; take it before reading the store to miss nothing.
    /// </summary>
    public ConversationSubscription Subscribe(string conversationId)
    {
        var subscription = new ConversationSubscription(this, conversationId);
        _subscriptions.AddOrUpdate(conversationId, _ => [subscription], (_, existing) => existing.Add(subscription));
        return subscription;
    }

    internal void Unsubscribe(ConversationSubscription subscription)
    {
        while (_subscriptions.TryGetValue(subscription.ConversationId, out var existing))
        {
            var left = existing.Remove(subscription);
            if (left.Length == existing.Length) return;
            if (left.IsEmpty
                    ? _subscriptions.TryRemove(KeyValuePair.Create(subscription.ConversationId, existing))
                    : _subscriptions.TryUpdate(subscription.ConversationId, left, existing))
                return;
        }
    }

    /// <summary>
    /// The conversation changed: <paramref name="appended"/> are the activities this process has just committed, or
    /// null when the change is known only by its conversation (another replica's commit), so readers go to the store.
    /// </summary>
    public void ConversationChanged(string conversationId, IReadOnlyList<StoredActivity>? appended = null)
    {
        if (_subscriptions.TryGetValue(conversationId, out var subscriptions))
            foreach (var subscription in subscriptions)
                subscription.Deliver(appended);
    }

    /// <summary>Completes when a turn is queued after this call.</summary>
    public Task NextTurn() => Volatile.Read(ref _turns).Task;

    public void TurnQueued() => Interlocked.Exchange(ref _turns, NewSignal()).TrySetResult();

    /// <summary>Wakes every waiter (after a lost notification connection, when changes may have been missed).</summary>
    public void WakeAll()
    {
        foreach (var id in _subscriptions.Keys)
            ConversationChanged(id);
        TurnQueued();
    }

    internal static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>What changed in a conversation since the last look: the activities appended here, or "read the store".</summary>
/// <param name="Appended">Activities committed by this process, in the order their commits signalled (not always sequence order).</param>
/// <param name="ReadStore">Something changed that this process did not append, or more than a subscriber buffers.</param>
public sealed record ConversationChange(IReadOnlyList<StoredActivity> Appended, bool ReadStore)
{
    /// <summary>
    /// The appended activities from the watermark on, in sequence order, when they follow on from it without a gap
    /// (at most <paramref name="max"/>; empty when all are older); null when the reader must read the store instead.
    /// </summary>
    public IReadOnlyList<StoredActivity>? FollowingOn(long watermark, int max)
    {
        if (ReadStore) return null;
        var fresh = Appended.Where(a => a.Sequence >= watermark).OrderBy(a => a.Sequence).ToList();
        // Sequences are unique, so the first at the watermark and a span of Count mean none is missing.
        return fresh.Count == 0 || (fresh.Count <= max && fresh[0].Sequence == watermark && fresh[^1].Sequence - watermark == fresh.Count - 1)
            ? fresh
            : null;
    }
}

/// <summary>One reader's view of a conversation's changes (<see cref="DirectLineSignals.Subscribe"/>); dispose to stop.</summary>
public sealed class ConversationSubscription : IDisposable
{
    /// <summary>Activities buffered for a reader that does not keep up; past it the reader reads the store instead.</summary>
    const int MaxBuffered = 256;

    readonly DirectLineSignals _signals;
    readonly Lock _lock = new();
    List<StoredActivity> _appended = [];
    bool _readStore;
    TaskCompletionSource? _waiter;

    internal ConversationSubscription(DirectLineSignals signals, string conversationId) => (_signals, ConversationId) = (signals, conversationId);

    public string ConversationId { get; }

    internal void Deliver(IReadOnlyList<StoredActivity>? appended)
    {
        TaskCompletionSource? waiter;
        lock (_lock)
        {
            if (appended is null || _appended.Count + appended.Count > MaxBuffered)
            {
                _readStore = true;
                _appended.Clear();
            }
            else if (!_readStore)
                _appended.AddRange(appended);
            (waiter, _waiter) = (_waiter, null);
        }
        waiter?.TrySetResult();
    }

    /// <summary>The changes since the last call, waiting up to <paramref name="timeout"/> for one; null when none came.</summary>
    public async Task<ConversationChange?> NextAsync(TimeSpan timeout, TimeProvider clock, CancellationToken ct)
    {
        Task changed;
        lock (_lock)
        {
            if (TakeLocked() is { } ready) return ready;
            changed = (_waiter ??= DirectLineSignals.NewSignal()).Task;
        }
        try
        {
            await changed.WaitAsync(timeout, clock, ct);
        }
        catch (TimeoutException)
        {
        }
        lock (_lock) return TakeLocked();
    }

    ConversationChange? TakeLocked()
    {
        if (!_readStore && _appended.Count == 0) return null;
        var change = new ConversationChange(_readStore ? [] : _appended, _readStore);
        (_appended, _readStore) = ([], false);
        return change;
    }

    public void Dispose() => _signals.Unsubscribe(this);
}
