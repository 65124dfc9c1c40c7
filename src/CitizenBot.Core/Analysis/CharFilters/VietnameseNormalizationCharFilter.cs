namespace CitizenBot.Core.Analysis.CharFilters;

/// <summary>
/// Lossless: NFC and one tone placement, so "hoà" == "hòa", "thuý" == "thúy", "Khoẻ" == "Khỏe" (decomposed input
/// included). Place first: every later step assumes composed, canonically toned text.
/// </summary>
public sealed class VietnameseNormalizationCharFilter : ICharFilter
{
    public string Apply(string text) => VietnameseText.Normalize(text);
}
