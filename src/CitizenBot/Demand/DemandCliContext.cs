using CitizenBot.Core.Analysis;
using CitizenBot.Core.Catalogue;
using CitizenBot.Core.Demand;
using CitizenBot.Core.Provinces;
using CitizenBot.Hosting;

namespace CitizenBot.Demand;

/// <summary>
/// What the report and admin commands open: the same configuration the host reads (appsettings.json, environment
/// variables such as Storage__PostgresConnectionString) with --data-dir on top, the demand store (schema migrated)
/// and the catalogue (for names; the search index is not needed).
/// </summary>
public sealed class DemandCliContext : IAsyncDisposable
{
    readonly DemandStorage _storage;

    DemandCliContext(DemandStorage storage, InMemoryCatalogue catalogue, string indexDataPath)
    {
        _storage = storage;
        Catalogue = catalogue;
        var lexicon = LexiconLoader.Load(Path.Combine(indexDataPath, "analysis"));
        Reports = new DemandReports(storage.Store, catalogue, lexicon, StoryWords.Load(lexicon, indexDataPath));
        ProvinceLists = new ProvinceListService(storage.Store, catalogue, catalogue.ServiceLists,
            CuratedProvinceLists.Load(indexDataPath, catalogue), TimeProvider.System);
    }

    public IDemandStore Store => _storage.Store;
    public ICatalogue Catalogue { get; }
    public DemandReports Reports { get; }
    /// <summary>Province lists: call <see cref="ProvinceListService.LoadAsync"/> first to put the curated and stored ones in force.</summary>
    public ProvinceListService ProvinceLists { get; }

    /// <param name="cataloguePath">Procedures (an index-data folder or a national JSONL file), when not the index-data folder's.</param>
    public static async Task<DemandCliContext> OpenAsync(string? dataDirectory, string? catalogueDirectory, CancellationToken ct, string? cataloguePath = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .Build();
        var storage = configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        if (dataDirectory is { Length: > 0 }) storage.DataDirectory = dataDirectory;
        var postgres = configuration.GetSection(StorageOptions.Section).Get<PostgresStorageOptions>() ?? new PostgresStorageOptions();
        var catalogueOptions = configuration.GetSection(CatalogueOptions.Section).Get<CatalogueOptions>() ?? new CatalogueOptions();
        if (catalogueDirectory is { Length: > 0 }) catalogueOptions.IndexDataPath = catalogueDirectory;
        if (cataloguePath is { Length: > 0 }) catalogueOptions.Path = cataloguePath;
        var catalogue = CatalogueLoader.Load(catalogueOptions.ResolvedPath, catalogueOptions.ResolvedIndexDataPath).Catalogue;
        var opened = DemandStorage.Open(storage, postgres);
        try
        {
            await opened.Store.InitializeAsync(ct);
        }
        catch
        {
            await opened.DisposeAsync();
            throw;
        }
        return new DemandCliContext(opened, catalogue, catalogueOptions.ResolvedIndexDataPath);
    }

    public ValueTask DisposeAsync() => _storage.DisposeAsync();
}
