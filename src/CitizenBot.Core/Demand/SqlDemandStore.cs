using System.Data.Common;
using System.Text;
using System.Text.Json;
using CitizenBot.Core.Catalogue;
using Dapper;

namespace CitizenBot.Core.Demand;

/// <summary>
/// The demand store over ADO.NET and Dapper, shared by SQLite and PostgreSQL: the SQL below is valid in both (named
/// @parameters, ON CONFLICT upserts, integers for times in Unix milliseconds UTC). Rows are read by column name — each
/// SELECT aliases its columns to the properties of one row class per table (EntryRow, MarkRow, UserRow …) — never by position. A provider supplies its
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
    /// The fourth schema: officials' regrouping of unmet questions per province ('' = every province): a cluster merged
    /// into another (<c>into_key</c>), or a question (its signature) taken out of its cluster (<c>into_key</c> NULL).
    /// </summary>
    protected static string RegroupSchema(string bigInteger) => $"""
        CREATE TABLE demand_regroup (
            cluster_key TEXT NOT NULL,
            province_id TEXT NOT NULL,
            into_key    TEXT,
            updated_by  TEXT NOT NULL,
            updated_at  {bigInteger} NOT NULL,
            PRIMARY KEY (cluster_key, province_id)
        );
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
        var (where, parameters) = Where(filter);
        parameters.Add("limit", Math.Clamp(filter.Limit, 1, 1_000_000));
        var rows = await connection.QueryAsync<EntryRow>(new CommandDefinition($"""
            SELECT {EntryRow.Columns}
            FROM demand_entry WHERE {where} ORDER BY at DESC, id DESC LIMIT @limit
            """, parameters, cancellationToken: ct));
        return rows.Select(r => r.ToEntry()).OfType<DemandEntry>().ToList();
    }

    /// <summary>A demand_entry row as Dapper maps it, by column name (<see cref="Columns"/> names each one).</summary>
    sealed class EntryRow
    {
        public const string Columns = """
            id AS Id, at AS At, channel AS Channel, province_id AS ProvinceId, outcome AS Outcome, question AS Question,
            normalized AS Normalized, candidates AS Candidates, matched_code AS MatchedCode, online_mode AS OnlineMode,
            conversation_hash AS ConversationHash, mode_source AS ModeSource
            """;

        public string Id { get; init; } = "";
        public long At { get; init; }
        public string Channel { get; init; } = "";
        public string? ProvinceId { get; init; }
        public string Outcome { get; init; } = "";
        public string Question { get; init; } = "";
        public string Normalized { get; init; } = "";
        public string Candidates { get; init; } = "[]";
        public string? MatchedCode { get; init; }
        public string? OnlineMode { get; init; }
        public string ConversationHash { get; init; } = "";
        public string? ModeSource { get; init; }

        /// <summary>The entry, or null when its outcome was written by a newer version.</summary>
        public DemandEntry? ToEntry() => Enum.TryParse<DemandOutcome>(Outcome, out var outcome)
            ? new DemandEntry(Id, DateTimeOffset.FromUnixTimeMilliseconds(At), Channel, ProvinceId, outcome, Question, Normalized,
                JsonSerializer.Deserialize<List<DemandCandidate>>(Candidates, Json) ?? [], MatchedCode,
                OnlineMode is { } mode ? ParseMode(mode) : null, ConversationHash,
                Enum.TryParse<CitizenBot.Core.Provinces.OfferSource>(ModeSource, out var source) ? source : null)
            : null;
    }

    /// <summary>A Vietnamese calendar day (UTC+7) as days since 1970-01-01, in SQL valid in both databases.</summary>
    static readonly string VietnamDay = $"(at + {(long)VietnamTime.Offset.TotalMilliseconds}) / 86400000";

    /// <summary>One group of <see cref="TallyAsync"/>.</summary>
    sealed class TallyRow
    {
        public long Previous { get; init; }
        public long? Day { get; init; }
        public string? ProvinceId { get; init; }
        public string Outcome { get; init; } = "";
        public string? Code { get; init; }
        public string? Mode { get; init; }
        public long Count { get; init; }
    }

    public async Task<IReadOnlyList<DemandTally>> TallyAsync(DemandFilter filter, DemandTallyBy by, DateTimeOffset split, CancellationToken ct)
    {
        var (where, parameters) = Where(filter);
        parameters.Add("split", split.ToUnixTimeMilliseconds());
        List<(string Expression, string Alias)> columns = [("CASE WHEN at < @split THEN 1 ELSE 0 END", "Previous"), ("outcome", "Outcome")];
        if (by.HasFlag(DemandTallyBy.Day)) columns.Add((VietnamDay, "Day"));
        if (by.HasFlag(DemandTallyBy.Province)) columns.Add(("province_id", "ProvinceId"));
        if (by.HasFlag(DemandTallyBy.Code)) columns.Add(("matched_code", "Code"));
        if (by.HasFlag(DemandTallyBy.Mode)) columns.Add(("online_mode", "Mode"));
        await using var connection = await OpenAsync(ct);
        var rows = await connection.QueryAsync<TallyRow>(new CommandDefinition($"""
            SELECT {string.Join(", ", columns.Select(c => $"{c.Expression} AS {c.Alias}"))}, COUNT(*) AS Count
            FROM demand_entry WHERE {where}
            GROUP BY {string.Join(", ", columns.Select((_, i) => i + 1))}
            """, parameters, cancellationToken: ct));
        return rows.Where(r => Enum.IsDefined(typeof(DemandOutcome), r.Outcome))
            .Select(r => new DemandTally(r.Previous != 0, r.Day is { } day ? DemandEntry.DateOf((int)day) : default, r.ProvinceId,
                Enum.Parse<DemandOutcome>(r.Outcome), r.Code, r.Mode is { } mode ? ParseMode(mode) : null, (int)r.Count))
            .ToList();
    }

    /// <summary>One row of <see cref="NewestModesAsync"/>.</summary>
    sealed class NewestModeRow
    {
        public string Code { get; init; } = "";
        public string? ProvinceId { get; init; }
        public string Mode { get; init; } = "";
        public long At { get; init; }
        public string Id { get; init; } = "";
    }

    public async Task<IReadOnlyList<DemandNewestMode>> NewestModesAsync(DemandFilter filter, CancellationToken ct)
    {
        var (where, parameters) = Where(filter);
        where += " AND matched_code IS NOT NULL AND online_mode IS NOT NULL";
        await using var connection = await OpenAsync(ct);
        // The newest time of each procedure and province by GROUP BY, then the entries at that time (found by the time
        // index), the highest id among them winning: at a million entries half the processor time of numbering every
        // entry of the period with ROW_NUMBER() over a sort.
        var rows = await connection.QueryAsync<NewestModeRow>(new CommandDefinition($"""
            WITH newest AS (
                SELECT matched_code AS newest_code, COALESCE(province_id, '') AS newest_province, MAX(at) AS newest_at
                FROM demand_entry WHERE {where} GROUP BY matched_code, COALESCE(province_id, ''))
            SELECT matched_code AS Code, province_id AS ProvinceId, online_mode AS Mode, at AS At, id AS Id
            FROM newest JOIN demand_entry ON at = newest_at AND matched_code = newest_code AND COALESCE(province_id, '') = newest_province
            WHERE {where}
            """, parameters, cancellationToken: ct));
        return rows.GroupBy(r => (r.Code, r.ProvinceId))
            .Select(g => g.MaxBy(r => r.Id, StringComparer.Ordinal)!)
            .Select(r => ParseMode(r.Mode) is { } mode ? new DemandNewestMode(r.Code, r.ProvinceId, mode, DateTimeOffset.FromUnixTimeMilliseconds(r.At)) : null)
            .OfType<DemandNewestMode>().ToList();
    }

    /// <summary>One group of <see cref="ConversationDemandAsync"/>.</summary>
    sealed class ConversationDemandRow
    {
        public string Code { get; init; } = "";
        public string? ProvinceId { get; init; }
        public long Previous { get; init; }
        public long Conversations { get; init; }
        public long LastAt { get; init; }
    }

    public async Task<IReadOnlyList<ConversationDemand>> ConversationDemandAsync(DemandFilter filter, DateTimeOffset split, CancellationToken ct)
    {
        var (where, parameters) = Where(filter);
        // The wrong answers are looked for among every outcome of the period and provinces, whatever else the filter says.
        var (wrongWhere, wrongParameters) = Where(new DemandFilter(filter.From, filter.To, filter.Provinces, [DemandOutcome.ThumbsDown, DemandOutcome.Corrected]), "w");
        parameters.AddDynamicParams(wrongParameters);
        parameters.Add("split", split.ToUnixTimeMilliseconds());
        await using var connection = await OpenAsync(ct);
        var rows = await connection.QueryAsync<ConversationDemandRow>(new CommandDefinition($"""
            WITH wrong AS (
                SELECT DISTINCT conversation_hash AS wrong_conversation, matched_code AS wrong_code
                FROM demand_entry WHERE {wrongWhere} AND matched_code IS NOT NULL),
            asked AS (
                SELECT matched_code, province_id, at, CASE WHEN at < @split THEN 1 ELSE 0 END AS previous,
                    ROW_NUMBER() OVER (PARTITION BY matched_code, conversation_hash, CASE WHEN at < @split THEN 1 ELSE 0 END ORDER BY at DESC, id DESC) AS newest
                FROM demand_entry LEFT JOIN wrong ON wrong_conversation = conversation_hash AND wrong_code = matched_code
                WHERE {where} AND matched_code IS NOT NULL AND wrong_conversation IS NULL)
            SELECT matched_code AS Code, province_id AS ProvinceId, previous AS Previous, COUNT(*) AS Conversations, MAX(at) AS LastAt
            FROM asked WHERE newest = 1
            GROUP BY matched_code, province_id, previous
            """, parameters, cancellationToken: ct));
        return rows.Select(r => new ConversationDemand(r.Code, r.ProvinceId, r.Previous != 0, (int)r.Conversations, DateTimeOffset.FromUnixTimeMilliseconds(r.LastAt))).ToList();
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
        var rows = await connection.QueryAsync<MarkRow>(new CommandDefinition("""
            SELECT cluster_key AS ClusterKey, handled AS Handled, linked_code AS LinkedCode, note AS Note, updated_by AS UpdatedBy,
                updated_at AS UpdatedAt, province_id AS ProvinceId, out_of_scope AS OutOfScope, agency AS Agency
            FROM demand_mark ORDER BY cluster_key, province_id
            """, cancellationToken: ct));
        return rows.Select(r => new ClusterMark(r.ClusterKey, r.Handled != 0, r.LinkedCode, r.Note, r.UpdatedBy,
            DateTimeOffset.FromUnixTimeMilliseconds(r.UpdatedAt), r.ProvinceId, r.OutOfScope != 0, r.Agency)).ToList();
    }

    /// <summary>A demand_mark row (flags are integers in both databases).</summary>
    sealed class MarkRow
    {
        public string ClusterKey { get; init; } = "";
        public long Handled { get; init; }
        public string? LinkedCode { get; init; }
        public string? Note { get; init; }
        public string UpdatedBy { get; init; } = "";
        public long UpdatedAt { get; init; }
        public string ProvinceId { get; init; } = "";
        public long OutOfScope { get; init; }
        public string? Agency { get; init; }
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

    public async Task<IReadOnlyList<ClusterRegroup>> GetRegroupsAsync(CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        var rows = await connection.QueryAsync<RegroupRow>(new CommandDefinition("""
            SELECT cluster_key AS Key, province_id AS ProvinceId, into_key AS IntoKey, updated_by AS UpdatedBy, updated_at AS UpdatedAt
            FROM demand_regroup ORDER BY cluster_key, province_id
            """, cancellationToken: ct));
        return rows.Select(r => new ClusterRegroup(r.Key, r.ProvinceId, r.IntoKey, r.UpdatedBy, DateTimeOffset.FromUnixTimeMilliseconds(r.UpdatedAt))).ToList();
    }

    /// <summary>A demand_regroup row.</summary>
    sealed class RegroupRow
    {
        public string Key { get; init; } = "";
        public string ProvinceId { get; init; } = "";
        public string? IntoKey { get; init; }
        public string UpdatedBy { get; init; } = "";
        public long UpdatedAt { get; init; }
    }

    public async Task SetRegroupAsync(ClusterRegroup regroup, CancellationToken ct) =>
        await NonQueryAsync("""
            INSERT INTO demand_regroup (cluster_key, province_id, into_key, updated_by, updated_at)
            VALUES (@key, @province, @into_key, @updated_by, @updated_at)
            ON CONFLICT (cluster_key, province_id) DO UPDATE SET into_key = excluded.into_key,
                updated_by = excluded.updated_by, updated_at = excluded.updated_at
            """, ct, ("@key", regroup.Key), ("@province", regroup.ProvinceId), ("@into_key", regroup.IntoKey),
            ("@updated_by", regroup.UpdatedBy), ("@updated_at", regroup.UpdatedAt.ToUnixTimeMilliseconds()));

    public async Task<bool> DeleteRegroupAsync(string key, string provinceId, CancellationToken ct) =>
        await NonQueryAsync("DELETE FROM demand_regroup WHERE cluster_key = @key AND province_id = @province", ct,
            ("@key", key), ("@province", provinceId)) > 0;

    const string UserColumns = "name AS Name, password_hash AS PasswordHash, role AS Role, provinces AS Provinces, created_at AS CreatedAt";

    public async Task<AdminUser?> FindUserAsync(string name, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<UserRow>(new CommandDefinition(
            $"SELECT {UserColumns} FROM admin_user WHERE name = @name", new { name }, cancellationToken: ct));
        return row?.ToUser();
    }

    public async Task<IReadOnlyList<AdminUser>> ListUsersAsync(CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        var rows = await connection.QueryAsync<UserRow>(new CommandDefinition($"SELECT {UserColumns} FROM admin_user ORDER BY name", cancellationToken: ct));
        return rows.Select(r => r.ToUser()).ToList();
    }

    /// <summary>An admin_user row.</summary>
    sealed class UserRow
    {
        public string Name { get; init; } = "";
        public string PasswordHash { get; init; } = "";
        public string Role { get; init; } = "";
        public string Provinces { get; init; } = "[]";
        public long CreatedAt { get; init; }

        public AdminUser ToUser() => new(Name, PasswordHash, Enum.TryParse<AdminRole>(Role, out var role) ? role : AdminRole.Viewer,
            JsonSerializer.Deserialize<List<string>>(Provinces, Json) ?? [], DateTimeOffset.FromUnixTimeMilliseconds(CreatedAt));
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
        var row = await connection.QuerySingleOrDefaultAsync<SessionRow>(new CommandDefinition(
            "SELECT id AS Id, user_name AS UserName, ticket AS Ticket, expires_at AS ExpiresAt FROM admin_session WHERE id = @id", new { id }, cancellationToken: ct));
        return row is null ? null : new AdminSession(row.Id, row.UserName, row.Ticket, DateTimeOffset.FromUnixTimeMilliseconds(row.ExpiresAt));
    }

    /// <summary>An admin_session row.</summary>
    sealed class SessionRow
    {
        public string Id { get; init; } = "";
        public string UserName { get; init; } = "";
        public string Ticket { get; init; } = "";
        public long ExpiresAt { get; init; }
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
        var rows = await connection.QueryAsync<AuditRow>(new CommandDefinition(
            "SELECT at AS At, user_name AS UserName, action AS Action, detail AS Detail FROM demand_audit ORDER BY id DESC LIMIT @limit",
            new { limit = Math.Clamp(limit, 1, 10_000) }, cancellationToken: ct));
        return rows.Select(r => new AuditEntry(DateTimeOffset.FromUnixTimeMilliseconds(r.At), r.UserName, r.Action, r.Detail)).ToList();
    }

    /// <summary>A demand_audit row.</summary>
    sealed class AuditRow
    {
        public long At { get; init; }
        public string UserName { get; init; } = "";
        public string Action { get; init; } = "";
        public string Detail { get; init; } = "";
    }

    /// <summary>
    /// The WHERE clause of a filter and its parameters (named with <paramref name="prefix"/>, so two filters can share a
    /// statement). Provinces and outcomes are spelled out parameter by parameter (short lists); procedure codes and
    /// conversations, which can run to thousands, go as one JSON array (<see cref="JsonArrayValues"/>).
    /// </summary>
    (string Sql, DynamicParameters Parameters) Where(DemandFilter filter, string prefix = "")
    {
        var sql = new StringBuilder($"at >= @{prefix}from AND at < @{prefix}to");
        var parameters = new DynamicParameters();
        parameters.Add($"{prefix}from", filter.From.ToUnixTimeMilliseconds());
        parameters.Add($"{prefix}to", filter.To.ToUnixTimeMilliseconds());
        In(sql, parameters, "province_id", prefix + "p", filter.Provinces);
        In(sql, parameters, "outcome", prefix + "o", filter.Outcomes?.Select(o => o.ToString()).ToList());
        In(sql, parameters, "online_mode", prefix + "m", filter.Modes?.Select(OnlineModeNames.ToWire).ToList());
        InJson(sql, parameters, "matched_code", prefix + "codes", filter.Codes);
        InJson(sql, parameters, "conversation_hash", prefix + "conversations", filter.Conversations);
        return (sql.ToString(), parameters);
    }

    static void In(StringBuilder sql, DynamicParameters parameters, string column, string prefix, IReadOnlyCollection<string>? values)
    {
        if (values is null) return;
        if (values.Count == 0)
        {
            sql.Append(" AND 1 = 0");
            return;
        }
        var names = values.Distinct().Select((value, i) =>
        {
            parameters.Add($"{prefix}{i}", value);
            return $"@{prefix}{i}";
        });
        sql.Append($" AND {column} IN ({string.Join(", ", names)})");
    }

    void InJson(StringBuilder sql, DynamicParameters parameters, string column, string name, DemandValues? values)
    {
        if (values is null) return;
        parameters.Add(name, JsonSerializer.Serialize(values.Values.Distinct(StringComparer.Ordinal)));
        sql.Append(values.Except
            ? $" AND ({column} IS NULL OR {column} NOT IN ({JsonArrayValues("@" + name)}))"
            : $" AND {column} IN ({JsonArrayValues("@" + name)})");
    }

    /// <summary>A sub-query giving the strings of a JSON array parameter, one row each (the only SQL the two databases spell differently).</summary>
    protected abstract string JsonArrayValues(string parameter);

    static OnlineMode? ParseMode(string wire) => OnlineModeNames.TryParse(wire, out var mode) ? mode : null;

    protected static void Add(DbCommand command, string name, object? value) => SchemaMigrator.AddParameter(command, name, value);
}
