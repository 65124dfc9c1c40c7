using CitizenBot.Core.Catalogue;

namespace CitizenBot.Core.Provinces;

/// <summary>
/// One line of a province's published list of online services (danh mục dịch vụ công trực tuyến, decided by its
/// People's Committee): the procedure, how far the province offers it online, and the link on its portal.
/// </summary>
/// <param name="Url">The submission page on the province's portal (a *.gov.vn address), when the list gives one.</param>
public sealed record ProvinceServiceEntry(string Code, OnlineMode Mode, string? Url = null, string? Field = null, string? Agency = null, string? Level = null);

/// <summary>Where a province's list came from and when: the curated file, or an official's upload (versioned).</summary>
/// <param name="Version">1, 2, … per province for uploads; 0 for the curated file under index-data/provinces.</param>
/// <param name="UploadedBy">The official (dashboard user or "cli:&lt;os user&gt;"), or "index-data".</param>
/// <param name="SourceName">The uploaded file's name, or the curated file's path.</param>
/// <param name="Note">E.g. "khôi phục phiên bản 2".</param>
public sealed record ProvinceListVersion(string ProvinceId, int Version, string UploadedBy, DateTimeOffset UploadedAt, string SourceName, int Count, string? Note = null)
{
    public const string CuratedUploader = "index-data";
}

/// <summary>A province's list in force: its entries by code, and which version they are.</summary>
public sealed class ProvinceServiceList
{
    readonly Dictionary<string, ProvinceServiceEntry> _byCode;

    public ProvinceServiceList(ProvinceListVersion version, IReadOnlyList<ProvinceServiceEntry> entries)
    {
        Version = version;
        Entries = entries;
        _byCode = entries.ToDictionary(e => e.Code, StringComparer.Ordinal);
    }

    public ProvinceListVersion Version { get; }
    public IReadOnlyList<ProvinceServiceEntry> Entries { get; }
    public string ProvinceId => Version.ProvinceId;

    public ProvinceServiceEntry? Find(string code) => _byCode.GetValueOrDefault(code);
}
