using Npgsql;

namespace CitizenBot.Postgres;

/// <summary>
/// The ASP.NET Core data-protection key ring in PostgreSQL, so every replica can read the dashboard's sign-in and
/// anti-forgery cookies whichever replica issued them, and the other secrets replicas must share (the generated Direct
/// Line token key). Synchronous because IXmlRepository is.
/// </summary>
public sealed class PostgresKeyRing(NpgsqlDataSource dataSource)
{
    const string Schema = """
        CREATE TABLE IF NOT EXISTS data_protection_key (name TEXT PRIMARY KEY, xml TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS host_secret (name TEXT PRIMARY KEY, value TEXT NOT NULL)
        """;
    const string CreationLock = "SELECT pg_advisory_xact_lock(7423611)";
    int _created;

    public IReadOnlyList<string> LoadAll()
    {
        EnsureTable();
        using var command = dataSource.CreateCommand("SELECT xml FROM data_protection_key ORDER BY name");
        using var reader = command.ExecuteReader();
        var keys = new List<string>();
        while (reader.Read()) keys.Add(reader.GetString(0));
        return keys;
    }

    public void Store(string name, string xml)
    {
        EnsureTable();
        using var command = dataSource.CreateCommand("INSERT INTO data_protection_key (name, xml) VALUES (@name, @xml) ON CONFLICT (name) DO UPDATE SET xml = excluded.xml");
        command.Parameters.AddWithValue("name", name);
        command.Parameters.AddWithValue("xml", xml);
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// Runs <paramref name="create"/> (which reads and may add keys) holding a transaction-scoped advisory lock, so
    /// replicas starting together take turns: the first creates the key, the others then find it.
    /// </summary>
    public T WithCreationLock<T>(Func<T> create)
    {
        EnsureTable();
        using var connection = dataSource.OpenConnection();
        using var transaction = connection.BeginTransaction();
        using (var command = new NpgsqlCommand(CreationLock, connection, transaction))
            command.ExecuteNonQuery();
        var result = create();
        transaction.Commit();
        return result;
    }

    /// <summary>
    /// The shared secret called <paramref name="name"/>: the one stored first, by whichever replica came first;
    /// <paramref name="candidate"/> is stored only if none was (so replicas starting together agree on one value).
    /// </summary>
    public string SharedSecret(string name, string candidate)
    {
        EnsureTable();
        using var command = dataSource.CreateCommand(
            "INSERT INTO host_secret (name, value) VALUES (@name, @value) ON CONFLICT (name) DO NOTHING; SELECT value FROM host_secret WHERE name = @name");
        command.Parameters.AddWithValue("name", name);
        command.Parameters.AddWithValue("value", candidate);
        return (string)command.ExecuteScalar()!;
    }

    /// <summary>Replaces the secret if it is still <paramref name="old"/> (another replica may have replaced it first); the value now stored.</summary>
    public string ReplaceSecret(string name, string old, string candidate)
    {
        EnsureTable();
        using var command = dataSource.CreateCommand(
            "UPDATE host_secret SET value = @value WHERE name = @name AND value = @old; SELECT value FROM host_secret WHERE name = @name");
        command.Parameters.AddWithValue("name", name);
        command.Parameters.AddWithValue("old", old);
        command.Parameters.AddWithValue("value", candidate);
        return (string)command.ExecuteScalar()!;
    }

    void EnsureTable()
    {
        if (Volatile.Read(ref _created) == 1) return;
        using var command = dataSource.CreateCommand(Schema);
        try
        {
            command.ExecuteNonQuery();
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.DuplicateTable)
        {
            // Another replica created it at the same moment (CREATE TABLE IF NOT EXISTS can race in PostgreSQL).
        }
        Volatile.Write(ref _created, 1);
    }
}
