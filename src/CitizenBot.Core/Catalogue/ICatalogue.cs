using CitizenBot.Core.Provinces;

namespace CitizenBot.Core.Catalogue;

/// <summary>The loaded, validated catalogue: what the bot can answer about.</summary>
public interface ICatalogue
{
    IReadOnlyList<Procedure> Procedures { get; }
    IReadOnlyList<Province> Provinces { get; }
    Procedure? FindByCode(string code);
    /// <summary>Finds a province by id, current name, former (pre-2025) name or alias, with or without diacritics.</summary>
    Province? FindProvince(string nameOrId);
    /// <summary>The procedure's online mode and link for the province: its own list's when it has one for the procedure, else national.</summary>
    OnlineOffer OfferFor(Procedure procedure, Province? province);
}
