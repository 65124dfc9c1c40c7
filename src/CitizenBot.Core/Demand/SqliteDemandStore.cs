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

    protected override IReadOnlyList<string> Migrations { get; } =
    [
        """
        CREATE TABLE demand_entry (
            id                TEXT PRIMARY KEY,
            at                INTEGER NOT NULL,
            day               INTEGER NOT NULL,
            channel           TEXT NOT NULL,
            province_id       TEXT,
            outcome           TEXT NOT NULL,
            question          TEXT NOT NULL,
            normalized        TEXT NOT NULL,
            candidates        TEXT NOT NULL,
            matched_code      TEXT,
            online_mode       TEXT,
            focus_code        TEXT,
            conversation_hash TEXT NOT NULL
        );
        CREATE INDEX demand_entry_at ON demand_entry (at);
        CREATE INDEX demand_entry_province_at ON demand_entry (province_id, at);
        CREATE TABLE demand_cluster_mark (
            cluster_key TEXT PRIMARY KEY,
            handled     INTEGER NOT NULL,
            linked_code TEXT,
            note        TEXT,
            updated_by  TEXT NOT NULL,
            updated_at  INTEGER NOT NULL
        );
        CREATE TABLE admin_user (
            name          TEXT PRIMARY KEY,
            password_hash TEXT NOT NULL,
            role          TEXT NOT NULL,
            provinces     TEXT NOT NULL,
            created_at    INTEGER NOT NULL
        );
        CREATE TABLE demand_audit (
            id        INTEGER PRIMARY KEY AUTOINCREMENT,
            at        INTEGER NOT NULL,
            user_name TEXT NOT NULL,
            action    TEXT NOT NULL,
            detail    TEXT NOT NULL
        );
        """,
    ];

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
        return connection;
    }
}
