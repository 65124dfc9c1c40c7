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
        return new ProvinceChoice(province, province.FormerNameIn(text));
    }
}
