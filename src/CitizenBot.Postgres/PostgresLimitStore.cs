using CitizenBot.Core.Demand;
using CitizenBot.Core.Limits;
using Npgsql;

namespace CitizenBot.Postgres;

/// <summary>
/// Rate-limit windows and sign-in failure counts shared by every replica. Keys are stored as HMACs with the install's
/// salt (<see cref="ConversationHasher"/>, DemandLog:HashSalt): the database never holds a client address or account
/// name. The windows table is UNLOGGED (counts of the last minute are not worth a WAL write; a crash of the database
/// only resets them). Tables are created at first use, so a database that is down at start delays nothing.
/// </summary>
public sealed class PostgresLimitStore(NpgsqlDataSource dataSource, ConversationHasher hasher) : IRateWindowStore, ISignInFailureStore
{
    const string Schema = """
        CREATE UNLOGGED TABLE IF NOT EXISTS rate_limit_window (key TEXT PRIMARY KEY, window_start TIMESTAMPTZ NOT NULL, hits BIGINT NOT NULL);
        CREATE TABLE IF NOT EXISTS sign_in_failure (kind INTEGER NOT NULL, key TEXT NOT NULL, failures INTEGER NOT NULL,
            last_failure TIMESTAMPTZ NOT NULL, PRIMARY KEY (kind, key));
        """;
    int _created;

    public async Task<long> CountAsync(string key, DateTimeOffset windowStart, CancellationToken ct)
    {
        await EnsureTablesAsync(ct);
        await using var command = dataSource.CreateCommand("""
            INSERT INTO rate_limit_window AS w (key, window_start, hits) VALUES (@key, @start, 1)
            ON CONFLICT (key) DO UPDATE SET
                hits = CASE WHEN excluded.window_start > w.window_start THEN 1 ELSE w.hits + 1 END,
                window_start = GREATEST(w.window_start, excluded.window_start)
            RETURNING hits
            """);
        command.Parameters.AddWithValue("key", hasher.Hash(key));
        command.Parameters.AddWithValue("start", windowStart.ToUniversalTime());
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    public Task<int> DeleteWindowsBeforeAsync(DateTimeOffset before, CancellationToken ct) =>
        DeleteBeforeAsync("DELETE FROM rate_limit_window WHERE window_start < @before", before, ct);

    public async Task<IReadOnlyList<SignInFailures?>> GetAsync(IReadOnlyList<SignInFailureKey> keys, DateTimeOffset now, DateTimeOffset forgetBefore, CancellationToken ct)
    {
        await EnsureTablesAsync(ct);
        var hashed = keys.Select(Hash).ToList();
        await using var command = dataSource.CreateCommand("""
            SELECT f.kind, f.key, f.failures, f.last_failure FROM sign_in_failure f
            JOIN unnest(@kinds, @keys) AS k(kind, key) ON f.kind = k.kind AND f.key = k.key
            WHERE f.last_failure >= @forget
            """);
        AddKeys(command, hashed);
        command.Parameters.AddWithValue("forget", forgetBefore.ToUniversalTime());
        var found = new Dictionary<(int, string), SignInFailures>();
        await using (var reader = await command.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct))
                found[(reader.GetInt32(reader.GetOrdinal("kind")), reader.GetString(reader.GetOrdinal("key")))] =
                    new SignInFailures(reader.GetInt32(reader.GetOrdinal("failures")), reader.GetFieldValue<DateTimeOffset>(reader.GetOrdinal("last_failure")));
        return hashed.Select(k => found.GetValueOrDefault(k)).ToList();
    }

    public async Task FailAsync(IReadOnlyList<SignInFailureKey> keys, DateTimeOffset now, DateTimeOffset forgetBefore, CancellationToken ct)
    {
        await EnsureTablesAsync(ct);
        // In key order, so two replicas counting failures of the same keys lock the rows in the same order.
        await using var command = dataSource.CreateCommand("""
            INSERT INTO sign_in_failure AS f (kind, key, failures, last_failure)
            SELECT kind, key, 1, @now FROM unnest(@kinds, @keys) AS k(kind, key) ORDER BY kind, key
            ON CONFLICT (kind, key) DO UPDATE SET
                failures = CASE WHEN f.last_failure < @forget THEN 1 ELSE f.failures + 1 END,
                last_failure = GREATEST(f.last_failure, excluded.last_failure)
            """);
        AddKeys(command, keys.Select(Hash).ToList());
        command.Parameters.AddWithValue("now", now.ToUniversalTime());
        command.Parameters.AddWithValue("forget", forgetBefore.ToUniversalTime());
        await command.ExecuteNonQueryAsync(ct);
    }

    public async Task RemoveAsync(IReadOnlyList<SignInFailureKey> keys, CancellationToken ct)
    {
        await EnsureTablesAsync(ct);
        await using var command = dataSource.CreateCommand(
            "DELETE FROM sign_in_failure f USING unnest(@kinds, @keys) AS k(kind, key) WHERE f.kind = k.kind AND f.key = k.key");
        AddKeys(command, keys.Select(Hash).ToList());
        await command.ExecuteNonQueryAsync(ct);
    }

    public Task<int> DeleteForgottenAsync(DateTimeOffset forgetBefore, CancellationToken ct) =>
        DeleteBeforeAsync("DELETE FROM sign_in_failure WHERE last_failure < @before", forgetBefore, ct);

    async Task<int> DeleteBeforeAsync(string sql, DateTimeOffset before, CancellationToken ct)
    {
        await EnsureTablesAsync(ct);
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.AddWithValue("before", before.ToUniversalTime());
        return await command.ExecuteNonQueryAsync(ct);
    }

    (int Kind, string Key) Hash(SignInFailureKey key) => ((int)key.Kind, hasher.Hash(key.Value));

    static void AddKeys(NpgsqlCommand command, IReadOnlyList<(int Kind, string Key)> keys)
    {
        command.Parameters.AddWithValue("kinds", keys.Select(k => k.Kind).ToArray());
        command.Parameters.AddWithValue("keys", keys.Select(k => k.Key).ToArray());
    }

    async Task EnsureTablesAsync(CancellationToken ct)
    {
        if (Volatile.Read(ref _created) == 1) return;
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using (var command = new NpgsqlCommand(PostgresStorage.MigrationLock + ";" + Schema, connection, transaction))
            await command.ExecuteNonQueryAsync(ct);
        await transaction.CommitAsync(ct);
        Volatile.Write(ref _created, 1);
    }
}
