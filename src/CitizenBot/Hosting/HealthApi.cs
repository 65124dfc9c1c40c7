using CitizenBot.Core.Catalogue;

namespace CitizenBot.Hosting;

public static class HealthApi
{
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/health", GetHealth);
        return routes;
    }

    static IResult GetHealth(ICatalogue catalogue) =>
        Results.Ok(new { status = "ok", procedures = catalogue.Procedures.Count, provinces = catalogue.Provinces.Count });
}
