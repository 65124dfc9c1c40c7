using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace CitizenBot.Core.DirectLine;

/// <summary>
/// The one-host store: {Storage:DataDirectory}/directline.db (WAL, synchronous=NORMAL: survives a crash of the process).
/// One process owns the file: a claim is a mark on the turn (cleared at start, when nothing can be running), and this
/// process's writers take turns through one gate on one writer connection, opened once, as SQLite has a single writer
/// anyway; reads use pooled connections (WAL: they never wait for the writer).
/// </summary>
public sealed class SqliteDirectLineStore : SqlDirectLineStore, IDisposable
{
    readonly string _connectionString;
    readonly SemaphoreSlim _writeGate = new(1, 1);
    SqliteConnection? _writer; // only touched inside the gate

    public SqliteDirectLineStore(string path, DirectLineSignals signals) : base(signals)
    {
        Path = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = Path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = true, DefaultTimeout = 10 }.ToString();
    }

    public string Path { get; }

    public override string Description => $"SQLite {Path}";

    protected override IReadOnlyList<string> Migrations { get; } = [Schema("INTEGER", "INTEGER PRIMARY KEY AUTOINCREMENT", "BLOB")];

    protected override string? MigrationLock => null;

    public override async Task InitializeAsync(CancellationToken ct)
    {
        await using (var connection = await OpenAsync(ct))
        await using (var wal = Command(connection, null, "PRAGMA journal_mode = WAL"))
            await wal.ExecuteNonQueryAsync(ct);
        await base.InitializeAsync(ct);
        // Claims of a previous run of this process (stopped or killed mid-turn) run again.
        await using var connection2 = await OpenAsync(ct);
        await using var release = Command(connection2, null, "UPDATE directline_turn SET claimed = 0 WHERE claimed = 1");
        await release.ExecuteNonQueryAsync(ct);
    }

    public override async Task<ITurnClaim?> ClaimTurnAsync(CancellationToken ct)
    {
        var turn = await InWriteTransactionAsync(async (connection, transaction) =>
        {
            await using var claim = Command(connection, transaction, $"""
                UPDATE directline_turn SET claimed = 1
                WHERE id = (SELECT t.id FROM directline_turn t WHERE t.claimed = 0 AND {OldestTurnOfItsConversation} ORDER BY t.id LIMIT 1)
                RETURNING id, conversation_id, activity_id, activity
                """);
            return await ReadTurnAsync(claim, ct);
        }, ct);
        return turn is null ? null : new Claim(this, turn);
    }

    protected override async Task<T> InWriteTransactionAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken ct)
    {
        await _writeGate.WaitAsync(ct);
        try
        {
            if (_writer is null)
            {
                var writer = (SqliteConnection)await OpenAsync(ct);
                await using (var pragma = Command(writer, null, "PRAGMA synchronous = NORMAL")) // WAL: durable across a crash of the process
                    await pragma.ExecuteNonQueryAsync(ct);
                _writer = writer;
            }
            try
            {
                await using var transaction = await _writer.BeginTransactionAsync(ct);
                var result = await work(_writer, transaction);
                await transaction.CommitAsync(ct);
                return result;
            }
            catch
            {
                // Whatever went wrong, the next writer starts on a fresh connection.
                await _writer.DisposeAsync();
                _writer = null;
                throw;
            }
        }
        finally
        {
            _writeGate.Release();
        }
    }

    protected override async ValueTask<DbConnection> OpenAsync(CancellationToken ct)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(ct);
        return connection;
    }

    /// <summary>Closes the writer connection (once no writer uses it).</summary>
    public void Dispose()
    {
        _writeGate.Wait();
        try
        {
            _writer?.Dispose();
            _writer = null;
        }
        finally
        {
            _writeGate.Release();
        }
    }

    sealed class Claim(SqliteDirectLineStore store, PendingTurn turn) : ITurnClaim
    {
        bool _done;

        public PendingTurn Turn => turn;

        public async Task CompleteAsync(IReadOnlyList<ActivityRenderer> replies, DateTimeOffset now, int capacity, CancellationToken ct)
        {
            var appended = await store.InWriteTransactionAsync((connection, transaction) =>
                store.CompleteInTransactionAsync(connection, transaction, turn, replies, now, capacity, ct), ct);
            _done = true;
            store.Completed(turn, appended);
        }

        public async ValueTask DisposeAsync()
        {
            if (_done) return;
            await store.InWriteTransactionAsync(async (connection, transaction) =>
            {
                await using var release = Command(connection, transaction, "UPDATE directline_turn SET claimed = 0 WHERE id = @id");
                Add(release, "@id", turn.TurnId);
                return await release.ExecuteNonQueryAsync(CancellationToken.None);
            }, CancellationToken.None);
            store.Signals.TurnQueued();
        }
    }
}
