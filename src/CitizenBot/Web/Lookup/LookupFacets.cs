using System.Globalization;
using CitizenBot.Core.Catalogue;

namespace CitizenBot.Web.Lookup;

/// <summary>The filter choices, computed once from the catalogue: its fields and the 34 provinces, in Vietnamese alphabetical order.</summary>
sealed class LookupFacets
{
    static readonly StringComparer Vietnamese = StringComparer.Create(CultureInfo.GetCultureInfo("vi-VN"), CompareOptions.IgnoreCase);
    readonly Dictionary<string, string> _fieldByKey;

    public LookupFacets(ICatalogue catalogue)
    {
        Fields = catalogue.Procedures.Select(p => p.Field.Trim()).Where(f => f.Length > 0).Distinct(StringComparer.Ordinal).Order(Vietnamese).ToList();
        Provinces = catalogue.Provinces.OrderBy(p => p.Name, Vietnamese).ToList();
        _fieldByKey = Fields.ToDictionary(f => f.Normalize().ToLowerInvariant(), f => f, StringComparer.Ordinal);
    }

    public IReadOnlyList<string> Fields { get; }
    public IReadOnlyList<Province> Provinces { get; }

    /// <summary>The catalogue's spelling of a field given in the query string (case-insensitive), or null.</summary>
    public string? FindField(string text) => _fieldByKey.GetValueOrDefault(text.Trim().Normalize().ToLowerInvariant());
}
