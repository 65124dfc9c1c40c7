using CitizenBot.Core.Analysis;
using CitizenBot.Core.Catalogue;
using CitizenBot.Core.Search;
using CitizenBot.Hosting;
using Microsoft.Extensions.Options;

namespace CitizenBot.Search;

public static class SearchServices
{
    /// <summary>
    /// The catalogue and its search index, loaded and validated by a start-up step (<see cref="CatalogueStartup"/>,
    /// which readiness reports), so a bad catalogue file stops start-up with its file, record and field instead of
    /// failing on the first question.
    /// </summary>
    public static IServiceCollection AddCatalogueAndSearch(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CatalogueOptions>().Bind(configuration.GetSection(CatalogueOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<CatalogueOptions>, CatalogueOptionsValidator>();

        services.AddSingleton<CatalogueStartup>();
        services.AddHostedService(sp => sp.GetRequiredService<CatalogueStartup>());
        services.AddSingleton(sp => sp.GetRequiredService<CatalogueStartup>().Open());
        services.AddSingleton<ICatalogue>(sp => sp.GetRequiredService<OpenedCatalogue>().Catalogue);
        services.AddSingleton(sp => sp.GetRequiredService<OpenedCatalogue>().Lexicon);
        services.AddSingleton<ISearcher>(sp => sp.GetRequiredService<OpenedCatalogue>().Searcher);
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
        var lexicon = LexiconLoader.Load(Path.Combine(catalogue.ResolvedIndexDataPath, "analysis"));
        var (loaded, searcher, built) = SearchEngine.Open(catalogue.ResolvedPath, catalogue.ResolvedIndexDataPath, lexicon, storage.ResolvedIndexPath, forceRebuild);
        return new OpenedCatalogue(loaded.Catalogue, lexicon, searcher, built, loaded.Rejected, catalogue.ResolvedPath);
    }
}

/// <summary>
/// The start-up step that loads the catalogue and opens (or rebuilds) the index, once, whoever asks first (this step at
/// host start, or a service that needs the catalogue); says what was loaded, so operators see it in the log.
/// </summary>
public sealed class CatalogueStartup(IOptions<CatalogueOptions> catalogue, IOptions<StorageOptions> storage, ILogger<CatalogueStartup> logger) : IHostedService
{
    readonly Lazy<OpenedCatalogue> _opened = new(() => Load(catalogue.Value, storage.Value), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The catalogue once loaded, else null (readiness).</summary>
    public OpenedCatalogue? Loaded => _opened.IsValueCreated ? _opened.Value : null;

    public OpenedCatalogue Open() => _opened.Value;

    static OpenedCatalogue Load(CatalogueOptions catalogue, StorageOptions storage)
    {
        var opened = CatalogueServices.Open(catalogue, storage);
        // Loading parsed and analysed the whole catalogue; give that transient memory back to the OS now rather
        // than carrying it for the life of the process.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        return opened;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var opened = Open();
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
