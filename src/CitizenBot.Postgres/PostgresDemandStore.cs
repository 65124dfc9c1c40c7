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

    protected override IReadOnlyList<string> Migrations { get; } = [
        InitialSchema("BIGINT", "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY"),
        ProvinceListSchema("BIGINT", "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY"),
        ModeSourceAndProvinceMarksSchema("BIGINT"),
        RegroupSchema("BIGINT"),
    ];

    protected override string? MigrationLock => PostgresStorage.MigrationLock;

    protected override string JsonArrayValues(string parameter) => $"SELECT jsonb_array_elements_text(CAST({parameter} AS jsonb))";

    protected override async ValueTask<DbConnection> OpenAsync(CancellationToken ct) => await dataSource.OpenConnectionAsync(ct);
}
