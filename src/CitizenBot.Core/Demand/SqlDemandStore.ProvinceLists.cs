using System.Data.Common;
using System.Text.Json;
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

    const string VersionColumns = "province_id, version, uploaded_by, uploaded_at, source_name, entry_count, note";

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
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {VersionColumns} FROM province_service_list WHERE province_id = @province ORDER BY version DESC";
        Add(command, "@province", provinceId);
        var versions = new List<ProvinceListVersion>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) versions.Add(ReadVersion(reader));
        return versions;
    }

    public async Task<ProvinceServiceList?> GetProvinceListAsync(string provinceId, int? version, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {VersionColumns}, entries FROM province_service_list WHERE province_id = @province"
            + (version is null ? " ORDER BY version DESC LIMIT 1" : " AND version = @version");
        Add(command, "@province", provinceId);
        if (version is { } v) Add(command, "@version", v);
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? ReadList(reader) : null;
    }

    public async Task<IReadOnlyList<ProvinceServiceList>> GetCurrentProvinceListsAsync(CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT {VersionColumns}, entries FROM province_service_list l
            WHERE version = (SELECT MAX(version) FROM province_service_list m WHERE m.province_id = l.province_id)
            ORDER BY province_id
            """;
        var lists = new List<ProvinceServiceList>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) lists.Add(ReadList(reader));
        return lists;
    }

    public async Task<long> ProvinceListStampAsync(CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COALESCE(MAX(id), 0) FROM province_service_list";
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct));
    }

    static ProvinceListVersion ReadVersion(DbDataReader reader) => new(
        reader.GetString(0), Convert.ToInt32(reader.GetValue(1)), reader.GetString(2),
        DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)), reader.GetString(4), Convert.ToInt32(reader.GetValue(5)),
        reader.IsDBNull(6) ? null : reader.GetString(6));

    static ProvinceServiceList ReadList(DbDataReader reader) =>
        new(ReadVersion(reader), (JsonSerializer.Deserialize<List<StoredEntry>>(reader.GetString(7), Json) ?? []).Select(e => e.ToEntry()).ToList());

    /// <summary>An entry as stored: the mode by its wire name, so the JSON reads the same as the files.</summary>
    sealed record StoredEntry(string Code, string Mode, string? Url, string? Field, string? Agency, string? Level)
    {
        public static StoredEntry From(ProvinceServiceEntry e) => new(e.Code, OnlineModeNames.ToWire(e.Mode), e.Url, e.Field, e.Agency, e.Level);

        public ProvinceServiceEntry ToEntry() =>
            new(Code, OnlineModeNames.TryParse(Mode, out var mode) ? mode : OnlineMode.Unknown, Url, Field, Agency, Level);
    }
}
