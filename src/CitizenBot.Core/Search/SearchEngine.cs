using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CitizenBot.Core.Analysis;
using CitizenBot.Core.Catalogue;

namespace CitizenBot.Core.Search;

/// <summary>
/// Opens the search engine for a catalogue: reuses the index directory when its fingerprint (catalogue content, lexicon,
/// analysis version) matches, rebuilds it otherwise.
/// </summary>
public static class SearchEngine
{
    /// <summary>
    /// The analysis code's identity: the module version id changes whenever the engine is rebuilt from changed source,
    /// so an index built by an older analysis chain is never reused.
    /// </summary>
    public static string AnalysisVersion { get; } = typeof(VietnameseAnalyzer).Assembly.ManifestModule.ModuleVersionId.ToString("N");

    /// <param name="indexPath">The index directory.</param>
    public static (LuceneSearcher Searcher, IndexBuildReport? Built) Open(ICatalogue catalogue, Lexicon lexicon, string indexPath, bool forceRebuild = false)
    {
        var analyzer = new VietnameseAnalyzer(lexicon);
        IndexBuildReport? built = null;
        if (forceRebuild)
        {
            // Nothing to compare: the fingerprint is only written with the new commit, so it is computed while the
            // index builds (on the cores the build leaves idle: its collections and its final merge run on one).
            var fingerprint = Task.Run(() => Fingerprint(catalogue, lexicon));
            built = SearchIndexBuilder.Build(catalogue.Procedures, analyzer, indexPath, () => fingerprint.Result, force: true);
        }
        else
        {
            var fingerprint = Fingerprint(catalogue, lexicon);
            if (SearchIndexBuilder.ReadFingerprint(indexPath) != fingerprint)
                built = SearchIndexBuilder.Build(catalogue.Procedures, analyzer, indexPath, () => fingerprint, force: false);
        }
        return (new LuceneSearcher(indexPath, catalogue, analyzer), built);
    }

    /// <summary>
    /// Opens the catalogue at <paramref name="procedurePath"/> (<see cref="CatalogueLoader.Load"/>) with its search index.
    /// A national file is read while its index builds (<see cref="NationalCatalogueLoader"/>), and its index's
    /// fingerprint is that of the file's bytes and our curated procedures (<see cref="FileFingerprint"/>): reading
    /// them is enough to tell whether the index is current, without loading the catalogue first.
    /// </summary>
    public static (LoadedCatalogue Loaded, LuceneSearcher Searcher, IndexBuildReport? Built) Open(string procedurePath, string indexDataFolder,
        Lexicon lexicon, string indexPath, bool forceRebuild = false)
    {
        if (!File.Exists(procedurePath))
        {
            var loaded = CatalogueLoader.Load(procedurePath, indexDataFolder);
            var (searcher, built) = Open(loaded.Catalogue, lexicon, indexPath, forceRebuild);
            return (loaded, searcher, built);
        }
        var analyzer = new VietnameseAnalyzer(lexicon);
        var national = new NationalCatalogueLoader(procedurePath, indexDataFolder);
        IndexBuildReport? report = null;
        if (forceRebuild)
            // The bytes are hashed as they are read for the build; the fingerprint is only written with the commit.
            report = SearchIndexBuilder.Build(national, analyzer, indexPath, () => FileFingerprint(national.SourceDigest(), lexicon), force: true);
        else
        {
            var fingerprint = FileFingerprint(national.SourceDigest(), lexicon);
            if (SearchIndexBuilder.ReadFingerprint(indexPath) != fingerprint)
                report = SearchIndexBuilder.Build(national, analyzer, indexPath, () => fingerprint, force: false);
        }
        // Read by the build, or (the index being current) read now.
        var catalogue = national.Load();
        return (catalogue, new LuceneSearcher(indexPath, catalogue.Catalogue, analyzer), report);
    }

    /// <summary>The fingerprint of an index built from a national file (<see cref="NationalCatalogueLoader.SourceDigest"/>).</summary>
    static string FileFingerprint(string sourceDigest, Lexicon lexicon) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"file|{AnalysisVersion}|{lexicon.Fingerprint}|{sourceDigest}")))[..32];

    public static string Fingerprint(ICatalogue catalogue, Lexicon lexicon)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(AnalysisVersion + "|" + lexicon.Fingerprint + "|"));
        // Serialising is the cost (5 s of CPU at 100,000 procedures): done on every core, hashed in catalogue order.
        foreach (var serialized in catalogue.Procedures.AsParallel().AsOrdered().Select(p => JsonSerializer.SerializeToUtf8Bytes(p)))
            hash.AppendData(serialized);
        return Convert.ToHexString(hash.GetHashAndReset())[..32];
    }
}
