using CitizenBot.Core.Storage;
using Microsoft.Data.Sqlite;

namespace CitizenBot.Core.Conversations;

/// <summary>
/// The embedded default store: one row per conversation in a SQLite file (WAL, so readers never wait for the
/// writer). Times are Unix milliseconds UTC; a state idle longer than <paramref name="idleTimeout"/> is invisible to
/// reads and may be overwritten as if absent, whether or not the sweeper has deleted it yet.
/// Writes go through one in-process gate: SQLite has a single writer anyway, and concurrent writers that find the
/// file locked back off and sleep inside the driver, which under load costs far more than waiting in line here. The
/// writes use one connection, opened once with its statements compiled once, and the writes that queue meanwhile commit
/// together in one transaction (<see cref="SqliteKeptWriter.CommitAsync{T}"/>, group commit; each returns after it);
/// reads use kept read connections, each lent to one reader at a time (<see cref="SqliteKeptReaders"/>).
/// WAL with synchronous=NORMAL survives a crash of the process; a power cut may lose the last few turns' state,
/// which only means a citizen's follow-up is asked again.
/// </summary>
public sealed class SqliteConversationStateStore : IConversationStateStore, IDisposable
{
    const string Schema = """
        CREATE TABLE IF NOT EXISTS conversation_state (
            conversation_id TEXT PRIMARY KEY,
            version         INTEGER NOT NULL,
            updated_at      INTEGER NOT NULL,
            state           TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS conversation_state_updated_at ON conversation_state (updated_at);
        """;

    const string Select = """
        SELECT version, updated_at, state FROM conversation_state
        WHERE conversation_id = $id AND updated_at >= $live_since
        """;

    // A first save succeeds when no row exists or only an expired one does.
    const string Insert = """
        INSERT INTO conversation_state (conversation_id, version, updated_at, state) VALUES ($id, 1, $now, $state)
        ON CONFLICT (conversation_id) DO UPDATE SET version = 1, updated_at = excluded.updated_at, state = excluded.state
        WHERE conversation_state.updated_at < $live_since
        """;

    const string Update = """
        UPDATE conversation_state SET version = version + 1, updated_at = $now, state = $state
        WHERE conversation_id = $id AND version = $expected AND updated_at >= $live_since
        """;

    readonly string _connectionString;
    readonly TimeSpan _idleTimeout;
    readonly TimeProvider _time;
    readonly SqliteKeptWriter _writer;
    readonly SqliteKeptReaders _readers;

    public SqliteConversationStateStore(string path, TimeSpan idleTimeout, TimeProvider time)
    {
        if (idleTimeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(idleTimeout), "must be positive");
        Path = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = Path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = true }.ToString();
        _idleTimeout = idleTimeout;
        _time = time;
        _readers = new SqliteKeptReaders(() => Open());
        _writer = new SqliteKeptWriter(_ => Task.FromResult(Open(writer: true)));
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode = WAL;" + Schema;
        command.ExecuteNonQuery();
    }

    public string Path { get; }

    public async ValueTask<StoredConversationState?> GetAsync(string conversationId, CancellationToken ct) => await _readers.ReadAsync(async connection =>
    {
        await using var command = connection.Command(Select, null);
        command.Parameters.AddWithValue("$id", conversationId);
        command.Parameters.AddWithValue("$live_since", LiveSince());
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) return null;
        return StoredConversationState.Read(reader);
    });

    public async ValueTask<long> SaveAsync(string conversationId, ConversationState state, long expectedVersion, CancellationToken ct)
    {
        var json = ConversationStateJson.Serialize(state);
        var changed = await WriteAsync(expectedVersion == 0 ? Insert : Update, command =>
        {
            command.Parameters.AddWithValue("$id", conversationId);
            command.Parameters.AddWithValue("$now", _time.GetUtcNow().ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("$state", json);
            command.Parameters.AddWithValue("$live_since", LiveSince());
            if (expectedVersion != 0) command.Parameters.AddWithValue("$expected", expectedVersion);
        }, ct);
        if (changed == 0) throw new ConversationStateConflictException(conversationId, expectedVersion);
        return expectedVersion + 1;
    }

    public async ValueTask DeleteAsync(string conversationId, CancellationToken ct) =>
        await WriteAsync("DELETE FROM conversation_state WHERE conversation_id = $id", command =>
        {
            command.Parameters.AddWithValue("$id", conversationId);
        }, ct);

    public ValueTask<int> DeleteIdleAsync(DateTimeOffset cutoff, CancellationToken ct) =>
        WriteAsync("DELETE FROM conversation_state WHERE updated_at < $cutoff", command =>
        {
            command.Parameters.AddWithValue("$cutoff", cutoff.ToUnixTimeMilliseconds());
        }, ct);

    async ValueTask<int> WriteAsync(string sql, Action<SqliteCommand> parameters, CancellationToken ct) =>
        await _writer.CommitAsync(async (writer, transaction) =>
        {
            await using var command = writer.Command(sql, transaction);
            parameters(command);
            return await command.ExecuteNonQueryAsync(ct);
        }, ct);

    /// <summary>Closes the writer connection (once no write uses it) and the idle read connections.</summary>
    public void Dispose()
    {
        _readers.Dispose();
        _writer.Dispose();
    }

    long LiveSince() => (_time.GetUtcNow() - _idleTimeout).ToUnixTimeMilliseconds();

    /// <param name="writer">For the writer: set up as one (<see cref="SqliteKeptWriter.Configure"/>).</param>
    SqliteConnection Open(bool writer = false)
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return writer ? SqliteKeptWriter.Configure(connection) : connection;
    }
}
