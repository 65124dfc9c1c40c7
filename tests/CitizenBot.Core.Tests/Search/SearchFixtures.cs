using CitizenBot.Core.Analysis;
using CitizenBot.Core.Catalogue;
using CitizenBot.Core.Search;
using CitizenBot.Core.Tests.Catalogue;

namespace CitizenBot.Core.Tests.Search;

/// <summary>A catalogue with its lexicon and an index built for it in a temporary folder, as the host opens them.</summary>
public abstract class SearchFixture : IDisposable
{
    readonly TempFolder _folder = new();

    protected SearchFixture(string procedures)
    {
        Loaded = CatalogueLoader.Load(procedures, RepoFolders.IndexData);
        Lexicon = LexiconLoader.Load(RepoFolders.Analysis);
        var (searcher, built) = SearchEngine.Open(Loaded.Catalogue, Lexicon, Path.Combine(_folder.Path, "search-index.db"));
        Searcher = searcher;
        Built = built ?? throw new InvalidOperationException("A fresh folder must get a freshly built index.");
    }

    public LoadedCatalogue Loaded { get; }
    public InMemoryCatalogue Catalogue => Loaded.Catalogue;
    public Lexicon Lexicon { get; }
    public LuceneSearcher Searcher { get; }
    public IndexBuildReport Built { get; }

    public SearchResult Search(string question, int top = 5, string? province = null) =>
        Searcher.Search(new SearchRequest(question, top, province));

    public void Dispose()
    {
        _folder.Dispose();
        GC.SuppressFinalize(this);
    }
}

/// <summary>The curated catalogue of index-data/.</summary>
public sealed class CuratedSearchFixture() : SearchFixture(RepoFolders.IndexData);

/// <summary>The 2,642 procedures of ../shared/data/national-catalogue.jsonl.</summary>
public sealed class NationalSearchFixture() : SearchFixture(RepoFolders.NationalCatalogue);

[CollectionDefinition(Name)]
public sealed class CuratedSearchCollection : ICollectionFixture<CuratedSearchFixture>
{
    public const string Name = "Search over the curated catalogue";
}

[CollectionDefinition(Name)]
public sealed class NationalSearchCollection : ICollectionFixture<NationalSearchFixture>
{
    public const string Name = "Search over the national catalogue";
}
