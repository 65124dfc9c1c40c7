using CitizenBot.Core.Conversations;
using CitizenBot.Core.Demand;
using Npgsql;

namespace CitizenBot.Postgres;

/// <summary>
/// Conversation state in PostgreSQL, so a conversation may move between replicas. The same rules as
/// <see cref="SqliteConversationStateStore"/>: optimistic versions, Unix milliseconds from the app's clock, state idle
/// longer than the timeout is invisible and may be overwritten as if absent.
/// </summary>
public sealed class PostgresConversationStateStore : IConversationStateStore
{
    static readonly IReadOnlyList<string> Migrations =
    [
        """
        CREATE TABLE conversation_state (
            conversation_id TEXT PRIMARY KEY,
            version         BIGINT NOT NULL,
            updated_at      BIGINT NOT NULL,
            state           TEXT NOT NULL
        );
        CREATE INDEX conversation_state_updated_at ON conversation_state (updated_at);
        """,
    ];

    const string Select = """
        SELECT version, updated_at, state FROM conversation_state
        WHERE conversation_id = @id AND updated_at >= @live_since
        """;

    const string Insert = """
        INSERT INTO conversation_state AS s (conversation_id, version, updated_at, state) VALUES (@id, 1, @now, @state)
        ON CONFLICT (conversation_id) DO UPDATE SET version = 1, updated_at = excluded.updated_at, state = excluded.state
        WHERE s.updated_at < @live_since
        """;

    const string Update = """
        UPDATE conversation_state SET version = version + 1, updated_at = @now, state = @state
        WHERE conversation_id = @id AND version = @expected AND updated_at >= @live_since
        """;

    readonly NpgsqlDataSource _dataSource;
    readonly TimeSpan _idleTimeout;
    readonly TimeProvider _time;
    readonly Lock _schemaLock = new();
    Task? _schema;

    public PostgresConversationStateStore(NpgsqlDataSource dataSource, TimeSpan idleTimeout, TimeProvider time)
    {
        if (idleTimeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(idleTimeout), "must be positive");
        _dataSource = dataSource;
        _idleTimeout = idleTimeout;
        _time = time;
    }

    /// <summary>
    /// Creates or migrates the table (schema_version component "conversation"). The host calls it at start; every
    /// operation also waits for it, so a caller that runs first (the idle sweeper) never meets a missing table.
    /// </summary>
    public Task InitializeAsync(CancellationToken ct)
    {
        lock (_schemaLock)
        {
            // A failed attempt (server down) is forgotten, so the next call tries again.
            if (_schema is null || _schema.IsFaulted || _schema.IsCanceled) _schema = MigrateAsync();
            return _schema.WaitAsync(ct);
        }
    }

    async Task MigrateAsync()
    {
        await using var connection = await _dataSource.OpenConnectionAsync(CancellationToken.None);
        await SchemaMigrator.MigrateAsync(connection, "conversation", Migrations, PostgresStorage.MigrationLock, CancellationToken.None);
    }

    public async ValueTask<StoredConversationState?> GetAsync(string conversationId, CancellationToken ct)
    {
        await InitializeAsync(ct);
        await using var command = _dataSource.CreateCommand(Select);
        command.Parameters.AddWithValue("id", conversationId);
        command.Parameters.AddWithValue("live_since", LiveSince());
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) return null;
        return StoredConversationState.Read(reader);
    }

    public async ValueTask<long> SaveAsync(string conversationId, ConversationState state, long expectedVersion, CancellationToken ct)
    {
        await InitializeAsync(ct);
        await using var command = _dataSource.CreateCommand(expectedVersion == 0 ? Insert : Update);
        command.Parameters.AddWithValue("id", conversationId);
        command.Parameters.AddWithValue("now", _time.GetUtcNow().ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("state", ConversationStateJson.Serialize(state));
        command.Parameters.AddWithValue("live_since", LiveSince());
        if (expectedVersion != 0) command.Parameters.AddWithValue("expected", expectedVersion);
        if (await command.ExecuteNonQueryAsync(ct) == 0)
            throw new ConversationStateConflictException(conversationId, expectedVersion);
        return expectedVersion + 1;
    }

    public async ValueTask DeleteAsync(string conversationId, CancellationToken ct)
    {
        await InitializeAsync(ct);
        await using var command = _dataSource.CreateCommand("DELETE FROM conversation_state WHERE conversation_id = @id");
        command.Parameters.AddWithValue("id", conversationId);
        await command.ExecuteNonQueryAsync(ct);
    }

    public async ValueTask<int> DeleteIdleAsync(DateTimeOffset cutoff, CancellationToken ct)
    {
        await InitializeAsync(ct);
        await using var command = _dataSource.CreateCommand("DELETE FROM conversation_state WHERE updated_at < @cutoff");
        command.Parameters.AddWithValue("cutoff", cutoff.ToUnixTimeMilliseconds());
        return await command.ExecuteNonQueryAsync(ct);
    }

    long LiveSince() => (_time.GetUtcNow() - _idleTimeout).ToUnixTimeMilliseconds();
}
