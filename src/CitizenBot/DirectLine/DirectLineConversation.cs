using System.Globalization;
using System.Text.Json;
using CitizenBot.Core.Protocol;

namespace CitizenBot.DirectLine;

/// <summary>
/// One conversation held in memory: its transcript (what clients read, each activity serialized once when appended),
/// a monotonic watermark (the count of activities ever appended), and the queue that runs its turns one at a time.
/// </summary>
public sealed class DirectLineConversation
{
    readonly object _gate = new();
    readonly List<byte[]> _transcript = [];
    readonly HashSet<string> _ids = [];
    readonly Queue<string> _idOrder = new();
    readonly int _capacity;
    long _firstIndex;
    DateTimeOffset _lastTimestamp;
    TaskCompletionSource _changed = NewSignal();
    Task _turnTail = Task.CompletedTask;
    int _pendingTurns;
    long _lastActiveTicks;
    int _transientIds;
    int _started;

    public DirectLineConversation(string id, ChannelAccount user, int capacity, DateTimeOffset now)
    {
        Id = id;
        User = user;
        _capacity = capacity;
        Touch(now);
    }

    public string Id { get; }
    public ChannelAccount User { get; }
    public string? Locale { get; set; }
    public DateTimeOffset LastActive => new(Interlocked.Read(ref _lastActiveTicks), TimeSpan.Zero);

    public void Touch(DateTimeOffset now) => Interlocked.Exchange(ref _lastActiveTicks, now.UtcTicks);

    /// <summary>True the first time only: the conversation has just started (the bot then gets its conversationUpdate).</summary>
    public bool MarkStarted() => Interlocked.Exchange(ref _started, 1) == 0;

    /// <summary>The current watermark: how many activities were ever appended.</summary>
    public long Watermark { get { lock (_gate) return _firstIndex + _transcript.Count; } }

    /// <summary>An id for an activity that is not kept in the transcript (conversationUpdate, typing, unknown types).</summary>
    public string NewTransientId() => $"{Id}|t{Interlocked.Increment(ref _transientIds).ToString(CultureInfo.InvariantCulture)}";

    public bool Contains(string? activityId)
    {
        if (activityId is null) return false;
        lock (_gate) return _ids.Contains(activityId);
    }

    /// <summary>
    /// Stamps the activity with the next id and a UTC timestamp from the one server clock (never earlier than the previous
    /// one, so echoes and replies sort in the order they happened), then appends it and wakes the readers.
    /// </summary>
    public string Append(Activity activity, DateTimeOffset now)
    {
        TaskCompletionSource changed;
        string id;
        lock (_gate)
        {
            var index = _firstIndex + _transcript.Count;
            id = $"{Id}|{index.ToString("D7", CultureInfo.InvariantCulture)}";
            var stamp = now.ToUniversalTime();
            if (stamp <= _lastTimestamp) stamp = _lastTimestamp.AddTicks(10);
            _lastTimestamp = stamp;
            activity.Id = id;
            activity.Timestamp = stamp;
            _transcript.Add(JsonSerializer.SerializeToUtf8Bytes(activity, DirectLineJson.Options));
            _ids.Add(id);
            _idOrder.Enqueue(id);
            if (_transcript.Count > _capacity)
            {
                _transcript.RemoveAt(0);
                _ids.Remove(_idOrder.Dequeue());
                _firstIndex++;
            }
            changed = _changed;
            _changed = NewSignal();
        }
        changed.TrySetResult();
        return id;
    }

    /// <summary>Activities from the watermark on (at most <paramref name="max"/>) and the watermark after them.</summary>
    public (IReadOnlyList<byte[]> Activities, long Watermark) Read(long watermark, int max)
    {
        lock (_gate)
        {
            var end = _firstIndex + _transcript.Count;
            var from = Math.Clamp(watermark, _firstIndex, end);
            var count = (int)Math.Min(max, end - from);
            return (_transcript.GetRange((int)(from - _firstIndex), count), from + count);
        }
    }

    /// <summary>Completes when something is appended after this call; take it before reading to miss nothing.</summary>
    public Task Changed { get { lock (_gate) return _changed.Task; } }

    /// <summary>
    /// Queues a turn behind the previous ones so a conversation's turns run in order, without blocking the caller.
    /// False when too many are already waiting.
    /// </summary>
    public bool TryEnqueueTurn(Func<Task> turn, int maxPending)
    {
        lock (_gate)
        {
            if (_pendingTurns >= maxPending)
                return false;
            _pendingTurns++;
            _turnTail = RunAfter(_turnTail, turn);
            return true;
        }
    }

    /// <summary>
    /// Echoes a client's activity and queues its turn as one step, so the transcript order is the turn order;
    /// null (and nothing appended) when too many turns are waiting.
    /// </summary>
    public string? TryAppendAndEnqueue(Activity activity, DateTimeOffset now, Func<Task> turn, int maxPending)
    {
        lock (_gate)
        {
            if (_pendingTurns >= maxPending)
                return null;
            var id = Append(activity, now);
            TryEnqueueTurn(turn, int.MaxValue);
            return id;
        }
    }

    async Task RunAfter(Task previous, Func<Task> turn)
    {
        try
        {
            await Task.Yield(); // never run the bot on the caller's thread, inside the lock
            await Task.WhenAny(previous); // a failed turn never stops the ones after it
            await turn();
        }
        finally
        {
            lock (_gate) _pendingTurns--;
        }
    }

    static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
