namespace CitizenBot.Core.Limits;

/// <summary>
/// Failure counts in this process's memory, bounded: each kind's table forgets its least recently seen key past
/// <c>maxKeysPerKind</c>, one at a time, never all at once (a key being attacked is seen at every attempt).
/// </summary>
public sealed class MemorySignInFailureStore(int maxKeysPerKind) : ISignInFailureStore
{
    readonly Table[] _tables = Enum.GetValues<SignInFailureKind>().Select(_ => new Table(maxKeysPerKind)).ToArray();
    readonly Lock _lock = new();

    /// <summary>Keys remembered in all tables together.</summary>
    public int Count { get { lock (_lock) return _tables.Sum(t => t.Count); } }

    public Task<IReadOnlyList<SignInFailures?>> GetAsync(IReadOnlyList<SignInFailureKey> keys, DateTimeOffset now, DateTimeOffset forgetBefore, CancellationToken ct)
    {
        lock (_lock)
            return Task.FromResult<IReadOnlyList<SignInFailures?>>(keys.Select(k => _tables[(int)k.Kind].Get(k.Value, forgetBefore)).ToList());
    }

    public Task FailAsync(IReadOnlyList<SignInFailureKey> keys, DateTimeOffset now, DateTimeOffset forgetBefore, CancellationToken ct)
    {
        lock (_lock)
            foreach (var key in keys)
                _tables[(int)key.Kind].Fail(key.Value, now, forgetBefore);
        return Task.CompletedTask;
    }

    public Task RemoveAsync(IReadOnlyList<SignInFailureKey> keys, CancellationToken ct)
    {
        lock (_lock)
            foreach (var key in keys)
                _tables[(int)key.Kind].Remove(key.Value);
        return Task.CompletedTask;
    }

    public Task<int> DeleteForgottenAsync(DateTimeOffset forgetBefore, CancellationToken ct)
    {
        lock (_lock)
            return Task.FromResult(_tables.Sum(t => t.RemoveBefore(forgetBefore)));
    }

    /// <summary>Failure counts by key, least recently seen first out when full.</summary>
    sealed class Table(int capacity)
    {
        sealed class Entry(string key, SignInFailures record)
        {
            public string Key { get; } = key;
            public SignInFailures Record { get; set; } = record;
        }

        readonly Dictionary<string, LinkedListNode<Entry>> _index = new(StringComparer.Ordinal);
        readonly LinkedList<Entry> _recency = new();

        public int Count => _index.Count;

        /// <summary>The key's record, marked as seen; null when unknown or forgotten.</summary>
        public SignInFailures? Get(string key, DateTimeOffset forgetBefore) => Seen(key, forgetBefore)?.Record;

        public void Fail(string key, DateTimeOffset now, DateTimeOffset forgetBefore)
        {
            if (Seen(key, forgetBefore) is { } entry)
            {
                entry.Record = new SignInFailures(entry.Record.Count + 1, now);
                return;
            }
            if (_index.Count >= capacity && _recency.First is { } oldest)
                Remove(oldest.Value.Key);
            _index[key] = _recency.AddLast(new Entry(key, new SignInFailures(1, now)));
        }

        public void Remove(string key)
        {
            if (_index.Remove(key, out var node))
                _recency.Remove(node);
        }

        public int RemoveBefore(DateTimeOffset forgetBefore)
        {
            var stale = _index.Values.Where(n => n.Value.Record.Last < forgetBefore).Select(n => n.Value.Key).ToList();
            stale.ForEach(Remove);
            return stale.Count;
        }

        Entry? Seen(string key, DateTimeOffset forgetBefore)
        {
            if (!_index.TryGetValue(key, out var node))
                return null;
            if (node.Value.Record.Last < forgetBefore)
            {
                Remove(key);
                return null;
            }
            _recency.Remove(node);
            _recency.AddLast(node);
            return node.Value;
        }
    }
}
