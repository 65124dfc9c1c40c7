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
        var fingerprint = Fingerprint(catalogue, lexicon);
        IndexBuildReport? built = null;
        if (forceRebuild || SearchIndexBuilder.ReadFingerprint(indexPath) != fingerprint)
            built = SearchIndexBuilder.Build(catalogue.Procedures, analyzer, indexPath, fingerprint, force: forceRebuild);
        return (new LuceneSearcher(indexPath, catalogue, analyzer), built);
    }

    public static string Fingerprint(ICatalogue catalogue, Lexicon lexicon)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(AnalysisVersion + "|" + lexicon.Fingerprint + "|"));
        foreach (var procedure in catalogue.Procedures)
            hash.AppendData(JsonSerializer.SerializeToUtf8Bytes(procedure));
        return Convert.ToHexString(hash.GetHashAndReset())[..32];
    }
}
