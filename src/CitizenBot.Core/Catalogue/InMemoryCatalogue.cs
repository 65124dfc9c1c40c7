using CitizenBot.Core.Provinces;

namespace CitizenBot.Core.Catalogue;

/// <summary>The loaded catalogue, with look-ups by code and by any name a citizen may give a province.</summary>
public sealed class InMemoryCatalogue : ICatalogue
{
    readonly Dictionary<string, Procedure> _byCode;
    readonly Dictionary<string, Province> _provinceByKey = new(StringComparer.Ordinal);

    public InMemoryCatalogue(IReadOnlyList<Procedure> procedures, IReadOnlyList<Province> provinces)
    {
        Procedures = procedures;
        Provinces = provinces;
        _byCode = procedures.ToDictionary(p => p.Code, StringComparer.Ordinal);
        foreach (var province in provinces)
            foreach (var name in ProvinceKeys(province))
                _provinceByKey.TryAdd(name, province);
    }

    public IReadOnlyList<Procedure> Procedures { get; }
    public IReadOnlyList<Province> Provinces { get; }

    /// <summary>Each province's own list of online services (curated or uploaded); empty until some are applied.</summary>
    public ProvinceServiceLists ServiceLists { get; } = new();

    public Procedure? FindByCode(string code) => _byCode.GetValueOrDefault(code.Trim());

    public OnlineOffer OfferFor(Procedure procedure, Province? province) => ServiceLists.Resolve(procedure, province);

    public Province? FindProvince(string nameOrId)
    {
        var key = Province.Key(nameOrId);
        if (key.Length == 0) return null;
        if (_provinceByKey.TryGetValue(key, out var province)) return province;
        // "tỉnh Nam Định", "thành phố Huế", "tp hcm": drop the administrative prefix.
        foreach (var prefix in new[] { "tinh ", "thanh pho ", "tp ", "tp." })
            if (key.StartsWith(prefix, StringComparison.Ordinal) && _provinceByKey.TryGetValue(key[prefix.Length..].Trim(), out province))
                return province;
        return null;
    }

    static IEnumerable<string> ProvinceKeys(Province p) =>
        new[] { p.Id.Replace('-', ' '), p.Name }.Concat(p.FormerNames).Concat(p.Aliases).Select(Province.Key).Where(k => k.Length > 0);
}
