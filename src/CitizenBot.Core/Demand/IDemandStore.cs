using CitizenBot.Core.Catalogue;
using CitizenBot.Core.Provinces;

namespace CitizenBot.Core.Demand;

/// <summary>
/// Where the demand log lives (SQLite file or PostgreSQL), with what the officials' side keeps beside it: cluster
/// marks, dashboard users, the export audit and the uploaded province lists. SQL stays in the implementations; both pass the same contract tests.
/// </summary>
public interface IDemandStore : IProvinceListStore
{
    /// <summary>Human-readable provider name for logs and the dashboard ("SQLite /data/demand.db", "PostgreSQL host/db").</summary>
    string Description { get; }

    /// <summary>Creates or migrates the schema (recorded in schema_version). Safe when several replicas start at once.</summary>
    Task InitializeAsync(CancellationToken ct);

    /// <summary>Stores the entries in one transaction; an entry whose id is already stored is skipped (replays are idempotent).</summary>
    Task AppendAsync(IReadOnlyList<DemandEntry> entries, CancellationToken ct);

    /// <summary>Entries matching the filter, newest first, at most <see cref="DemandFilter.Limit"/>.</summary>
    Task<IReadOnlyList<DemandEntry>> QueryAsync(DemandFilter filter, CancellationToken ct);

    /// <summary>
    /// Counts matching the filter, grouped by outcome, by period (before <paramref name="split"/> or not) and by the
    /// dimensions asked for: computed by the database (GROUP BY), so a report's memory does not grow with the entries.
    /// </summary>
    Task<IReadOnlyList<DemandTally>> TallyAsync(DemandFilter filter, DemandTallyBy by, DateTimeOffset split, CancellationToken ct);

    /// <summary>The newest online mode stored for each procedure and province among the entries matching the filter.</summary>
    Task<IReadOnlyList<DemandNewestMode>> NewestModesAsync(DemandFilter filter, CancellationToken ct);

    /// <summary>
    /// Conversations that asked for each procedure (entries matching the filter with a matched procedure), each
    /// conversation once per procedure and period (before <paramref name="split"/> or not), in the province of its newest
    /// such entry; a conversation whose answer for that procedure got a 👎 or a correction in the filter's period and
    /// provinces is left out (a wrong answer is no demand for its procedure).
    /// </summary>
    Task<IReadOnlyList<ConversationDemand>> ConversationDemandAsync(DemandFilter filter, DateTimeOffset split, CancellationToken ct);

    /// <summary>Deletes entries older than <paramref name="cutoff"/> (retention); returns how many.</summary>
    Task<int> DeleteBeforeAsync(DateTimeOffset cutoff, CancellationToken ct);

    /// <summary>Every cluster mark, of every province, by key then province.</summary>
    Task<IReadOnlyList<ClusterMark>> GetClusterMarksAsync(CancellationToken ct);
    /// <summary>Creates or replaces the mark of a cluster for its province ('' = every province).</summary>
    Task SetClusterMarkAsync(ClusterMark mark, CancellationToken ct);
    Task<bool> DeleteClusterMarkAsync(string clusterKey, string provinceId, CancellationToken ct);

    /// <summary>Every regrouping of unmet questions (merges and questions taken out), of every province, by key then province.</summary>
    Task<IReadOnlyList<ClusterRegroup>> GetRegroupsAsync(CancellationToken ct);
    /// <summary>Creates or replaces the regrouping of a key for its province ('' = every province).</summary>
    Task SetRegroupAsync(ClusterRegroup regroup, CancellationToken ct);
    Task<bool> DeleteRegroupAsync(string key, string provinceId, CancellationToken ct);

    Task<AdminUser?> FindUserAsync(string name, CancellationToken ct);
    Task<IReadOnlyList<AdminUser>> ListUsersAsync(CancellationToken ct);
    /// <summary>Creates the user or replaces its password, role and provinces.</summary>
    Task SaveUserAsync(AdminUser user, CancellationToken ct);

    /// <summary>Stores a new dashboard sign-in session (the browser's cookie holds only its id).</summary>
    Task CreateSessionAsync(AdminSession session, CancellationToken ct);
    /// <summary>Replaces a session's ticket and expiry (sliding renewal); false, and nothing stored, when it was deleted.</summary>
    Task<bool> RenewSessionAsync(AdminSession session, CancellationToken ct);
    Task<AdminSession?> FindSessionAsync(string id, CancellationToken ct);
    /// <summary>Deletes the session (sign-out): its cookie, wherever copied, no longer signs anyone in.</summary>
    Task DeleteSessionAsync(string id, CancellationToken ct);
    /// <summary>Deletes sessions that expired before <paramref name="cutoff"/>; returns how many.</summary>
    Task<int> DeleteSessionsExpiredBeforeAsync(DateTimeOffset cutoff, CancellationToken ct);

    Task AppendAuditAsync(AuditEntry entry, CancellationToken ct);
    Task<IReadOnlyList<AuditEntry>> ListAuditAsync(int limit, CancellationToken ct);
}

/// <summary>Which entries a report or query covers. Null sets mean "all".</summary>
/// <param name="From">Inclusive, UTC.</param>
/// <param name="To">Exclusive, UTC.</param>
/// <param name="Provinces">Entries of these provinces only (entries without a province are then excluded).</param>
/// <param name="Codes">Entries whose matched procedure is (or, with <see cref="DemandValues.Except"/>, is not) one of these: a field filter.</param>
/// <param name="Conversations">Entries of these conversation hashes (or, with Except, of none of them).</param>
/// <param name="Modes">Entries answered with one of these online modes.</param>
public sealed record DemandFilter(
    DateTimeOffset From,
    DateTimeOffset To,
    IReadOnlyCollection<string>? Provinces = null,
    IReadOnlyCollection<DemandOutcome>? Outcomes = null,
    DemandValues? Codes = null,
    int Limit = 100_000,
    DemandValues? Conversations = null,
    IReadOnlyCollection<OnlineMode>? Modes = null);

/// <summary>A set of values a column must be among (or, when <paramref name="Except"/>, not among; a missing value is then accepted).</summary>
public sealed record DemandValues(IReadOnlyCollection<string> Values, bool Except = false);

/// <summary>The dimensions a <see cref="IDemandStore.TallyAsync"/> groups by, besides the outcome and the period.</summary>
[Flags]
public enum DemandTallyBy
{
    None = 0,
    /// <summary>The calendar day in Vietnam time.</summary>
    Day = 1,
    Province = 2,
    /// <summary>The matched procedure.</summary>
    Code = 4,
    /// <summary>The online mode as answered.</summary>
    Mode = 8,
}

/// <summary>One group of a tally; a dimension not grouped by is null (<see cref="Day"/>: default).</summary>
/// <param name="Previous">Entries before the split (the previous period of a trend).</param>
public sealed record DemandTally(bool Previous, DateOnly Day, string? ProvinceId, DemandOutcome Outcome, string? Code, OnlineMode? Mode, int Count);

public sealed record DemandNewestMode(string Code, string? ProvinceId, OnlineMode Mode, DateTimeOffset At);

/// <param name="LastAt">When the newest of these conversations asked.</param>
public sealed record ConversationDemand(string Code, string? ProvinceId, bool Previous, int Conversations, DateTimeOffset LastAt);

/// <summary>An official's decision about a cluster of unmet questions, for one province or for all.</summary>
/// <param name="ClusterKey">The cluster's signature (see <see cref="QuestionClusterer"/>).</param>
/// <param name="Handled">The need is dealt with (catalogue entry added, answer improved): its questions up to <see cref="UpdatedAt"/> leave the open list; later ones come back.</param>
/// <param name="LinkedCode">The procedure the questions were about: their count then joins that procedure's backlog demand, and the need takes its field.</param>
/// <param name="ProvinceId">The province the mark is for ('' = every province; only an admin may set that). A province's own mark wins over the national one.</param>
/// <param name="OutOfScope">Not a public service (chit-chat, prices): its questions up to <see cref="UpdatedAt"/> move to the out-of-scope category.</param>
/// <param name="Agency">The agency the need was assigned to.</param>
public sealed record ClusterMark(string ClusterKey, bool Handled, string? LinkedCode, string? Note, string UpdatedBy, DateTimeOffset UpdatedAt,
    string ProvinceId = "", bool OutOfScope = false, string? Agency = null)
{
    /// <summary>The mark sets the entry aside (handled or out of scope) when the entry was asked before it was set.</summary>
    public bool SetsAside(DemandEntry e) => (Handled || OutOfScope) && e.At <= UpdatedAt;
}

/// <summary>
/// An official's correction of the grouping of unmet questions, for one province or for all ('' = every province;
/// only an admin may set that). A province's own regrouping of a key wins over the national one, and it moves only
/// that province's questions.
/// </summary>
/// <param name="Key">With <see cref="IntoKey"/>: the cluster merged (its key, or one of its signatures). Without: the
/// signature of the question taken out of its cluster (every question asked in those words), which then stands alone.</param>
/// <param name="IntoKey">The cluster the questions of <see cref="Key"/> join; null: the question is taken out of its cluster.</param>
public sealed record ClusterRegroup(string Key, string ProvinceId, string? IntoKey, string UpdatedBy, DateTimeOffset UpdatedAt)
{
    public bool IsMerge => IntoKey is not null;
}

public enum AdminRole { Viewer, Admin }

/// <summary>A dashboard user. Viewers see only their provinces; admins see everything and may mark clusters.</summary>
/// <param name="PasswordHash">PBKDF2 (see <c>PasswordHasher</c> in the host), never the password.</param>
public sealed record AdminUser(string Name, string PasswordHash, AdminRole Role, IReadOnlyList<string> Provinces, DateTimeOffset CreatedAt);

/// <summary>A signed-in dashboard session, kept server-side so that signing out revokes it on every replica.</summary>
/// <param name="Ticket">The serialized authentication ticket (claims and properties), opaque to the store.</param>
public sealed record AdminSession(string Id, string UserName, string Ticket, DateTimeOffset ExpiresAt);

/// <summary>Who did what with the log, e.g. exported which report with which filter.</summary>
public sealed record AuditEntry(DateTimeOffset At, string UserName, string Action, string Detail);
