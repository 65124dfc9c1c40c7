using CitizenBot.Core.Presentation;
using CitizenBot.Core.Catalogue;
using CitizenBot.Core.Demand;
using CitizenBot.Core.Dialogs;

namespace CitizenBot.Demand;

/// <summary>
/// The answer's online button: <c>GET /di/{code}?tinh={province}</c> counts the click (procedure, province, the mode
/// in force; no conversation, no address, no text) and sends the citizen on (302) to the link the answer showed —
/// the province's own link when its list has one, else the national page. Only catalogue links are ever the target,
/// so the redirect cannot be pointed anywhere else.
/// </summary>
public static class ClickThroughEndpoint
{
    public const string Path = "/di";

    public static IEndpointRouteBuilder MapClickThrough(this IEndpointRouteBuilder routes)
    {
        routes.MapGet(Path + "/{code}", Follow);
        return routes;
    }

    static async Task<IResult> Follow(string code, string? tinh, ICatalogue catalogue, IDemandRecorder demand, TimeProvider time, CancellationToken ct)
    {
        if (catalogue.FindByCode(code) is not { } procedure)
            return TypedResults.Problem("Không có thủ tục này.", statusCode: StatusCodes.Status404NotFound, title: "Không tìm thấy / Not found");
        var province = tinh is { Length: > 0 } id ? catalogue.FindProvince(id) : null;
        var offer = catalogue.OfferFor(procedure, province);
        await demand.RecordAsync(new DemandEvent(time.GetUtcNow(), "web", province?.Id, "", "", DemandOutcome.ClickThrough, [],
            procedure.Code, offer.Mode, "", offer.Source), ct);
        return Results.Redirect(offer.LinkFor(procedure) ?? ServiceLink.NationalPortal);
    }
}
