using System.Globalization;
using CitizenBot.Core.Catalogue;

namespace CitizenBot.Web.Lookup;

/// <summary>The filter choices, computed once from the catalogue: its fields and the 34 provinces, in Vietnamese alphabetical order.</summary>
public sealed class LookupFacets
{
    static readonly StringComparer Vietnamese = StringComparer.Create(CultureInfo.GetCultureInfo("vi-VN"), CompareOptions.IgnoreCase);
    readonly Dictionary<string, string> _fieldByKey;

    public LookupFacets(ICatalogue catalogue)
    {
        // The portal spells some fields two ways ("Cấp, quản lý căn cước" / "Cấp, Quản lý căn cước"): one choice each.
        Fields = catalogue.Procedures.Select(p => p.Field.Trim()).Where(f => f.Length > 0)
            .GroupBy(Key, StringComparer.Ordinal).Select(g => g.First()).Order(Vietnamese).ToList();
        Provinces = catalogue.Provinces.OrderBy(p => p.Name, Vietnamese).ToList();
        _fieldByKey = Fields.ToDictionary(Key, f => f, StringComparer.Ordinal);
    }

    /// <summary>How fields are compared: case and Unicode form do not matter.</summary>
    public static string Key(string field) => field.Trim().Normalize().ToLowerInvariant();

    public IReadOnlyList<string> Fields { get; }
    public IReadOnlyList<Province> Provinces { get; }

    /// <summary>The catalogue's spelling of a field given in the query string (case-insensitive), or null.</summary>
    public string? FindField(string text) => _fieldByKey.GetValueOrDefault(Key(text));
}
