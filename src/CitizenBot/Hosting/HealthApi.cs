using System.Text.Json;
using CitizenBot.Core.Catalogue;
using CitizenBot.Core.DirectLine;
using CitizenBot.Search;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CitizenBot.Hosting;

/// <summary>
/// Health for load balancers and orchestrators, with the framework's health checks: <c>/health/live</c> (the process
/// answers; no checks), <c>/health/ready</c> (the database is reachable and its schema migrated, the catalogue and
/// search index are loaded; 503 otherwise). <c>/health</c> keeps its catalogue summary.
/// </summary>
public static class HealthApi
{
    const string Ready = "ready";

    public static IServiceCollection AddHealth(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: [Ready])
            .AddCheck<CatalogueHealthCheck>("catalogue", tags: [Ready]);
        return services;
    }

    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/health", GetHealth);
        routes.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync });
        routes.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(Ready), ResponseWriter = WriteAsync });
        return routes;
    }

    static IResult GetHealth(ICatalogue catalogue) =>
        Results.Ok(new { status = "ok", procedures = catalogue.Procedures.Count, provinces = catalogue.Provinces.Count });

    /// <summary>{status, checks:{name:{status, description}}}: what failed, never a secret or a connection string.</summary>
    static Task WriteAsync(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json; charset=utf-8";
        return http.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        }));
    }
}

/// <summary>
/// The database answers and the start-up steps that need it (schemas, first key: <see cref="DatabaseStartup"/>) have
/// run; the Direct Line store's database, which with PostgreSQL holds the other stores too. Unhealthy names the
/// database (host, port and name; never the connection string) and the error's type.
/// </summary>
public sealed class DatabaseHealthCheck(IDirectLineStore store, DatabaseStartup startup) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (startup.Failure is { } failure)
            return HealthCheckResult.Unhealthy($"{store.Description} not reachable since start ({failure}); schema and keys not in place yet");
        try
        {
            await store.PingAsync(cancellationToken);
            return HealthCheckResult.Healthy(store.Description);
        }
        catch (Exception e) when (DatabaseStartup.IsDatabaseFailure(e) || e is InvalidOperationException)
        {
            return HealthCheckResult.Unhealthy($"{store.Description} unreachable ({e.GetType().Name})");
        }
    }
}

/// <summary>The catalogue was loaded and its search index opened by the start-up step.</summary>
public sealed class CatalogueHealthCheck(CatalogueStartup startup) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(startup.Loaded is { } opened
            ? HealthCheckResult.Healthy($"{opened.Catalogue.Procedures.Count} procedures indexed")
            : HealthCheckResult.Unhealthy("catalogue not loaded yet"));
}
