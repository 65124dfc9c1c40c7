using CitizenBot.Core.Presentation;

namespace CitizenBot.Web.Lookup.Pages;

/// <param name="QueryGiven">The form was sent (q present, even empty): an empty question then gets a hint.</param>
public sealed record SearchPageModel(LookupFacets Facets, LookupQuery Query, LookupResults Results, bool QueryGiven);

/// <param name="Notices">Said above the procedure: an unknown province, a former province name.</param>
/// <param name="Summary">The tóm tắt to send over Zalo or SMS.</param>
/// <param name="QrSvg">The online-service link's QR code, as SVG markup made by QRCoder (<see cref="QrCodes"/>).</param>
public sealed record DetailPageModel(ProcedureView View, LookupFacets Facets, IReadOnlyList<string> Notices, string Summary, string QrSvg);

/// <summary>An unknown procedure code: the RFC 7807 fields a person can read.</summary>
public sealed record NotFoundPageModel(string Code, string Title, string Detail);
