using System.Data.Common;

namespace CitizenBot.Core.Demand;

/// <summary>
/// Brings a component's tables to the newest schema at start: schema_version holds one row per component
/// ("demand", "conversation") with the number of scripts applied; the missing ones run in one transaction.
/// <paramref name="lockSql"/> (PostgreSQL: an advisory lock) keeps replicas that start together from racing.
/// </summary>
public static class SchemaMigrator
{
    public static async Task<int> MigrateAsync(DbConnection connection, string component, IReadOnlyList<string> scripts, string? lockSql, CancellationToken ct)
    {
        await using var transaction = await connection.BeginTransactionAsync(ct);
        if (lockSql is not null) await ExecuteAsync(connection, transaction, lockSql, ct);
        await ExecuteAsync(connection, transaction,
            "CREATE TABLE IF NOT EXISTS schema_version (component TEXT PRIMARY KEY, version INTEGER NOT NULL)", ct);

        await using var read = connection.CreateCommand();
        read.Transaction = transaction;
        read.CommandText = "SELECT version FROM schema_version WHERE component = @component";
        AddParameter(read, "@component", component);
        var current = await read.ExecuteScalarAsync(ct) is { } v and not DBNull ? Convert.ToInt32(v) : 0;
        if (current > scripts.Count)
            throw new InvalidOperationException($"The {component} schema is at version {current}, newer than this CitizenBot knows ({scripts.Count}); upgrade CitizenBot.");

        for (var i = current; i < scripts.Count; i++)
            await ExecuteAsync(connection, transaction, scripts[i], ct);
        if (current < scripts.Count)
        {
            await using var write = connection.CreateCommand();
            write.Transaction = transaction;
            write.CommandText = """
                INSERT INTO schema_version (component, version) VALUES (@component, @version)
                ON CONFLICT (component) DO UPDATE SET version = excluded.version
                """;
            AddParameter(write, "@component", component);
            AddParameter(write, "@version", scripts.Count);
            await write.ExecuteNonQueryAsync(ct);
        }
        await transaction.CommitAsync(ct);
        return scripts.Count;
    }

    static async Task ExecuteAsync(DbConnection connection, DbTransaction transaction, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(ct);
    }

    internal static void AddParameter(DbCommand command, string name, object? value)
    {
        var p = command.CreateParameter();
        p.ParameterName = name;
        p.Value = value ?? DBNull.Value;
        command.Parameters.Add(p);
    }
}
