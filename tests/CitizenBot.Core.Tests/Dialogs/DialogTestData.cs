using CitizenBot.Core.Analysis;
using CitizenBot.Core.Catalogue;
using CitizenBot.Core.Dialogs;
using CitizenBot.Core.Search;

namespace CitizenBot.Core.Tests.Dialogs;

/// <summary>
/// The repository's own curated catalogue, lexicon and dialogs, with the search index built once into a temporary
/// folder: the bot under test searches exactly what it would in production.
/// </summary>
public sealed class DialogTestData : IDisposable
{
    public DialogTestData()
    {
        Root = global::CitizenBot.Testing.RepositoryRoot.Path;
        var indexData = Path.Combine(Root, "index-data");
        Folder = Directory.CreateTempSubdirectory("citizenbot-dialogs-").FullName;
        Catalogue = CatalogueLoader.Load(indexData, indexData).Catalogue;
        var lexicon = LexiconLoader.Load(Path.Combine(indexData, "analysis"));
        Searcher = SearchEngine.Open(Catalogue, lexicon, Path.Combine(Folder, "index.db")).Searcher;
        Dialogs = DialogSet.Load(DialogsFolder);
    }

    public string Root { get; }
    public string DialogsFolder => Path.Combine(Root, "dialogs");
    public string TranscriptsFolder => Path.Combine(Root, "tests", "CitizenBot.Core.Tests", "Dialogs", "Transcripts");
    /// <summary>A temporary folder deleted with the fixture (index, conversation databases).</summary>
    public string Folder { get; }
    public ICatalogue Catalogue { get; }
    public ISearcher Searcher { get; }
    public DialogSet Dialogs { get; }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

[CollectionDefinition(Name)]
public sealed class DialogTestCollection : ICollectionFixture<DialogTestData>
{
    public const string Name = "Dialogs with the curated catalogue";
}
