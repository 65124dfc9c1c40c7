using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace CitizenBot.Core.Demand;

/// <summary>The embedded default: {Storage:DataDirectory}/demand.db, in WAL mode so reports never block the writer.</summary>
public sealed class SqliteDemandStore : SqlDemandStore
{
    readonly string _connectionString;

    /// <param name="busyTimeoutSeconds">How long a write waits for another writer of the file before it fails.</param>
    public SqliteDemandStore(string path, int busyTimeoutSeconds = 10)
    {
        Path = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = true, DefaultTimeout = busyTimeoutSeconds,
        }.ToString();
    }

    public string Path { get; }

    public override string Description => $"SQLite {Path}";

    protected override IReadOnlyList<string> Migrations { get; } = [
        InitialSchema("INTEGER", "INTEGER PRIMARY KEY AUTOINCREMENT"),
        ProvinceListSchema("INTEGER", "INTEGER PRIMARY KEY AUTOINCREMENT"),
        ModeSourceAndProvinceMarksSchema("INTEGER"),
        RegroupSchema("INTEGER"),
    ];

    protected override string JsonArrayValues(string parameter) => $"SELECT value FROM json_each({parameter})";

    protected override string? MigrationLock => null; // BEGIN IMMEDIATE already serialises writers of one file.

    public override async Task InitializeAsync(CancellationToken ct)
    {
        await using (var connection = (SqliteConnection)await OpenAsync(ct))
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "PRAGMA journal_mode = WAL;";
            await command.ExecuteNonQueryAsync(ct);
        }
        await base.InitializeAsync(ct);
    }

    protected override async ValueTask<DbConnection> OpenAsync(CancellationToken ct)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(ct);
        // As the other stores: WAL with synchronous=NORMAL survives a crash of the process (a power cut may lose the
        // last batches). The default, FULL, syncs the log at every commit: a batch of a few entries each time under
        // load (about 20 a second at 300 turns/s), most of the host's fsync work.
        await using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA synchronous = NORMAL";
        await pragma.ExecuteNonQueryAsync(ct);
        return connection;
    }
}
