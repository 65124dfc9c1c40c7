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
/// </summary>
public sealed class SqliteKeptWriter(Func<CancellationToken, Task<SqliteConnection>> open) : IDisposable
{
    readonly SemaphoreSlim _gate = new(1, 1);
    SqliteKeptConnection? _writer; // set, used and disposed only inside the gate

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

    /// <summary>Closes the writer connection, once no write uses it.</summary>
    public void Dispose()
    {
        _gate.Wait();
        try
        {
            _writer?.Dispose();
            _writer = null;
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
