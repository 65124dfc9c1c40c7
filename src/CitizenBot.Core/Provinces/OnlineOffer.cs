using CitizenBot.Core.Catalogue;

namespace CitizenBot.Core.Provinces;

/// <summary>
/// How far a procedure can be done online for one citizen, and which list says so: the province's own list when it
/// has the procedure, else the national catalogue. Every answer (card, follow-ups, look-up page, print, QR, Zalo text)
/// takes its mode and link from here, so they agree and can say which one they show.
/// </summary>
/// <param name="ProvinceUrl">The province's own link for the procedure (from its list, else from the catalogue), when known.</param>
/// <param name="Province">The citizen's province, when known (also when its list does not have the procedure).</param>
/// <param name="List">The province's list version the mode came from (null when the mode is national).</param>
public sealed record OnlineOffer(OnlineMode Mode, OfferSource Source, string? ProvinceUrl, Province? Province, ProvinceListVersion? List)
{
    public bool IsOnline => Mode is OnlineMode.FullyOnline or OnlineMode.Partial;

    /// <summary>The national mode, with the catalogue's provincial link if it has one (no province list consulted).</summary>
    public static OnlineOffer National(Procedure p, Province? province) =>
        new(p.OnlineMode, OfferSource.National, province is not null ? p.ProvinceUrls.GetValueOrDefault(province.Id) : null, province, null);

    /// <summary>The link a citizen should open: the province's own link when known, else the national page.</summary>
    public string? LinkFor(Procedure p) => ProvinceUrl ?? p.NationalUrl;
}

public enum OfferSource
{
    /// <summary>The national catalogue's mode (no province known, or its list does not have the procedure).</summary>
    National,
    /// <summary>The province's own published list.</summary>
    Province,
}
