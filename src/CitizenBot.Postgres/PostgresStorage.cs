using Npgsql;

namespace CitizenBot.Postgres;

/// <summary>The one place that turns Storage:PostgresConnectionString into a data source.</summary>
public static class PostgresStorage
{
    /// <summary>Held for the migration transaction, so replicas starting together migrate one after the other.</summary>
    public const string MigrationLock = "SELECT pg_advisory_xact_lock(7423610)";

    public static NpgsqlDataSource CreateDataSource(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        // Fail fast when the server is down: the demand log then spills and chat keeps its pace.
        if (!ContainsKey(connectionString, "Timeout")) builder.Timeout = 5;
        if (!ContainsKey(connectionString, "Command Timeout")) builder.CommandTimeout = 15;
        builder.ApplicationName ??= "citizenbot";
        return NpgsqlDataSource.Create(builder.ConnectionString);
    }

    /// <summary>Host, port and database, never the password.</summary>
    public static string Describe(NpgsqlDataSource dataSource)
    {
        var b = new NpgsqlConnectionStringBuilder(dataSource.ConnectionString);
        return $"PostgreSQL {b.Host}:{b.Port}/{b.Database}";
    }

    static bool ContainsKey(string connectionString, string key) =>
        connectionString.Split(';').Any(part => part.Split('=')[0].Trim().Equals(key, StringComparison.OrdinalIgnoreCase));
}
