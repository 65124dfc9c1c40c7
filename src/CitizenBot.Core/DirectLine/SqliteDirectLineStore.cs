using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace CitizenBot.Core.DirectLine;

/// <summary>
/// The one-host store: {Storage:DataDirectory}/directline.db (WAL, synchronous=NORMAL: survives a crash of the process).
/// One process owns the file: a claim is a mark on the turn (cleared at start, when nothing can be running), and this
/// process's writers take turns through one gate, as SQLite has a single writer anyway.
/// </summary>
public sealed class SqliteDirectLineStore : SqlDirectLineStore
{
    readonly string _connectionString;
    readonly SemaphoreSlim _writeGate = new(1, 1);

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
        PendingTurn? turn;
        using (await EnterWriteAsync(ct))
        {
            await using var connection = await OpenAsync(ct);
            await using var claim = Command(connection, null, $"""
                UPDATE directline_turn SET claimed = 1
                WHERE id = (SELECT t.id FROM directline_turn t WHERE t.claimed = 0 AND {OldestTurnOfItsConversation} ORDER BY t.id LIMIT 1)
                RETURNING id, conversation_id, activity_id, activity
                """);
            turn = await ReadTurnAsync(claim, ct);
        }
        return turn is null ? null : new Claim(this, turn);
    }

    protected override async ValueTask<IDisposable?> EnterWriteAsync(CancellationToken ct)
    {
        await _writeGate.WaitAsync(ct);
        return new Releaser(_writeGate);
    }

    protected override async ValueTask<DbConnection> OpenAsync(CancellationToken ct)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(ct);
        await using var pragma = Command(connection, null, "PRAGMA synchronous = NORMAL");
        await pragma.ExecuteNonQueryAsync(ct);
        return connection;
    }

    sealed class Releaser(SemaphoreSlim gate) : IDisposable
    {
        int _released;
        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) gate.Release();
        }
    }

    sealed class Claim(SqliteDirectLineStore store, PendingTurn turn) : ITurnClaim
    {
        bool _done;

        public PendingTurn Turn => turn;

        public async Task CompleteAsync(IReadOnlyList<ActivityRenderer> replies, DateTimeOffset now, int capacity, CancellationToken ct)
        {
            using (await store.EnterWriteAsync(ct))
            {
                await using var connection = await store.OpenAsync(ct);
                await using var transaction = await connection.BeginTransactionAsync(ct);
                await store.CompleteInTransactionAsync(connection, transaction, turn, replies, now, capacity, ct);
            }
            _done = true;
        }

        public async ValueTask DisposeAsync()
        {
            if (_done) return;
            using (await store.EnterWriteAsync(CancellationToken.None))
            {
                await using var connection = await store.OpenAsync(CancellationToken.None);
                await using var release = Command(connection, null, "UPDATE directline_turn SET claimed = 0 WHERE id = @id");
                Add(release, "@id", turn.TurnId);
                await release.ExecuteNonQueryAsync(CancellationToken.None);
            }
            store.Signals.TurnQueued();
        }
    }
}
