using System.Diagnostics;
using CitizenBot.Core.Analysis;
using CitizenBot.Core.Catalogue;
using Lucene.Net.Index;
using Lucene.Net.Store;

namespace CitizenBot.Core.Search;

/// <summary>
/// Builds the Lucene index directory from the catalogue. The new index is one Lucene commit: readers keep the old
/// commit until it is complete, and a crash mid-build leaves the old one intact. Builders of the same directory
/// (test hosts, replicas starting together) take turns on Lucene's write lock; one that finds the index already
/// current once it holds the lock does not build it again.
/// </summary>
public static class SearchIndexBuilder
{
    /// <summary>How long a builder waits for another one building the same directory.</summary>
    static readonly TimeSpan WriteLockWait = TimeSpan.FromMinutes(10);

    /// <param name="fingerprint">What the index is built from (<see cref="SearchEngine.Fingerprint"/>), written with the
    /// commit; asked for before building only without <paramref name="force"/>, so a forced build may compute it meanwhile.</param>
    /// <returns>What was built, or null when another builder made the index current meanwhile (only without <paramref name="force"/>).</returns>
    public static IndexBuildReport? Build(IReadOnlyList<Procedure> procedures, VietnameseAnalyzer analyzer, string path, Func<string> fingerprint, bool force = true)
    {
        var watch = Stopwatch.StartNew();
        // A file where the index directory belongs (an FTS5 index of an older version, anything else) is not an index.
        if (File.Exists(path)) File.Delete(path);
        System.IO.Directory.CreateDirectory(path);
        using var directory = FSDirectory.Open(path);
        using var writer = OpenWriter(directory, path, analyzer);
        if (!force && SearchIndex.ReadFingerprint(directory) == fingerprint())
        {
            writer.Rollback();
            return null;
        }
        // Each procedure is analysed and handed to the writer as it goes: nothing is held for the whole catalogue.
        Parallel.For(0, procedures.Count, i => writer.AddDocument(SearchIndex.ToDocument(i, IndexedDocument.From(procedures[i], analyzer))));
        // One segment: a query walks one term dictionary, and doc values are read without a per-segment look-up.
        writer.ForceMerge(1);
        writer.SetCommitData(new Dictionary<string, string>
        {
            [SearchIndex.FingerprintKey] = fingerprint(),
            ["built_utc"] = DateTime.UtcNow.ToString("O"),
            ["documents"] = procedures.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        writer.Commit();
        var bytes = directory.ListAll().Sum(directory.FileLength);
        return new IndexBuildReport(path, procedures.Count, watch.Elapsed, bytes);
    }

    static IndexWriter OpenWriter(FSDirectory directory, string path, VietnameseAnalyzer analyzer)
    {
        IndexWriterConfig Config() => new(SearchIndex.Version, analyzer)
        {
            OpenMode = OpenMode.CREATE,
            Similarity = SearchIndex.Similarity(),
            RAMBufferSizeMB = 64,
            WriteLockTimeout = (long)WriteLockWait.TotalMilliseconds,
        };
        try
        {
            return new IndexWriter(directory, Config());
        }
        catch (IOException e) when (e is not LockObtainFailedException)
        {
            // A damaged index (Lucene reads every commit point even to replace them): start from an empty directory.
            foreach (var file in new DirectoryInfo(path).GetFiles()) file.Delete();
            return new IndexWriter(directory, Config());
        }
    }

    /// <summary>The fingerprint of the index at <paramref name="path"/>, or null when there is no readable index.</summary>
    public static string? ReadFingerprint(string path)
    {
        if (!System.IO.Directory.Exists(path)) return null;
        using var directory = FSDirectory.Open(path);
        return SearchIndex.ReadFingerprint(directory);
    }
}

public sealed record IndexBuildReport(string Path, int Documents, TimeSpan Elapsed, long Bytes);
