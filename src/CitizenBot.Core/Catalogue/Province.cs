using CitizenBot.Core.Analysis;

namespace CitizenBot.Core.Catalogue;

/// <summary>A province-level unit in force since 1 July 2025 (34 of them), with the names citizens may still use.</summary>
public sealed record Province
{
    /// <summary>Stable slug, e.g. "ninh-binh".</summary>
    public required string Id { get; init; }
    /// <summary>Official name, e.g. "Ninh Bình" or "Thành phố Hồ Chí Minh".</summary>
    public required string Name { get; init; }
    /// <summary>The province's public-service portal (Cổng dịch vụ công).</summary>
    public required string PortalUrl { get; init; }
    /// <summary>Provinces merged into this one on 1 July 2025, e.g. "Nam Định", "Hà Nam".</summary>
    public IReadOnlyList<string> FormerNames { get; init; } = [];
    /// <summary>Other names and abbreviations citizens type ("HCM", "Sài Gòn").</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>
    /// The key a province name is looked up by: case- and diacritic-insensitive, words separated by one space
    /// whatever separated them ("Thanh Hoá", "thanh-hoa" and "THANH  HÓA" → "thanh hoa").
    /// </summary>
    public static string Key(string text) =>
        string.Join(' ', VietnameseText.Comparable(text).Split([' ', '-', '_', '\t'], StringSplitOptions.RemoveEmptyEntries));

    /// <summary>
    /// The former name (pre-July-2025 province) that <paramref name="text"/> names, alone or at its end ("tỉnh Nam
    /// Định" → "Nam Định"); null when it names none, or only one spelled like the current name.
    /// </summary>
    public string? FormerNameIn(string text)
    {
        var key = Key(text);
        var former = FormerNames.FirstOrDefault(f => Key(f) == key || key.EndsWith(" " + Key(f), StringComparison.Ordinal));
        return former is not null && Key(former) != Key(Name) ? former : null;
    }
}
