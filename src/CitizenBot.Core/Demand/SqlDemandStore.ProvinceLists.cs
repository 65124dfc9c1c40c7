using System.Text.Json;
using Dapper;
using CitizenBot.Core.Catalogue;
using CitizenBot.Core.Provinces;

namespace CitizenBot.Core.Demand;

/// <summary>The uploaded province lists (<see cref="IProvinceListStore"/>): one row per version, its entries as JSON.</summary>
public abstract partial class SqlDemandStore
{
    /// <summary>The second schema script of the "demand" component: versioned province lists.</summary>
    protected static string ProvinceListSchema(string bigInteger, string autoNumberedKey) => $"""
        CREATE TABLE province_service_list (
            id          {autoNumberedKey},
            province_id TEXT NOT NULL,
            version     INTEGER NOT NULL,
            uploaded_by TEXT NOT NULL,
            uploaded_at {bigInteger} NOT NULL,
            source_name TEXT NOT NULL,
            note        TEXT,
            entry_count INTEGER NOT NULL,
            entries     TEXT NOT NULL,
            UNIQUE (province_id, version)
        );
        """;

    const string VersionColumns = "province_id AS ProvinceId, version AS Version, uploaded_by AS UploadedBy, uploaded_at AS UploadedAt, source_name AS SourceName, entry_count AS EntryCount, note AS Note";

    public async Task<ProvinceListVersion> SaveProvinceListAsync(string provinceId, IReadOnlyList<ProvinceServiceEntry> entries, string uploadedBy,
        string sourceName, string? note, DateTimeOffset at, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = connection.CreateCommand();
        // One statement: the next version number and the row together (two uploads at once: one fails on the unique key).
        command.CommandText = """
            INSERT INTO province_service_list (province_id, version, uploaded_by, uploaded_at, source_name, note, entry_count, entries)
            SELECT @province, COALESCE(MAX(version), 0) + 1, @by, @at, @source, @note, @count, @entries
            FROM province_service_list WHERE province_id = @province
            RETURNING version
            """;
        Add(command, "@province", provinceId);
        Add(command, "@by", uploadedBy);
        Add(command, "@at", at.ToUnixTimeMilliseconds());
        Add(command, "@source", sourceName);
        Add(command, "@note", note);
        Add(command, "@count", entries.Count);
        Add(command, "@entries", JsonSerializer.Serialize(entries.Select(StoredEntry.From), Json));
        var version = Convert.ToInt32(await command.ExecuteScalarAsync(ct));
        return new ProvinceListVersion(provinceId, version, uploadedBy, DateTimeOffset.FromUnixTimeMilliseconds(at.ToUnixTimeMilliseconds()), sourceName, entries.Count, note);
    }

    public async Task<IReadOnlyList<ProvinceListVersion>> ListProvinceListVersionsAsync(string provinceId, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        var rows = await connection.QueryAsync<ListRow>(new CommandDefinition(
            $"SELECT {VersionColumns} FROM province_service_list WHERE province_id = @province ORDER BY version DESC", new { province = provinceId }, cancellationToken: ct));
        return rows.Select(r => r.ToVersion()).ToList();
    }

    public async Task<ProvinceServiceList?> GetProvinceListAsync(string provinceId, int? version, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<ListRow>(new CommandDefinition(
            $"SELECT {VersionColumns}, entries AS Entries FROM province_service_list WHERE province_id = @province"
            + (version is null ? " ORDER BY version DESC LIMIT 1" : " AND version = @version"),
            new { province = provinceId, version = version ?? 0 }, cancellationToken: ct));
        return row?.ToList();
    }

    public async Task<IReadOnlyList<ProvinceServiceList>> GetCurrentProvinceListsAsync(CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        var rows = await connection.QueryAsync<ListRow>(new CommandDefinition($"""
            SELECT {VersionColumns}, entries AS Entries FROM province_service_list l
            WHERE version = (SELECT MAX(version) FROM province_service_list m WHERE m.province_id = l.province_id)
            ORDER BY province_id
            """, cancellationToken: ct));
        return rows.Select(r => r.ToList()).ToList();
    }

    public async Task<long> ProvinceListStampAsync(CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COALESCE(MAX(id), 0) FROM province_service_list";
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct));
    }

    /// <summary>A province_service_list row (<see cref="Entries"/> only when selected).</summary>
    sealed class ListRow
    {
        public string ProvinceId { get; init; } = "";
        public long Version { get; init; }
        public string UploadedBy { get; init; } = "";
        public long UploadedAt { get; init; }
        public string SourceName { get; init; } = "";
        public long EntryCount { get; init; }
        public string? Note { get; init; }
        public string Entries { get; init; } = "[]";

        public ProvinceListVersion ToVersion() =>
            new(ProvinceId, (int)Version, UploadedBy, DateTimeOffset.FromUnixTimeMilliseconds(UploadedAt), SourceName, (int)EntryCount, Note);

        public ProvinceServiceList ToList() =>
            new(ToVersion(), (JsonSerializer.Deserialize<List<StoredEntry>>(Entries, Json) ?? []).Select(e => e.ToEntry()).ToList());
    }

    /// <summary>An entry as stored: the mode by its wire name, so the JSON reads the same as the files.</summary>
    sealed record StoredEntry(string Code, string Mode, string? Url, string? Field, string? Agency, string? Level)
    {
        public static StoredEntry From(ProvinceServiceEntry e) => new(e.Code, OnlineModeNames.ToWire(e.Mode), e.Url, e.Field, e.Agency, e.Level);

        public ProvinceServiceEntry ToEntry() =>
            new(Code, OnlineModeNames.TryParse(Mode, out var mode) ? mode : OnlineMode.Unknown, Url, Field, Agency, Level);
    }
}
