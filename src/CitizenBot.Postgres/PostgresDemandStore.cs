using System.Data.Common;
using CitizenBot.Core.Demand;
using Npgsql;

namespace CitizenBot.Postgres;

/// <summary>
/// The demand log, cluster marks, dashboard users and export audit in PostgreSQL, shared by every replica. The SQL
/// is <see cref="SqlDemandStore"/>'s; only the schema and the migration lock are PostgreSQL's own.
/// </summary>
public sealed class PostgresDemandStore(NpgsqlDataSource dataSource) : SqlDemandStore
{
    public override string Description { get; } = PostgresStorage.Describe(dataSource);

    protected override IReadOnlyList<string> Migrations { get; } =
    [
        """
        CREATE TABLE demand_entry (
            id                TEXT PRIMARY KEY,
            at                BIGINT NOT NULL,
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
            updated_at  BIGINT NOT NULL
        );
        CREATE TABLE admin_user (
            name          TEXT PRIMARY KEY,
            password_hash TEXT NOT NULL,
            role          TEXT NOT NULL,
            provinces     TEXT NOT NULL,
            created_at    BIGINT NOT NULL
        );
        CREATE TABLE demand_audit (
            id        BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            at        BIGINT NOT NULL,
            user_name TEXT NOT NULL,
            action    TEXT NOT NULL,
            detail    TEXT NOT NULL
        );
        """,
    ];

    protected override string? MigrationLock => PostgresStorage.MigrationLock;

    protected override async ValueTask<DbConnection> OpenAsync(CancellationToken ct) => await dataSource.OpenConnectionAsync(ct);
}
