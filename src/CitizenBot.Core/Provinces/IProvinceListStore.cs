namespace CitizenBot.Core.Provinces;

/// <summary>
/// The uploaded province lists, versioned: every upload (and every restore) is a new version with who and when; the
/// newest version of a province is the one in force. Kept in the demand/state database (SQLite or PostgreSQL).
/// </summary>
public interface IProvinceListStore
{
    /// <summary>Stores the entries as the province's next version and returns its description.</summary>
    Task<ProvinceListVersion> SaveProvinceListAsync(string provinceId, IReadOnlyList<ProvinceServiceEntry> entries, string uploadedBy,
        string sourceName, string? note, DateTimeOffset at, CancellationToken ct);

    /// <summary>The province's versions, newest first (without their entries).</summary>
    Task<IReadOnlyList<ProvinceListVersion>> ListProvinceListVersionsAsync(string provinceId, CancellationToken ct);

    /// <summary>One version with its entries (null when there is none); <paramref name="version"/> null means the newest.</summary>
    Task<ProvinceServiceList?> GetProvinceListAsync(string provinceId, int? version, CancellationToken ct);

    /// <summary>The newest version of every province that has one.</summary>
    Task<IReadOnlyList<ProvinceServiceList>> GetCurrentProvinceListsAsync(CancellationToken ct);

    /// <summary>A number that changes whenever a version is added (replicas poll it to pick up uploads made elsewhere).</summary>
    Task<long> ProvinceListStampAsync(CancellationToken ct);
}
