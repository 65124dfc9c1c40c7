using System.Collections.Concurrent;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace CitizenBot.Core.Storage;

/// <summary>
/// A SQLite connection kept open by its owner, with each SQL text's statement compiled once. Microsoft.Data.Sqlite
/// compiles a command's SQL again for every new <see cref="SqliteCommand"/> (it keeps no statements across commands:
/// dotnet/efcore#14044), and that compiling was about 8 % of the load host's CPU. <see cref="Command"/> hands out the
/// text's kept command; disposing it, as callers do after each use (<c>await using</c>), only clears its parameters and
/// transaction, and the statements are finalized when this is disposed, before the connection closes (so none goes
/// back to the driver's pool with it). One user at a time: the owner serialises its users (a write gate).
/// </summary>
public sealed class SqliteKeptConnection : IDisposable, IAsyncDisposable
{
    /// <summary>Texts kept at most; a further text gets a command of its own (compiled per use, as before).</summary>
    const int MaxStatements = 64;

    /// <summary>Each open kept connection by its connection, so code given only the connection finds its statements.</summary>
    static readonly ConditionalWeakTable<DbConnection, SqliteKeptConnection> Kept = new();

    readonly Dictionary<string, KeptCommand> _commands = new(StringComparer.Ordinal);

    public SqliteKeptConnection(SqliteConnection connection)
    {
        Connection = connection;
        Kept.Add(connection, this);
    }

    public SqliteConnection Connection { get; }

    /// <summary>The kept connection whose connection this is, or null (a connection opened and closed per use).</summary>
    public static SqliteKeptConnection? Of(DbConnection connection) => Kept.TryGetValue(connection, out var kept) ? kept : null;

    /// <summary>The command for <paramref name="sql"/>, compiled on first use, in <paramref name="transaction"/>.</summary>
    public SqliteCommand Command(string sql, SqliteTransaction? transaction)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            if (_commands.Count >= MaxStatements) return new SqliteCommand(sql, Connection, transaction);
            command = new KeptCommand(sql, Connection);
            try
            {
                command.Prepare();
            }
            catch
            {
                command.Release();
                throw;
            }
            _commands.Add(sql, command);
        }
        command.Transaction = transaction;
        return command;
    }

    public void Dispose()
    {
        foreach (var command in _commands.Values) command.Release();
        _commands.Clear();
        Kept.Remove(Connection);
        Connection.Dispose();
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    sealed class KeptCommand(string sql, SqliteConnection connection) : SqliteCommand(sql, connection)
    {
        bool _released;

        /// <summary>Finalizes the statements (a real dispose).</summary>
        public void Release()
        {
            _released = true;
            Dispose();
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing && !_released)
            {
                // A use is over (its reader, disposed first, has reset the statement): ready for the next one.
                Parameters.Clear();
                Transaction = null;
                return;
            }
            base.Dispose(disposing);
        }
    }
}

/// <summary>
/// A store's one writer connection behind a gate (SQLite has a single writer anyway): opened on the first write with its
/// statements kept (<see cref="SqliteKeptConnection"/>), dropped after a write that failed so the next starts on a fresh
/// connection, closed once no write uses it.
/// Group commit (<see cref="CommitAsync{T}"/>): the writes that queue while another batch holds the gate run together in
/// one transaction, each in a savepoint of its own (one that fails is rolled back alone and fails alone), and the batch
/// commits once — one set of WAL frames and locks for pages the writes share instead of one per write. Every write still
/// returns only after its commit.
/// </summary>
public sealed class SqliteKeptWriter(Func<CancellationToken, Task<SqliteConnection>> open) : IDisposable
{
    readonly SemaphoreSlim _gate = new(1, 1);
    SqliteKeptConnection? _writer; // set, used and disposed only inside the gate

    /// <summary>
    /// How often the log is checkpointed while writes come in. Not inside a commit: SQLite's automatic checkpoint runs in
    /// the commit that crosses its threshold — in the gate, every queued write waiting — and costs two fsyncs and a copy of
    /// the pages changed since the last one; at 500 turns/s (one every 1.4 s with a threshold of 10,000 frames) each
    /// stalled every post and every reply of the host for tens of milliseconds, the load benchmark's whole p99 (95–115 ms
    /// with it, 27–45 ms without any checkpoint in the same minutes). So the writer connection never checkpoints
    /// (wal_autocheckpoint = 0) and a commit at least this long after the last checkpoint starts one on a connection of
    /// its own, beside the writes (PASSIVE: it copies what no reader still needs and waits for no one). Between two, the
    /// log grows by what a second of writes adds (about 28 MiB at 500 turns/s); a checkpoint that could not copy
    /// everything leaves the rest to the next.
    /// </summary>
    public static readonly TimeSpan CheckpointInterval = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Sets up a writer connection: synchronous=NORMAL (WAL: survives a crash of the process; a power cut may lose the
    /// last commits; a per-connection setting, which only a connection that commits needs) and no automatic checkpoint
    /// (<see cref="CheckpointInterval"/>).
    /// </summary>
    public static SqliteConnection Configure(SqliteConnection writer)
    {
        using var pragma = writer.CreateCommand();
        pragma.CommandText = "PRAGMA synchronous = NORMAL; PRAGMA wal_autocheckpoint = 0";
        pragma.ExecuteNonQuery();
        return writer;
    }

    /// <summary>The checkpoints' connection and the running one; set by a commit in the gate, cleared by the checkpoint.</summary>
    SqliteConnection? _checkpointer;
    Task _checkpoint = Task.CompletedTask;
    long _lastCheckpoint = Environment.TickCount64;
    int _checkpointing;
    bool _disposed;

    /// <summary>After a commit (in the gate): starts a checkpoint beside the writes when one is due and none runs.</summary>
    void CheckpointWhenDue()
    {
        var now = Environment.TickCount64;
        if (_disposed || now - _lastCheckpoint < (long)CheckpointInterval.TotalMilliseconds) return;
        if (Interlocked.CompareExchange(ref _checkpointing, 1, 0) != 0) return;
        _lastCheckpoint = now;
        // Its own thread: the copy and the fsyncs block it for as long as the disk takes, not a thread-pool worker.
        _checkpoint = Task.Factory.StartNew(Checkpoint, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    void Checkpoint()
    {
        try
        {
            _checkpointer ??= open(CancellationToken.None).GetAwaiter().GetResult();
            using var command = _checkpointer.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
            command.ExecuteNonQuery();
        }
        catch (SqliteException)
        {
            // The log stays as it was and the next checkpoint copies it; that one starts on a fresh connection.
            _checkpointer?.Dispose();
            _checkpointer = null;
        }
        finally
        {
            Volatile.Write(ref _checkpointing, 0);
        }
    }

    /// <summary>Writes waiting for the next batch; <see cref="_leading"/>: a writer is running batches. Guarded by itself.</summary>
    readonly List<Queued> _queue = [];
    bool _leading;

    /// <summary>Runs <paramref name="work"/> in the gate on the writer connection.</summary>
    public async Task<T> WriteAsync<T>(Func<SqliteKeptConnection, Task<T>> work, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            _writer ??= new SqliteKeptConnection(await open(ct));
            try
            {
                return await work(_writer);
            }
            catch
            {
                // Whatever went wrong, the next write starts on a fresh connection.
                await _writer.DisposeAsync();
                _writer = null;
                throw;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> in a write transaction on the writer connection and returns once it is committed,
    /// with the writes queued meanwhile (group commit). <paramref name="committed"/> runs after the commit, still inside
    /// the gate, in the order of the writes (so before any later write).
    /// </summary>
    public async Task<T> CommitAsync<T>(Func<SqliteKeptConnection, SqliteTransaction, Task<T>> work, CancellationToken ct, Action<T>? committed = null)
    {
        var write = new Queued<T>(work, committed, ct);
        bool lead;
        lock (_queue)
        {
            _queue.Add(write);
            lead = !_leading;
            _leading = true;
        }
        // Not leading: another writer runs this write in its batch, or hands the lead on to it.
        if (!lead && !await write.Lead.Task) return write.Result();
        await RunBatchAsync();
        return write.Result();
    }

    /// <summary>Takes every queued write into one transaction, commits it, then hands the lead to the next queued write.</summary>
    async Task RunBatchAsync()
    {
        await _gate.WaitAsync(CancellationToken.None);
        // Taken once in the gate, so the writes queued while another user held it join this batch.
        List<Queued> batch;
        lock (_queue)
        {
            batch = [.. _queue];
            _queue.Clear();
        }
        try
        {
            await RunInTransactionAsync(batch);
        }
        finally
        {
            _gate.Release();
            Queued? next = null;
            lock (_queue)
            {
                if (_queue.Count > 0) next = _queue[0];
                else _leading = false;
            }
            // The writes of this batch have their outcome; the next batch's first write leads it.
            foreach (var done in batch) done.Lead.TrySetResult(false);
            next?.Lead.TrySetResult(true);
        }
    }

    async Task RunInTransactionAsync(List<Queued> batch)
    {
        try
        {
            _writer ??= new SqliteKeptConnection(await open(CancellationToken.None));
            await using var transaction = (SqliteTransaction)await _writer.Connection.BeginTransactionAsync();
            var alone = batch.Count == 1;
            foreach (var write in batch)
            {
                if (alone)
                {
                    await write.RunAsync(_writer, transaction); // fails the transaction, which is rolled back
                    continue;
                }
                await Savepoint(_writer, transaction, "SAVEPOINT batched_write");
                try
                {
                    await write.RunAsync(_writer, transaction);
                }
                catch (Exception e)
                {
                    await Savepoint(_writer, transaction, "ROLLBACK TO batched_write");
                    write.Fail(e);
                }
                await Savepoint(_writer, transaction, "RELEASE batched_write");
            }
            await transaction.CommitAsync();
        }
        catch (Exception e)
        {
            // Nothing of the batch is stored; the next write starts on a fresh connection.
            foreach (var write in batch) write.Fail(e);
            if (_writer is not null) await _writer.DisposeAsync();
            _writer = null;
            return;
        }
        CheckpointWhenDue();
        foreach (var write in batch) write.Committed();
    }

    static async Task Savepoint(SqliteKeptConnection writer, SqliteTransaction transaction, string sql)
    {
        await using var command = writer.Command(sql, transaction);
        await command.ExecuteNonQueryAsync();
    }

    abstract class Queued
    {
        /// <summary>True: lead the next batch; false: this write has its outcome.</summary>
        public TaskCompletionSource<bool> Lead { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public abstract Task RunAsync(SqliteKeptConnection writer, SqliteTransaction transaction);

        public abstract void Fail(Exception e);

        public abstract void Committed();
    }

    sealed class Queued<T>(Func<SqliteKeptConnection, SqliteTransaction, Task<T>> work, Action<T>? committed, CancellationToken ct) : Queued
    {
        T _result = default!;
        Exception? _failure;

        public override async Task RunAsync(SqliteKeptConnection writer, SqliteTransaction transaction)
        {
            ct.ThrowIfCancellationRequested();
            _result = await work(writer, transaction);
        }

        public override void Fail(Exception e) => _failure ??= e;

        /// <summary>After the commit: the write's callback; one that throws fails its own write only (it is stored all the same).</summary>
        public override void Committed()
        {
            if (_failure is not null || committed is null) return;
            try
            {
                committed(_result);
            }
            catch (Exception e)
            {
                _failure = e;
            }
        }

        public T Result()
        {
            if (_failure is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(_failure);
            return _result;
        }
    }

    /// <summary>Runs <paramref name="work"/> in the gate without the connection: state that writes keep in order.</summary>
    public async Task InGateAsync(Action work, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            work();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Closes the writer connection, once no write uses it, and the checkpoints' once none runs.</summary>
    public void Dispose()
    {
        _gate.Wait();
        try
        {
            _disposed = true;
            _writer?.Dispose();
            _writer = null;
            _checkpoint.Wait();
            _checkpointer?.Dispose();
            _checkpointer = null;
        }
        finally
        {
            _gate.Release();
        }
    }
}

/// <summary>
/// Read connections kept open with their statements (<see cref="SqliteKeptConnection"/>), each lent to one reader at a
/// time: a store's per-turn reads (a conversation's row, its state) compile nothing after the first few turns. At most
/// <paramref name="keep"/> wait idle; a connection given back beyond that is closed.
/// </summary>
public sealed class SqliteKeptReaders(Func<SqliteConnection> open, int keep = 8) : IDisposable
{
    readonly ConcurrentBag<SqliteKeptConnection> _idle = [];
    int _idleCount;
    volatile bool _disposed;

    /// <summary>Runs <paramref name="read"/> on a lent connection; one that failed is closed, not given back.</summary>
    public async Task<T> ReadAsync<T>(Func<SqliteKeptConnection, Task<T>> read)
    {
        var kept = Rent();
        T result;
        try
        {
            result = await read(kept);
        }
        catch
        {
            kept.Dispose();
            throw;
        }
        Return(kept);
        return result;
    }

    SqliteKeptConnection Rent()
    {
        if (_idle.TryTake(out var kept))
        {
            Interlocked.Decrement(ref _idleCount);
            return kept;
        }
        return new SqliteKeptConnection(open());
    }

    void Return(SqliteKeptConnection kept)
    {
        if (_disposed || Interlocked.Increment(ref _idleCount) > keep)
        {
            if (!_disposed) Interlocked.Decrement(ref _idleCount);
            kept.Dispose();
            return;
        }
        _idle.Add(kept);
        if (_disposed) Dispose(); // disposed meanwhile: close what was just given back
    }

    public void Dispose()
    {
        _disposed = true;
        while (_idle.TryTake(out var kept)) kept.Dispose();
    }
}
