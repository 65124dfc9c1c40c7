using System.Data.Common;
using System.Text;
using System.Text.Json;
using CitizenBot.Core.Catalogue;

namespace CitizenBot.Core.Demand;

/// <summary>
/// The demand store over plain ADO.NET, shared by SQLite and PostgreSQL: the SQL below is valid in both (named
/// @parameters, ON CONFLICT upserts, integers for times in Unix milliseconds UTC). A provider supplies its
/// connection, its schema scripts and how replicas serialise migrations.
/// </summary>
public abstract partial class SqlDemandStore : IDemandStore
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public abstract string Description { get; }

    /// <summary>Schema scripts of the "demand" component, oldest first; never edit one that has shipped, add another.</summary>
    protected abstract IReadOnlyList<string> Migrations { get; }

    /// <summary>SQL run first in the migration transaction to keep concurrent starts apart (null when the database does it).</summary>
    protected abstract string? MigrationLock { get; }

    protected abstract ValueTask<DbConnection> OpenAsync(CancellationToken ct);

    /// <summary>
    /// The first schema, written once for both databases: they differ only in the names of a 64-bit integer and of an
    /// auto-numbered key. The text each produces is what shipped; it must not change.
    /// </summary>
    protected static string InitialSchema(string bigInteger, string autoNumberedKey) => $"""
        CREATE TABLE demand_entry (
            id                TEXT PRIMARY KEY,
            at                {bigInteger} NOT NULL,
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
            updated_at  {bigInteger} NOT NULL
        );
        CREATE TABLE admin_user (
            name          TEXT PRIMARY KEY,
            password_hash TEXT NOT NULL,
            role          TEXT NOT NULL,
            provinces     TEXT NOT NULL,
            created_at    {bigInteger} NOT NULL
        );
        CREATE TABLE demand_audit (
            id        {autoNumberedKey},
            at        {bigInteger} NOT NULL,
            user_name TEXT NOT NULL,
            action    TEXT NOT NULL,
            detail    TEXT NOT NULL
        );
        """;

    /// <summary>
    /// The third schema: each entry keeps the source of its online mode as answered, and cluster marks are per
    /// province ('' = every province), may say "out of scope" and name an agency. Existing marks become marks for every province.
    /// </summary>
    protected static string ModeSourceAndProvinceMarksSchema(string bigInteger) => $"""
        ALTER TABLE demand_entry ADD COLUMN mode_source TEXT;
        CREATE TABLE demand_mark (
            cluster_key  TEXT NOT NULL,
            province_id  TEXT NOT NULL,
            handled      INTEGER NOT NULL,
            out_of_scope INTEGER NOT NULL,
            linked_code  TEXT,
            note         TEXT,
            agency       TEXT,
            updated_by   TEXT NOT NULL,
            updated_at   {bigInteger} NOT NULL,
            PRIMARY KEY (cluster_key, province_id)
        );
        INSERT INTO demand_mark (cluster_key, province_id, handled, out_of_scope, linked_code, note, agency, updated_by, updated_at)
            SELECT cluster_key, '', handled, 0, linked_code, note, NULL, updated_by, updated_at FROM demand_cluster_mark;
        DROP TABLE demand_cluster_mark;
        """;

    /// <summary>
    /// Schema scripts of the "admin-session" component (its own version, so it never interleaves with the demand
    /// log's scripts). BIGINT is an integer in SQLite too.
    /// </summary>
    static readonly IReadOnlyList<string> SessionMigrations =
    [
        """
        CREATE TABLE admin_session (
            id         TEXT PRIMARY KEY,
            user_name  TEXT NOT NULL,
            ticket     TEXT NOT NULL,
            expires_at BIGINT NOT NULL
        );
        CREATE INDEX admin_session_expires_at ON admin_session (expires_at);
        """,
    ];

    public virtual async Task InitializeAsync(CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await SchemaMigrator.MigrateAsync(connection, "demand", Migrations, MigrationLock, ct);
        await SchemaMigrator.MigrateAsync(connection, "admin-session", SessionMigrations, MigrationLock, ct);
    }

    const string InsertColumns =
        "INSERT INTO demand_entry (id, at, day, channel, province_id, outcome, question, normalized, candidates, matched_code, online_mode, focus_code, conversation_hash, mode_source) VALUES ";

    /// <summary>Rows per INSERT statement: one round trip for many entries, well under both databases' parameter limits.</summary>
    const int RowsPerStatement = 50;

    public async Task AppendAsync(IReadOnlyList<DemandEntry> entries, CancellationToken ct)
    {
        if (entries.Count == 0) return;
        await using var connection = await OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        foreach (var chunk in entries.DistinctBy(e => e.Id, StringComparer.Ordinal).Chunk(RowsPerStatement))
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            var sql = new StringBuilder(InsertColumns);
            for (var i = 0; i < chunk.Length; i++)
            {
                var e = chunk[i];
                if (i > 0) sql.Append(", ");
                sql.Append($"(@id{i}, @at{i}, @day{i}, @channel{i}, @province{i}, @outcome{i}, @question{i}, @normalized{i}, @candidates{i}, @matched{i}, @mode{i}, @focus{i}, @hash{i}, @source{i})");
                Add(command, $"@id{i}", e.Id);
                Add(command, $"@at{i}", e.At.ToUnixTimeMilliseconds());
                Add(command, $"@day{i}", e.Day);
                Add(command, $"@channel{i}", e.Channel);
                Add(command, $"@province{i}", e.ProvinceId);
                Add(command, $"@outcome{i}", e.Outcome.ToString());
                Add(command, $"@question{i}", e.Question);
                Add(command, $"@normalized{i}", e.Normalized);
                Add(command, $"@candidates{i}", JsonSerializer.Serialize(e.Candidates, Json));
                Add(command, $"@matched{i}", e.MatchedCode);
                Add(command, $"@mode{i}", e.MatchedOnlineMode is { } mode ? OnlineModeNames.ToWire(mode) : null);
                Add(command, $"@focus{i}", e.FocusCode);
                Add(command, $"@hash{i}", e.ConversationHash);
                Add(command, $"@source{i}", e.ModeSource?.ToString());
            }
            // ON CONFLICT DO NOTHING: a replayed entry (same id) is stored once.
            command.CommandText = sql.Append(" ON CONFLICT (id) DO NOTHING").ToString();
            await command.ExecuteNonQueryAsync(ct);
        }
        await transaction.CommitAsync(ct);
    }

    public async Task<IReadOnlyList<DemandEntry>> QueryAsync(DemandFilter filter, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = connection.CreateCommand();
        var where = Where(command, filter);
        command.CommandText = $"""
            SELECT {EntryRow.Columns}
            FROM demand_entry WHERE {where} ORDER BY at DESC, id DESC LIMIT @limit
            """;
        Add(command, "@limit", Math.Clamp(filter.Limit, 1, 1_000_000));
        var entries = new List<DemandEntry>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            if (EntryRow.Read(reader) is { } entry) entries.Add(entry);
        return entries;
    }

    /// <summary>The one typed reader of a demand_entry row (the columns in <see cref="Columns"/>, in that order).</summary>
    static class EntryRow
    {
        public const string Columns =
            "id, at, channel, province_id, outcome, question, normalized, candidates, matched_code, online_mode, conversation_hash, mode_source";

        /// <summary>The entry, or null when its outcome was written by a newer version.</summary>
        public static DemandEntry? Read(DbDataReader r)
        {
            if (!Enum.TryParse<DemandOutcome>(r.GetString(4), out var outcome)) return null;
            return new DemandEntry(
                r.GetString(0),
                DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(1)),
                r.GetString(2),
                Text(r, 3),
                outcome,
                r.GetString(5),
                r.GetString(6),
                JsonSerializer.Deserialize<List<DemandCandidate>>(r.GetString(7), Json) ?? [],
                Text(r, 8),
                Text(r, 9) is { } mode ? ParseMode(mode) : null,
                r.GetString(10),
                Enum.TryParse<CitizenBot.Core.Provinces.OfferSource>(Text(r, 11), out var source) ? source : null);
        }
    }

    static string? Text(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    public async Task<IReadOnlyList<DemandCount>> CountAsync(DemandFilter filter, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = connection.CreateCommand();
        var where = Where(command, filter);
        command.CommandText = $"""
            SELECT day, province_id, outcome, focus_code, online_mode, COUNT(*)
            FROM demand_entry WHERE {where}
            GROUP BY day, province_id, outcome, focus_code, online_mode
            """;
        var counts = new List<DemandCount>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            if (!Enum.TryParse<DemandOutcome>(reader.GetString(2), out var outcome)) continue;
            counts.Add(new DemandCount(
                Convert.ToInt32(reader.GetValue(0)),
                reader.IsDBNull(1) ? null : reader.GetString(1),
                outcome,
                reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.IsDBNull(4) ? null : ParseMode(reader.GetString(4)),
                Convert.ToInt32(reader.GetValue(5))));
        }
        return counts;
    }

    public async Task<int> DeleteBeforeAsync(DateTimeOffset cutoff, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM demand_entry WHERE at < @cutoff";
        Add(command, "@cutoff", cutoff.ToUnixTimeMilliseconds());
        return await command.ExecuteNonQueryAsync(ct);
    }

    public async Task<IReadOnlyList<ClusterMark>> GetClusterMarksAsync(CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT cluster_key, handled, linked_code, note, updated_by, updated_at, province_id, out_of_scope, agency
            FROM demand_mark ORDER BY cluster_key, province_id
            """;
        var marks = new List<ClusterMark>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            marks.Add(new ClusterMark(reader.GetString(0), Convert.ToInt32(reader.GetValue(1)) != 0, Text(reader, 2), Text(reader, 3),
                reader.GetString(4), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5)), reader.GetString(6),
                Convert.ToInt32(reader.GetValue(7)) != 0, Text(reader, 8)));
        return marks;
    }

    public async Task SetClusterMarkAsync(ClusterMark mark, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO demand_mark (cluster_key, province_id, handled, out_of_scope, linked_code, note, agency, updated_by, updated_at)
            VALUES (@key, @province, @handled, @out_of_scope, @linked_code, @note, @agency, @updated_by, @updated_at)
            ON CONFLICT (cluster_key, province_id) DO UPDATE SET handled = excluded.handled, out_of_scope = excluded.out_of_scope,
                linked_code = excluded.linked_code, note = excluded.note, agency = excluded.agency,
                updated_by = excluded.updated_by, updated_at = excluded.updated_at
            """;
        Add(command, "@key", mark.ClusterKey);
        Add(command, "@province", mark.ProvinceId);
        Add(command, "@handled", mark.Handled ? 1 : 0);
        Add(command, "@out_of_scope", mark.OutOfScope ? 1 : 0);
        Add(command, "@linked_code", mark.LinkedCode);
        Add(command, "@note", mark.Note);
        Add(command, "@agency", mark.Agency);
        Add(command, "@updated_by", mark.UpdatedBy);
        Add(command, "@updated_at", mark.UpdatedAt.ToUnixTimeMilliseconds());
        await command.ExecuteNonQueryAsync(ct);
    }

    public async Task<bool> DeleteClusterMarkAsync(string clusterKey, string provinceId, CancellationToken ct) =>
        await NonQueryAsync("DELETE FROM demand_mark WHERE cluster_key = @key AND province_id = @province", ct,
            ("@key", clusterKey), ("@province", provinceId)) > 0;

    public async Task<AdminUser?> FindUserAsync(string name, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT name, password_hash, role, provinces, created_at FROM admin_user WHERE name = @name";
        Add(command, "@name", name);
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? ReadUser(reader) : null;
    }

    public async Task<IReadOnlyList<AdminUser>> ListUsersAsync(CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT name, password_hash, role, provinces, created_at FROM admin_user ORDER BY name";
        var users = new List<AdminUser>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) users.Add(ReadUser(reader));
        return users;
    }

    public async Task SaveUserAsync(AdminUser user, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO admin_user (name, password_hash, role, provinces, created_at) VALUES (@name, @hash, @role, @provinces, @created_at)
            ON CONFLICT (name) DO UPDATE SET password_hash = excluded.password_hash, role = excluded.role, provinces = excluded.provinces
            """;
        Add(command, "@name", user.Name);
        Add(command, "@hash", user.PasswordHash);
        Add(command, "@role", user.Role.ToString());
        Add(command, "@provinces", JsonSerializer.Serialize(user.Provinces, Json));
        Add(command, "@created_at", user.CreatedAt.ToUnixTimeMilliseconds());
        await command.ExecuteNonQueryAsync(ct);
    }

    public async Task CreateSessionAsync(AdminSession session, CancellationToken ct) =>
        await NonQueryAsync("INSERT INTO admin_session (id, user_name, ticket, expires_at) VALUES (@id, @user_name, @ticket, @expires_at)", ct,
            SessionParameters(session));

    public async Task<bool> RenewSessionAsync(AdminSession session, CancellationToken ct) =>
        await NonQueryAsync("UPDATE admin_session SET user_name = @user_name, ticket = @ticket, expires_at = @expires_at WHERE id = @id", ct,
            SessionParameters(session)) > 0;

    static (string, object?)[] SessionParameters(AdminSession session) =>
        [("@id", session.Id), ("@user_name", session.UserName), ("@ticket", session.Ticket), ("@expires_at", session.ExpiresAt.ToUnixTimeMilliseconds())];

    public async Task<AdminSession?> FindSessionAsync(string id, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, user_name, ticket, expires_at FROM admin_session WHERE id = @id";
        Add(command, "@id", id);
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct)
            ? new AdminSession(reader.GetString(0), reader.GetString(1), reader.GetString(2), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)))
            : null;
    }

    public async Task DeleteSessionAsync(string id, CancellationToken ct) =>
        await NonQueryAsync("DELETE FROM admin_session WHERE id = @id", ct, ("@id", id));

    public Task<int> DeleteSessionsExpiredBeforeAsync(DateTimeOffset cutoff, CancellationToken ct) =>
        NonQueryAsync("DELETE FROM admin_session WHERE expires_at < @cutoff", ct, ("@cutoff", cutoff.ToUnixTimeMilliseconds()));

    /// <summary>Runs one statement on its own connection; returns the rows it changed.</summary>
    async Task<int> NonQueryAsync(string sql, CancellationToken ct, params (string Name, object? Value)[] parameters)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
            Add(command, name, value);
        return await command.ExecuteNonQueryAsync(ct);
    }

    public async Task AppendAuditAsync(AuditEntry entry, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO demand_audit (at, user_name, action, detail) VALUES (@at, @user_name, @action, @detail)";
        Add(command, "@at", entry.At.ToUnixTimeMilliseconds());
        Add(command, "@user_name", entry.UserName);
        Add(command, "@action", entry.Action);
        Add(command, "@detail", entry.Detail);
        await command.ExecuteNonQueryAsync(ct);
    }

    public async Task<IReadOnlyList<AuditEntry>> ListAuditAsync(int limit, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT at, user_name, action, detail FROM demand_audit ORDER BY id DESC LIMIT @limit";
        Add(command, "@limit", Math.Clamp(limit, 1, 10_000));
        var audit = new List<AuditEntry>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            audit.Add(new AuditEntry(DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(0)), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
        return audit;
    }

    static AdminUser ReadUser(DbDataReader reader) => new(
        reader.GetString(0), reader.GetString(1),
        Enum.TryParse<AdminRole>(reader.GetString(2), out var role) ? role : AdminRole.Viewer,
        JsonSerializer.Deserialize<List<string>>(reader.GetString(3), Json) ?? [],
        DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4)));

    /// <summary>The WHERE clause of a filter; IN lists are spelled out parameter by parameter (portable, and lists are short).</summary>
    static string Where(DbCommand command, DemandFilter filter)
    {
        var sql = new StringBuilder("at >= @from AND at < @to");
        Add(command, "@from", filter.From.ToUnixTimeMilliseconds());
        Add(command, "@to", filter.To.ToUnixTimeMilliseconds());
        In(command, sql, "province_id", "p", filter.Provinces);
        In(command, sql, "outcome", "o", filter.Outcomes?.Select(o => o.ToString()).ToList());
        In(command, sql, "focus_code", "c", filter.FocusCodes);
        return sql.ToString();
    }

    static void In(DbCommand command, StringBuilder sql, string column, string prefix, IReadOnlyCollection<string>? values)
    {
        if (values is null) return;
        if (values.Count == 0)
        {
            sql.Append(" AND 1 = 0");
            return;
        }
        sql.Append($" AND {column} IN (");
        var i = 0;
        foreach (var value in values.Distinct())
        {
            if (i > 0) sql.Append(", ");
            sql.Append($"@{prefix}{i}");
            Add(command, $"@{prefix}{i}", value);
            i++;
        }
        sql.Append(')');
    }

    static OnlineMode? ParseMode(string wire) => OnlineModeNames.TryParse(wire, out var mode) ? mode : null;

    protected static void Add(DbCommand command, string name, object? value) => SchemaMigrator.AddParameter(command, name, value);
}
