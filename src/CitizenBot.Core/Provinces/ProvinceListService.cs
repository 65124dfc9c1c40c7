using CitizenBot.Core.Catalogue;

namespace CitizenBot.Core.Provinces;

/// <summary>What an upload would do: the rows read, the rejected ones, and the changes against the list in force.</summary>
public sealed record ProvinceListPreview(Province Province, string SourceName, ProvinceListImport Import, ProvinceListChanges Changes, ProvinceListVersion? Current);

/// <summary>A list that cannot be applied as it is (nothing accepted, unknown version): said in words for the official.</summary>
public sealed class ProvinceListRejectedException(string message) : Exception(message);

/// <summary>
/// Reads, applies and restores province lists, and keeps <see cref="ProvinceServiceLists"/> (what answers use) in step
/// with the store. The command line and the dashboard both go through here. The curated files under
/// index-data/provinces are the default; a province's newest upload replaces its curated list.
/// </summary>
public sealed class ProvinceListService(IProvinceListStore store, ICatalogue catalogue, ProvinceServiceLists inForce,
    IReadOnlyList<ProvinceServiceList> curated, TimeProvider time)
{
    /// <summary>Puts the curated lists and the newest upload of every province in force (at start, and when another replica uploaded).</summary>
    public async Task LoadAsync(CancellationToken ct)
    {
        var uploaded = await store.GetCurrentProvinceListsAsync(ct);
        inForce.Apply(curated.Concat(uploaded));
    }

    /// <summary>Puts only the curated lists in force (when the database cannot be read at start).</summary>
    public void LoadCurated() => inForce.Apply(curated);

    /// <summary>Changes whenever a version is stored anywhere (another replica, the command line).</summary>
    public Task<long> StampAsync(CancellationToken ct) => store.ProvinceListStampAsync(ct);

    /// <summary>Reads the file and compares it with the list in force; changes nothing. Unreadable file: <see cref="UnreadableListException"/>.</summary>
    public ProvinceListPreview Preview(Province province, Stream file, string sourceName)
    {
        var import = ProvinceListImporter.Import(SpreadsheetReader.Read(file, sourceName), catalogue);
        var current = inForce.For(province.Id);
        return new ProvinceListPreview(province, Path.GetFileName(sourceName), import, ProvinceListChanges.Between(current, import.Entries), current?.Version);
    }

    /// <summary>Stores the accepted rows as the province's next version and puts it in force. The rejected rows are left out.</summary>
    public async Task<ProvinceListVersion> ApplyAsync(ProvinceListPreview preview, string uploadedBy, CancellationToken ct)
    {
        if (preview.Import.Entries.Count == 0)
            throw new ProvinceListRejectedException($"Không có dòng nào hợp lệ ({preview.Import.Rejected.Count} dòng bị loại): danh mục đang áp dụng được giữ nguyên.");
        var version = await store.SaveProvinceListAsync(preview.Province.Id, preview.Import.Entries, uploadedBy, preview.SourceName,
            preview.Import.Rejected.Count > 0 ? $"{preview.Import.Rejected.Count} dòng bị loại" : null, time.GetUtcNow(), ct);
        inForce.Apply([new ProvinceServiceList(version, preview.Import.Entries)]);
        return version;
    }

    /// <summary>Makes an earlier version the one in force again, as a new version (so the history says who restored what, and when).</summary>
    public async Task<ProvinceListVersion> RestoreAsync(Province province, int version, string restoredBy, CancellationToken ct)
    {
        var old = await store.GetProvinceListAsync(province.Id, version, ct)
                  ?? throw new ProvinceListRejectedException($"{province.Name} không có phiên bản {version}.");
        var restored = await store.SaveProvinceListAsync(province.Id, old.Entries, restoredBy, old.Version.SourceName,
            $"khôi phục phiên bản {version}", time.GetUtcNow(), ct);
        inForce.Apply([new ProvinceServiceList(restored, old.Entries)]);
        return restored;
    }

    /// <summary>
    /// An official of the province says it now offers the procedure toàn trình: a new version of its list, the one in
    /// force with that procedure set fully online (its link kept), so answers change and the previous list can be restored.
    /// </summary>
    public async Task<ProvinceListVersion> MarkFullyOnlineAsync(Province province, string code, string markedBy, CancellationToken ct)
    {
        var current = inForce.For(province.Id);
        var entries = (current?.Entries ?? []).Where(e => e.Code != code).ToList();
        var procedure = catalogue.FindByCode(code) ?? throw new ProvinceListRejectedException($"Không có thủ tục mã '{code}'.");
        entries.Add(new ProvinceServiceEntry(code, OnlineMode.FullyOnline, current?.Find(code)?.Url, procedure.Field, procedure.Agency));
        var version = await store.SaveProvinceListAsync(province.Id, entries, markedBy, current?.Version.SourceName ?? "đánh dấu trên bảng điều khiển",
            $"đánh dấu toàn trình: {code}", time.GetUtcNow(), ct);
        inForce.Apply([new ProvinceServiceList(version, entries)]);
        return version;
    }

    public Task<IReadOnlyList<ProvinceListVersion>> VersionsAsync(Province province, CancellationToken ct) =>
        store.ListProvinceListVersionsAsync(province.Id, ct);

    /// <summary>"da-nang v3 (412), ninh-binh curated (120)" for the log; "none" when no province has a list.</summary>
    public string Describe() => inForce.All.Count == 0 ? "none" : string.Join(", ", inForce.All.Values.OrderBy(l => l.ProvinceId, StringComparer.Ordinal)
        .Select(l => $"{l.ProvinceId} {(l.Version.Version == 0 ? "curated" : "v" + l.Version.Version)} ({l.Entries.Count})"));

    /// <summary>The list in force for the province (curated or uploaded), if any.</summary>
    public ProvinceServiceList? InForce(Province province) => inForce.For(province.Id);
}
