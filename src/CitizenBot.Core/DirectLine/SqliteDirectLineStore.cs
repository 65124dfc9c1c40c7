using System.Data.Common;
using CitizenBot.Core.Storage;
using Microsoft.Data.Sqlite;

namespace CitizenBot.Core.DirectLine;

/// <summary>
/// The one-host store: {Storage:DataDirectory}/directline.db (WAL, synchronous=NORMAL: survives a crash of the process).
/// One process owns the file: a claim is a mark in this process's memory (a turn it runs now; the turn stays in the file
/// until its completion commits, so a crash leaves it pending for the next start), so claiming writes nothing; and this
/// process's writers take turns through one gate on one writer connection, opened once (its statements compiled once,
/// <see cref="SqliteKeptWriter"/>), as SQLite has a single writer anyway; reads use kept read connections, each
/// lent to one reader at a time (<see cref="SqliteKeptReaders"/>; WAL: they never wait for the writer). The writes that
/// queue while a transaction commits are committed together (group commit), each still before its caller returns. Being the only
/// process on the file, it also counts the turns waiting to be claimed, so the turn runner's claims when none waits
/// (after each claim, after each completed turn) cost no transaction.
/// </summary>
public sealed class SqliteDirectLineStore : SqlDirectLineStore, IDisposable
{
    readonly string _connectionString;
    readonly SqliteKeptReaders _readers;
    readonly SqliteKeptWriter _writer;
    /// <summary>
    /// Never fewer than the unclaimed turns in the file: raised before a turn is queued or released is committed,
    /// lowered only after a claim is committed, recounted (inside the gate) when a claim finds none it may run.
    /// </summary>
    long _unclaimed;

    /// <summary>The turns this process runs now (claimed, not yet completed or given up). Only touched inside the gate.</summary>
    readonly HashSet<long> _claimed = [];

    public SqliteDirectLineStore(string path, DirectLineSignals signals) : base(signals)
    {
        Path = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = Path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = true, DefaultTimeout = 10 }.ToString();
        _readers = new SqliteKeptReaders(Open);
        _writer = new SqliteKeptWriter(OpenWriterAsync);
    }

    public string Path { get; }

    public override string Description => $"SQLite {Path}";

    protected override IReadOnlyList<string> Migrations { get; } = [Schema("INTEGER", "INTEGER PRIMARY KEY AUTOINCREMENT", "BLOB"), ClientActivityIds];

    protected override string? MigrationLock => null;

    public override async Task InitializeAsync(CancellationToken ct)
    {
        await using (var connection = await OpenAsync(ct))
        await using (var wal = Command(connection, null, "PRAGMA journal_mode = WAL"))
            await wal.ExecuteNonQueryAsync(ct);
        await base.InitializeAsync(ct);
        // Claims a previous version marked in the file (a run stopped or killed mid-turn) run again.
        await using var connection2 = await OpenAsync(ct);
        await using var release = Command(connection2, null, "UPDATE directline_turn SET claimed = 0 WHERE claimed = 1");
        await release.ExecuteNonQueryAsync(ct);
        await InWriteTransactionAsync(async (connection, transaction) => Interlocked.Exchange(ref _unclaimed, await CountUnclaimedAsync(connection, transaction, ct)), ct);
    }

    protected override void QueuingTurn() => Interlocked.Increment(ref _unclaimed);

    /// <summary>
    /// Nothing to take: a write transaction here begins IMMEDIATE (Microsoft.Data.Sqlite's default), holding the file's
    /// write lock from its start, so no other post — from this process's writer or another's — commits while it runs,
    /// and one committed before it is seen. Saves a statement on every post.
    /// </summary>
    protected override Task LockConversationAsync(DbConnection connection, DbTransaction transaction, string conversationId, CancellationToken ct) =>
        Task.CompletedTask;

    public override async Task<ITurnClaim?> ClaimTurnAsync(CancellationToken ct)
    {
        // Read outside the gate: a turn is counted before its commit, so 0 means none is waiting now, and one queued
        // later wakes the turn runner after its commit.
        if (Interlocked.Read(ref _unclaimed) <= 0) return null;
        // A read in the gate, outside any transaction: the oldest turn of each conversation, oldest first, that this
        // process does not run already. A conversation's running turn is still in the file, so its next turn is not the
        // oldest of its conversation yet.
        var turn = await InGateAsync(async (connection, transaction) =>
        {
            await using var oldest = Command(connection, transaction, $"""
                SELECT t.id, t.conversation_id, t.activity_id, t.activity FROM directline_turn t
                WHERE {OldestTurnOfItsConversation} ORDER BY t.id
                """);
            var claimed = await ReadTurnAsync(oldest, ct, id => !_claimed.Contains(id));
            // None may run now (each waits behind its conversation's running turn, or was forgotten with an idle
            // conversation): count what waits, so the count cannot stay high.
            if (claimed is null) Interlocked.Exchange(ref _unclaimed, await CountUnclaimedAsync(connection, transaction, ct));
            return claimed;
        }, ct, committed: claimed =>
        {
            if (claimed is null) return;
            _claimed.Add(claimed.TurnId);
            Interlocked.Decrement(ref _unclaimed);
        }, transaction: false);
        return turn is null ? null : new Claim(this, turn);
    }

    async Task<long> CountUnclaimedAsync(DbConnection connection, DbTransaction? transaction, CancellationToken ct)
    {
        await using var count = Command(connection, transaction, "SELECT COUNT(*) FROM directline_turn");
        return Convert.ToInt64(await count.ExecuteScalarAsync(ct)) - _claimed.Count;
    }

    protected override Task<T> InWriteTransactionAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken ct) =>
        InGateAsync((connection, transaction) => work(connection, transaction!), ct, committed: null);

    /// <summary>
    /// Runs <paramref name="work"/> in the gate on the writer connection, in a write transaction committed with the writes
    /// queued meanwhile (<see cref="SqliteKeptWriter.CommitAsync{T}"/>: group commit; returns after the commit).
    /// </summary>
    /// <param name="committed">Runs after the commit, still inside the gate (so before any other writer).</param>
    /// <param name="transaction">False: the work only reads, outside any transaction (so it takes no lock of the file).</param>
    Task<T> InGateAsync<T>(Func<DbConnection, DbTransaction?, Task<T>> work, CancellationToken ct, Action<T>? committed, bool transaction = true) =>
        transaction
            ? _writer.CommitAsync((writer, write) => work(writer.Connection, write), ct, committed)
            : _writer.WriteAsync(async writer =>
            {
                var result = await work(writer.Connection, null);
                committed?.Invoke(result);
                return result;
            }, ct);

    /// <summary>The writer connection: WAL at synchronous NORMAL, durable across a crash of the process (<see cref="SqliteKeptWriter.Configure"/>).</summary>
    async Task<SqliteConnection> OpenWriterAsync(CancellationToken ct) => SqliteKeptWriter.Configure((SqliteConnection)await OpenAsync(ct));

    /// <summary>On the writer connection (inside the gate) or a lent read connection, its kept statement for the text.</summary>
    protected override DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql) =>
        SqliteKeptConnection.Of(connection) is { } kept
            ? kept.Command(sql, (SqliteTransaction?)transaction)
            : base.Command(connection, transaction, sql);

    protected override Task<T> ReadingAsync<T>(Func<DbConnection, Task<T>> read, CancellationToken ct) =>
        _readers.ReadAsync(kept => read(kept.Connection));

    protected override async ValueTask<DbConnection> OpenAsync(CancellationToken ct)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(ct);
        return connection;
    }

    /// <summary>A read connection for <see cref="SqliteKeptReaders"/>.</summary>
    SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    /// <summary>Closes the writer connection (once no writer uses it) and the idle read connections.</summary>
    public void Dispose()
    {
        _readers.Dispose();
        _writer.Dispose();
    }

    sealed class Claim(SqliteDirectLineStore store, PendingTurn turn) : ITurnClaim
    {
        bool _done;

        public PendingTurn Turn => turn;

        public async Task CompleteAsync(IReadOnlyList<ActivityRenderer> replies, DateTimeOffset now, int capacity, CancellationToken ct)
        {
            var appended = await store.InGateAsync((connection, transaction) =>
                store.CompleteInTransactionAsync(connection, transaction!, turn, replies, now, capacity, ct), ct,
                committed: _ => store._claimed.Remove(turn.TurnId));
            _done = true;
            store.Completed(turn, appended);
        }

        public async ValueTask DisposeAsync()
        {
            if (_done) return;
            await store._writer.InGateAsync(() =>
            {
                store.QueuingTurn();
                store._claimed.Remove(turn.TurnId);
            }, CancellationToken.None);
            store.Signals.TurnQueued();
        }
    }
}
