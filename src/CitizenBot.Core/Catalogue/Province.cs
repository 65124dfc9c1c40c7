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
}
