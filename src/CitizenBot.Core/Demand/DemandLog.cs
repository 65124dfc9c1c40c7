using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace CitizenBot.Core.Demand;

/// <summary>How the demand log writes; bound from DemandLog:* in the host.</summary>
/// <param name="QueueCapacity">Events held in memory waiting for the writer; beyond it a turn's event goes straight to the spill file.</param>
/// <param name="BatchSize">Entries per database transaction.</param>
/// <param name="RetryAttempts">Tries of one batch before the database counts as unreachable and the batch is spilled.</param>
/// <param name="RetryDelay">Delay before the second try; it doubles for each further try, and for each failed probe while unreachable.</param>
/// <param name="MaxProbeDelay">Longest wait between probes of an unreachable database (the doubling stops here).</param>
public sealed record DemandLogSettings(
    int QueueCapacity = 10_000,
    int BatchSize = 200,
    int RetryAttempts = 3,
    TimeSpan? RetryDelay = null,
    TimeSpan? MaxProbeDelay = null)
{
    public TimeSpan FirstRetryDelay => RetryDelay ?? TimeSpan.FromMilliseconds(100);
    public TimeSpan LongestProbeDelay => MaxProbeDelay ?? TimeSpan.FromSeconds(30);
}

/// <summary>
/// The durable demand log behind <see cref="IDemandRecorder"/>. A turn only puts its event in a bounded in-memory
/// queue (never waiting on the database, never throwing); one background writer scrubs, hashes and stores events in
/// batches, retrying with exponential backoff. While the database is unreachable entries go to the local spill
/// file, and the writer probes the database (backoff doubling up to <see cref="DemandLogSettings.MaxProbeDelay"/>)
/// and replays the file once it answers. Stopping flushes; disposing without stopping (a host torn down) spills what
/// is still in memory, and the next start replays it.
/// </summary>
public sealed class DemandLog : IDemandRecorder, IAsyncDisposable
{
    readonly IDemandStore _store;
    readonly DemandEntryFactory _factory;
    readonly SpillFile _spill;
    readonly DemandLogSettings _settings;
    readonly TimeProvider _time;
    readonly ILogger _logger;
    readonly Channel<Item> _queue;
    readonly CancellationTokenSource _abort = new();
    Task? _writer;
    bool _reachable = true;
    TimeSpan _probeDelay;
    DateTimeOffset _nextProbe;
    long _stored;
    long _spilled;

    public DemandLog(IDemandStore store, DemandEntryFactory factory, SpillFile spill, DemandLogSettings settings, TimeProvider time, ILogger<DemandLog> logger)
    {
        _store = store;
        _factory = factory;
        _spill = spill;
        _settings = settings;
        _time = time;
        _logger = logger;
        _probeDelay = settings.FirstRetryDelay;
        _queue = Channel.CreateBounded<Item>(new BoundedChannelOptions(Math.Max(1, settings.QueueCapacity))
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait, // TryWrite then fails instead of dropping anything.
        });
    }

    public IDemandStore Store => _store;
    public SpillFile Spill => _spill;
    /// <summary>Entries written to the database by this instance (replays included).</summary>
    public long Stored => Interlocked.Read(ref _stored);
    /// <summary>Entries this instance had to put in the spill file.</summary>
    public long Spilled => Interlocked.Read(ref _spilled);
    /// <summary>Entries stored with their question withheld because it could not be scrubbed (never dropped).</summary>
    public long Withheld => _factory.Withheld;

    /// <summary>Never waits on the database and never throws: a full queue sends the event to the spill file instead.</summary>
    public async ValueTask RecordAsync(DemandEvent e, CancellationToken ct)
    {
        try
        {
            if (_queue.Writer.TryWrite(new Item(e, null))) return;
            // Queue full, or the log already stopped: the event must not be lost, so it is spilled right here.
            var entry = _factory.Create(e);
            await _spill.AppendAsync([entry], CancellationToken.None);
            Interlocked.Increment(ref _spilled);
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "Could not record a {Outcome} demand event", e.Outcome);
        }
    }

    /// <summary>Initialises the schema (or notes that the database is down) and starts the writer, which replays any spill first.</summary>
    public async Task StartAsync(CancellationToken ct)
    {
        try
        {
            await _store.InitializeAsync(ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Chat works without the demand log: entries spill until the database answers.
            _logger.LogError(ex, "The demand log database ({Store}) is not reachable at start; entries go to {Spill} until it is", _store.Description, _spill.Path);
            MarkUnreachable();
        }
        _writer = Task.Run(() => RunAsync(_abort.Token), CancellationToken.None);
    }

    /// <summary>
    /// Waits until every event recorded before the call is stored or spilled, and tries a replay if anything is
    /// spilled. True when nothing is left in the spill file.
    /// </summary>
    public async Task<bool> FlushAsync(CancellationToken ct)
    {
        var done = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_queue.Writer.TryWrite(new Item(null, done)))
            await _queue.Writer.WriteAsync(new Item(null, done), ct);
        return await done.Task.WaitAsync(ct);
    }

    /// <summary>Graceful stop: no new events are queued, the writer drains the queue into the database (or the spill file).</summary>
    public async Task StopAsync(CancellationToken ct)
    {
        _queue.Writer.TryComplete();
        if (_writer is null) return;
        try
        {
            await _writer.WaitAsync(ct);
        }
        catch (OperationCanceledException)
        {
            // Out of shutdown time: what is left goes to the spill file.
            await _abort.CancelAsync();
            await _writer;
        }
    }

    /// <summary>Without a prior stop, nothing more is written to the database: whatever is in memory goes to the spill file.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        if (!_abort.IsCancellationRequested) await _abort.CancelAsync();
        if (_writer is not null) await _writer;
        else await SpillRemainingAsync([]);
        _abort.Dispose();
    }

    async Task RunAsync(CancellationToken abort)
    {
        var batch = new List<DemandEntry>(_settings.BatchSize);
        var markers = new List<TaskCompletionSource<bool>>();
        try
        {
            if (_reachable && _spill.HasPending) await TryReplayAsync(abort);
            var reader = _queue.Reader;
            while (await WaitForWorkAsync(abort))
            {
                while (batch.Count < _settings.BatchSize && reader.TryRead(out var item))
                {
                    if (item.Event is { } e)
                    {
                        try { batch.Add(_factory.Create(e)); }
                        catch (Exception ex) { _logger.LogError("Could not prepare a {Outcome} demand entry ({Error}); it is dropped", e.Outcome, ex.GetType().Name); }
                    }
                    if (item.Flushed is { } marker)
                    {
                        markers.Add(marker);
                        break; // Everything before the marker is in this batch.
                    }
                }
                if (batch.Count > 0) await WriteAsync(batch, abort);
                batch.Clear();
                var probeDue = !_reachable && _time.GetUtcNow() >= _nextProbe;
                if (markers.Count > 0 || probeDue || _reachable && _spill.HasPending)
                    await TryReplayAsync(abort);
                foreach (var marker in markers) marker.TrySetResult(!_spill.HasPending);
                markers.Clear();
            }
        }
        catch (OperationCanceledException) when (abort.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            _logger.LogCritical(ex, "The demand log writer failed; what it still holds goes to {Spill}", _spill.Path);
        }
        await SpillRemainingAsync(batch);
        foreach (var marker in markers) marker.TrySetResult(false);
    }

    /// <summary>True when there is something to read or a probe is due; false when the queue is completed and empty.</summary>
    async Task<bool> WaitForWorkAsync(CancellationToken abort)
    {
        if (_reachable && !_spill.HasPending)
            return await _queue.Reader.WaitToReadAsync(abort);
        var wait = _nextProbe - _time.GetUtcNow();
        if (wait <= TimeSpan.Zero) return true;
        var read = _queue.Reader.WaitToReadAsync(abort).AsTask();
        var delay = Task.Delay(wait, _time, abort);
        if (await Task.WhenAny(read, delay) == read) return await read;
        await delay; // Rethrows a cancellation.
        return !_queue.Reader.Completion.IsCompleted || _spill.HasPending;
    }

    async Task WriteAsync(List<DemandEntry> batch, CancellationToken abort)
    {
        if (_reachable)
        {
            var delay = _settings.FirstRetryDelay;
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await _store.AppendAsync(batch, abort);
                    Interlocked.Add(ref _stored, batch.Count);
                    return;
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !abort.IsCancellationRequested)
                {
                    if (attempt >= _settings.RetryAttempts)
                    {
                        _logger.LogError(ex, "The demand log database ({Store}) failed {Attempts} times; entries go to {Spill} until it answers",
                            _store.Description, attempt, _spill.Path);
                        MarkUnreachable();
                        break;
                    }
                    _logger.LogWarning("Storing {Count} demand entries failed (attempt {Attempt}): {Error}; retrying in {Delay} ms",
                        batch.Count, attempt, ex.Message, (int)delay.TotalMilliseconds);
                    await Task.Delay(delay, _time, abort);
                    delay *= 2;
                }
            }
        }
        await _spill.AppendAsync(batch, CancellationToken.None);
        Interlocked.Add(ref _spilled, batch.Count);
    }

    async Task TryReplayAsync(CancellationToken abort)
    {
        if (!_spill.HasPending && _reachable) return;
        try
        {
            if (!_reachable) await _store.InitializeAsync(abort); // Also the probe: a database that was down at start gets its schema now.
            var replay = await _spill.ReplayAsync(async (entries, ct) =>
            {
                await _store.AppendAsync(entries, ct);
                Interlocked.Add(ref _stored, entries.Count);
            }, _settings.BatchSize, abort);
            if (!_reachable)
                _logger.LogInformation("The demand log database ({Store}) answers again", _store.Description);
            if (replay.Replayed > 0 || replay.Corrupt > 0)
                _logger.LogInformation("Replayed {Count} spilled demand entries into {Store} ({Corrupt} unreadable lines kept aside)",
                    replay.Replayed, _store.Description, replay.Corrupt);
            _reachable = true;
            _probeDelay = _settings.FirstRetryDelay;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !abort.IsCancellationRequested)
        {
            if (_reachable) _logger.LogError(ex, "Replaying the demand spill file into {Store} failed", _store.Description);
            else _logger.LogDebug("The demand log database is still unreachable: {Error}", ex.Message);
            MarkUnreachable();
        }
    }

    void MarkUnreachable()
    {
        if (!_reachable) _probeDelay = TimeSpan.FromTicks(Math.Min(_probeDelay.Ticks * 2, _settings.LongestProbeDelay.Ticks));
        _reachable = false;
        _nextProbe = _time.GetUtcNow() + _probeDelay;
    }

    /// <summary>What the writer holds and what is still queued goes to the spill file (no database call).</summary>
    async Task SpillRemainingAsync(List<DemandEntry> batch)
    {
        var remaining = new List<DemandEntry>(batch);
        while (_queue.Reader.TryRead(out var item))
        {
            if (item.Event is { } e) remaining.Add(_factory.Create(e));
            item.Flushed?.TrySetResult(false);
        }
        if (remaining.Count == 0) return;
        try
        {
            await _spill.AppendAsync(remaining, CancellationToken.None);
            Interlocked.Add(ref _spilled, remaining.Count);
            _logger.LogWarning("{Count} demand entries not yet stored were put in {Spill}; they are replayed at the next start", remaining.Count, _spill.Path);
        }
        catch (Exception ex)
        {
            _logger.LogCritical(ex, "{Count} demand entries could be neither stored nor spilled", remaining.Count);
        }
    }

    /// <summary>An event to store, or a flush marker completed once everything queued before it is stored or spilled.</summary>
    readonly record struct Item(DemandEvent? Event, TaskCompletionSource<bool>? Flushed);
}
