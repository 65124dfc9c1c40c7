using System.Text.Json;
using CitizenBot.Core.Catalogue;
using CitizenBot.Core.DirectLine;
using CitizenBot.Demand;
using CitizenBot.Postgres;
using CitizenBot.Search;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Npgsql;

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
        services.AddSingleton<DatabasePing>();
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
public sealed class DatabaseHealthCheck(IDirectLineStore store, DatabaseStartup startup, DatabasePing ping) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (startup.Failure is { } failure)
            return HealthCheckResult.Unhealthy($"{store.Description} not reachable since start ({failure}); schema and keys not in place yet");
        try
        {
            await ping.PingAsync(cancellationToken);
            return HealthCheckResult.Healthy(store.Description);
        }
        catch (Exception e) when (DatabaseStartup.IsDatabaseFailure(e) || e is InvalidOperationException)
        {
            return HealthCheckResult.Unhealthy($"{store.Description} unreachable ({e.GetType().Name})");
        }
    }
}

/// <summary>
/// The readiness ping. With PostgreSQL it has a connection of its own (a pool of two, apart from the one requests
/// share): a replica whose pool is all in use under load still answers that the database is reachable. Measured with
/// two replicas behind haproxy (README, "Two replicas"): pinging through the busy pool timed out, haproxy took the
/// replica out, its load went to the other replica on the same database, whose pings then timed out too, until haproxy
/// had no replica left and answered 503 to every request.
/// </summary>
public sealed class DatabasePing(IDirectLineStore store, IOptions<PostgresStorageOptions> postgres) : IAsyncDisposable
{
    readonly NpgsqlDataSource? _own = postgres.Value.Enabled
        ? PostgresStorage.CreateDataSource(new NpgsqlConnectionStringBuilder(postgres.Value.PostgresConnectionString) { MaxPoolSize = 2, MinPoolSize = 0 }.ConnectionString)
        : null;

    public async Task PingAsync(CancellationToken ct)
    {
        if (_own is null)
        {
            await store.PingAsync(ct);
            return;
        }
        await using var command = _own.CreateCommand("SELECT 1");
        await command.ExecuteScalarAsync(ct);
    }

    public ValueTask DisposeAsync() => _own?.DisposeAsync() ?? ValueTask.CompletedTask;
}

/// <summary>The catalogue was loaded and its search index opened by the start-up step.</summary>
public sealed class CatalogueHealthCheck(CatalogueStartup startup) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(startup.Loaded is { } opened
            ? HealthCheckResult.Healthy($"{opened.Catalogue.Procedures.Count} procedures indexed")
            : HealthCheckResult.Unhealthy("catalogue not loaded yet"));
}
