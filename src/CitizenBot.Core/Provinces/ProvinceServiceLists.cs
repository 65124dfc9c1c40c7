using System.Collections.Frozen;
using CitizenBot.Core.Catalogue;

namespace CitizenBot.Core.Provinces;

/// <summary>
/// The province lists in force, one per province, replaced whole when an official uploads or restores one (readers
/// never see half a list). <see cref="Resolve"/> is the one place that picks a procedure's mode and link for a province.
/// </summary>
public sealed class ProvinceServiceLists
{
    FrozenDictionary<string, ProvinceServiceList> _lists = FrozenDictionary<string, ProvinceServiceList>.Empty;

    /// <summary>The lists in force, by province id.</summary>
    public IReadOnlyDictionary<string, ProvinceServiceList> All => _lists;

    public ProvinceServiceList? For(string provinceId) => _lists.GetValueOrDefault(provinceId);

    /// <summary>Puts these lists in force for their provinces; other provinces keep theirs.</summary>
    public void Apply(IEnumerable<ProvinceServiceList> lists)
    {
        lock (this)
        {
            var next = _lists.ToDictionary(StringComparer.Ordinal);
            foreach (var list in lists) next[list.ProvinceId] = list;
            _lists = next.ToFrozenDictionary(StringComparer.Ordinal);
        }
    }

    /// <summary>The province's mode and link when its list has the procedure, else the national mode (and the catalogue's provincial link, if any).</summary>
    public OnlineOffer Resolve(Procedure p, Province? province)
    {
        if (province is null || For(province.Id) is not { } list || list.Find(p.Code) is not { } entry)
            return OnlineOffer.National(p, province);
        return new OnlineOffer(entry.Mode, OfferSource.Province, entry.Url ?? p.ProvinceUrls.GetValueOrDefault(province.Id), province, list.Version);
    }
}
