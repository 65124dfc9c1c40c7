using CitizenBot.Core.Analysis;
using CitizenBot.Core.Catalogue;

namespace CitizenBot.Core.Presentation;

/// <summary>
/// A province as a helper typed it (id, name, pre-2025 name, alias; with or without diacritics), resolved to one of
/// the 34, remembering the former name so the page can say "Nam Định nay thuộc Ninh Bình".
/// </summary>
public sealed record ProvinceChoice(Province Province, string? FormerName)
{
    public static ProvinceChoice? Resolve(ICatalogue catalogue, string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || catalogue.FindProvince(text) is not { } province) return null;
        var key = Key(text);
        var former = province.FormerNames.FirstOrDefault(f => Key(f) == key || key.EndsWith(" " + Key(f), StringComparison.Ordinal));
        return new ProvinceChoice(province, former is not null && Key(former) != Key(province.Name) ? former : null);
    }

    static string Key(string text) =>
        string.Join(' ', VietnameseText.Fold(VietnameseText.Normalize(text).ToLowerInvariant()).Split([' ', '-', '_', '\t'], StringSplitOptions.RemoveEmptyEntries));
}
