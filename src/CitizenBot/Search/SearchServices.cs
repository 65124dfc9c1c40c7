using CitizenBot.Core.Analysis;
using CitizenBot.Core.Catalogue;
using CitizenBot.Core.Search;
using CitizenBot.Hosting;

namespace CitizenBot.Search;

public static class SearchServices
{
    /// <summary>
    /// Loads and validates the catalogue and opens (or rebuilds) the index now, so a bad catalogue file stops
    /// start-up with its file, record and field instead of failing on the first question.
    /// </summary>
    public static IServiceCollection AddCatalogueAndSearch(this IServiceCollection services, IConfiguration configuration)
    {
        var catalogueOptions = configuration.GetSection(CatalogueOptions.Section).Get<CatalogueOptions>() ?? new CatalogueOptions();
        var storageOptions = configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        services.AddSingleton(catalogueOptions);
        services.AddSingleton(storageOptions);

        var opened = CatalogueServices.Open(catalogueOptions, storageOptions);
        // Loading parsed and analysed the whole catalogue; give that transient memory back to the OS now rather
        // than carrying it for the life of the process.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        services.AddSingleton(opened);
        services.AddSingleton<ICatalogue>(opened.Catalogue);
        services.AddSingleton(opened.Lexicon);
        services.AddSingleton<ISearcher>(opened.Searcher);
        services.AddHostedService<CatalogueStartupLog>();
        return services;
    }
}

/// <summary>The catalogue, lexicon and searcher as opened at start, with what happened on the way.</summary>
public sealed record OpenedCatalogue(InMemoryCatalogue Catalogue, Lexicon Lexicon, LuceneSearcher Searcher, IndexBuildReport? Built,
    IReadOnlyList<CatalogueError> Rejected, string Source);

public static class CatalogueServices
{
    public static OpenedCatalogue Open(CatalogueOptions catalogue, StorageOptions storage, bool forceRebuild = false)
    {
        var loaded = CatalogueLoader.Load(catalogue.ResolvedPath, catalogue.ResolvedIndexDataPath);
        var lexicon = LexiconLoader.Load(Path.Combine(catalogue.ResolvedIndexDataPath, "analysis"));
        var (searcher, built) = SearchEngine.Open(loaded.Catalogue, lexicon, storage.ResolvedIndexPath, forceRebuild);
        return new OpenedCatalogue(loaded.Catalogue, lexicon, searcher, built, loaded.Rejected, catalogue.ResolvedPath);
    }
}

/// <summary>Says once, at start, what was loaded, so operators see the catalogue and index state in the log.</summary>
sealed class CatalogueStartupLog(OpenedCatalogue opened, ILogger<CatalogueStartupLog> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        logger.LogInformation("Catalogue {Source}: {Procedures} procedures, {Provinces} provinces, {Rejected} records rejected",
            opened.Source, opened.Catalogue.Procedures.Count, opened.Catalogue.Provinces.Count, opened.Rejected.Count);
        logger.LogInformation("{WithAliases} procedures carry citizen aliases from index-data",
            opened.Catalogue.Procedures.Count(p => p.Aliases.Count > 0));
        foreach (var error in opened.Rejected.Take(20))
            logger.LogWarning("Rejected: {Error}", error.ToString());
        if (opened.Built is { } b)
            logger.LogInformation("Search index rebuilt: {Documents} documents in {Elapsed} ms ({Bytes} bytes)", b.Documents, (int)b.Elapsed.TotalMilliseconds, b.Bytes);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
