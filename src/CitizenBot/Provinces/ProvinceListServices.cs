using System.ComponentModel.DataAnnotations;
using CitizenBot.Core.Demand;
using CitizenBot.Core.Provinces;
using CitizenBot.Hosting;
using CitizenBot.Search;
using Microsoft.Extensions.Options;

namespace CitizenBot.Provinces;

/// <summary>Section "ProvinceLists".</summary>
public sealed class ProvinceListOptions
{
    public const string Section = "ProvinceLists";

    /// <summary>How often a host looks for lists stored elsewhere (another replica, `citizenbot import-province`).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromMinutes(1);
}

public static class ProvinceListServices
{
    /// <summary>
    /// Each province's own list of online services: the curated files (index-data/provinces, checked at start) and the
    /// newest upload of each province (demand/state database), put in force in the catalogue's <see cref="ProvinceServiceLists"/>.
    /// The catalogue from AddCatalogueAndSearch, the demand database from AddStorage.
    /// </summary>
    public static IServiceCollection AddProvinceLists(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ProvinceListOptions>().Bind(configuration.GetSection(ProvinceListOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp =>
        {
            var catalogue = sp.GetRequiredService<OpenedCatalogue>().Catalogue;
            var curated = CuratedProvinceLists.Load(sp.GetRequiredService<IOptions<CatalogueOptions>>().Value.ResolvedIndexDataPath, catalogue);
            return new ProvinceListService(sp.GetRequiredService<IDemandStore>(), catalogue, catalogue.ServiceLists, curated,
                sp.GetRequiredService<TimeProvider>());
        });
        services.AddHostedService<ProvinceListRefresher>();
        return services;
    }
}

/// <summary>
/// Puts the lists in force at start (the curated ones alone when the database is down), then every
/// ProvinceLists:RefreshInterval reloads them when a version was stored elsewhere.
/// </summary>
sealed class ProvinceListRefresher(ProvinceListService lists, IOptions<ProvinceListOptions> options, TimeProvider time, ILogger<ProvinceListRefresher> logger)
    : PeriodicWork(time)
{
    long _stamp = -1;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await RefreshAsync(cancellationToken);
        }
        catch (System.Data.Common.DbException e)
        {
            lists.LoadCurated();
            logger.LogWarning("Uploaded province lists could not be read ({Error}); the curated lists alone are in force until the next refresh", e.Message);
        }
        await base.StartAsync(cancellationToken);
    }

    protected override TimeSpan Interval => options.Value.RefreshInterval;
    protected override bool RunsAtStart => false; // StartAsync did.
    protected override Task RunOnceAsync(CancellationToken ct) => RefreshAsync(ct);

    protected override bool Failed(Exception e)
    {
        if (e is not System.Data.Common.DbException) return false;
        logger.LogWarning("Province lists not refreshed: {Error}", e.Message);
        return true;
    }

    async Task RefreshAsync(CancellationToken ct)
    {
        var stamp = await lists.StampAsync(ct);
        if (stamp == _stamp) return;
        await lists.LoadAsync(ct);
        _stamp = stamp;
        logger.LogInformation("Province lists in force: {Provinces}", lists.Describe());
    }
}
