using System.Threading.RateLimiting;
using CitizenBot.Core.Presentation;
using CitizenBot.Core.Catalogue;
using CitizenBot.Core.Demand;
using CitizenBot.Core.Dialogs;
using CitizenBot.Hosting;

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

    /// <summary>
    /// How many clicks one address has counted a minute. A citizen clicks a few; an anonymous caller repeating the request
    /// cannot inflate a procedure's click-through rate — beyond the limit the citizen is still sent on, uncounted.
    /// </summary>
    public const int CountedPerAddressPerMinute = 10;

    /// <summary>
    /// The per-address limit on counted clicks (the address is only a partition key, never stored; with replicas
    /// sharing PostgreSQL, counted there as an HMAC).
    /// </summary>
    public sealed class CountedClicks(RateLimitWindows windows) : IDisposable
    {
        readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(address =>
            windows.Window("click:" + address, CountedPerAddressPerMinute));

        public async Task<bool> TryCountAsync(string address, CancellationToken ct)
        {
            using var lease = await _limiter.AcquireAsync(address, cancellationToken: ct);
            return lease.IsAcquired;
        }

        public void Dispose() => _limiter.Dispose();
    }

    static async Task<IResult> Follow(string code, string? tinh, HttpContext http, ICatalogue catalogue, IDemandRecorder demand,
        CountedClicks counted, TimeProvider time, CancellationToken ct)
    {
        if (catalogue.FindByCode(code) is not { } procedure)
            return TypedResults.Problem("Không có thủ tục này.", statusCode: StatusCodes.Status404NotFound, title: "Không tìm thấy / Not found");
        var province = tinh is { Length: > 0 } id ? catalogue.FindProvince(id) : null;
        var offer = catalogue.OfferFor(procedure, province);
        if (await counted.TryCountAsync(ClientAddress.Of(http), ct))
            await demand.RecordAsync(new DemandEvent(time.GetUtcNow(), "web", province?.Id, "", "", DemandOutcome.ClickThrough, [],
                procedure.Code, offer.Mode, "", offer.Source), ct);
        return Results.Redirect(offer.LinkFor(procedure) ?? ServiceLink.NationalPortal);
    }
}
