using System.Collections.Concurrent;
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
    public static IndexBuildReport? Build(IReadOnlyList<Procedure> procedures, VietnameseAnalyzer analyzer, string path, Func<string> fingerprint, bool force = true) =>
        Build(analyzer, path, fingerprint, force, writer =>
        {
            // Each procedure is analysed and handed to the writer as it goes: nothing is held for the whole catalogue.
            Parallel.For(0, procedures.Count, i => writer.AddDocument(ToDocument(i, procedures[i], analyzer)));
            return procedures.Count;
        });

    /// <summary>
    /// Builds the index of a national file while it is being read: the procedures are indexed as their lines are
    /// parsed (<see cref="NationalCatalogueLoader.Read"/>), then those our words reached after the fact are indexed
    /// again in their final form (<see cref="NationalCatalogueLoader.Revised"/>), replacing the first.
    /// </summary>
    /// <param name="fingerprint">As for the other overload; a forced build asks for it once the file is read.</param>
    public static IndexBuildReport? Build(NationalCatalogueLoader catalogue, VietnameseAnalyzer analyzer, string path, Func<string> fingerprint, bool force = true) =>
        Build(analyzer, path, fingerprint, force, writer =>
        {
            var count = 0;
            InParallel(catalogue.Read(), item =>
            {
                writer.AddDocument(ToDocument(item.Row, item.Procedure, analyzer));
                Interlocked.Increment(ref count);
            });
            // After every first addition: a replacement deletes only the documents added before it.
            Parallel.ForEach(catalogue.Revised(), item =>
            {
                var document = ToDocument(item.Row, item.Procedure, analyzer);
                if (item.Replaces) writer.UpdateDocument(new Term(SearchIndex.Code, item.Procedure.Code), document);
                else
                {
                    writer.AddDocument(document);
                    Interlocked.Increment(ref count);
                }
            });
            return count;
        });

    static Lucene.Net.Documents.Document ToDocument(int row, Procedure procedure, VietnameseAnalyzer analyzer) =>
        SearchIndex.ToDocument(row, IndexedDocument.From(procedure, analyzer));

    /// <param name="write">Adds every document; returns how many.</param>
    static IndexBuildReport? Build(VietnameseAnalyzer analyzer, string path, Func<string> fingerprint, bool force, Func<IndexWriter, int> write)
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
        int documents;
        try
        {
            documents = write(writer);
            // One segment: a query walks one term dictionary, and doc values are read without a per-segment look-up
            // (left at two segments, the 100,000 synthetic catalogue's query p99 was 106-147 ms against 14-16 ms merged,
            // load 30-50, README "Indexing, session 9"); replaced level variants leave deletions only a merge drops.
            writer.ForceMerge(1);
            writer.SetCommitData(new Dictionary<string, string>
            {
                [SearchIndex.FingerprintKey] = fingerprint(),
                ["built_utc"] = DateTime.UtcNow.ToString("O"),
                ["documents"] = documents.ToString(System.Globalization.CultureInfo.InvariantCulture),
            });
            writer.Commit();
        }
        catch
        {
            // Disposing a writer commits what it holds: a failed build (a catalogue that cannot be read) leaves the old commit.
            writer.Rollback();
            throw;
        }
        var bytes = directory.ListAll().Sum(directory.FileLength);
        return new IndexBuildReport(path, documents, watch.Elapsed, bytes);
    }

    /// <summary>How many items the reading thread hands over at once (<see cref="InParallel"/>).</summary>
    const int HandOver = 32;

    /// <summary>
    /// Runs <paramref name="body"/> on every item on every core while one thread takes the items from
    /// <paramref name="source"/> (a file being parsed): at most a few hundred items wait between the two. Items are
    /// handed over <see cref="HandOver"/> at a time: one at a time, the reading thread, nearly always waiting for room,
    /// spun before each wait (<c>SemaphoreSlim</c> spins and yields before it blocks), most of its life (16 of its 17 s
    /// sampled at 20,000 procedures, README "Indexing, session 10"), on the cores the analysis needs.
    /// </summary>
    static void InParallel<T>(IEnumerable<T> source, Action<T> body)
    {
        using var queue = new BlockingCollection<T[]>(boundedCapacity: 8);
        using var failed = new CancellationTokenSource();
        var producer = Task.Factory.StartNew(() =>
        {
            try
            {
                foreach (var chunk in source.Chunk(HandOver)) queue.Add(chunk, failed.Token);
            }
            finally
            {
                queue.CompleteAdding();
            }
        }, TaskCreationOptions.LongRunning);
        var consumers = Enumerable.Range(0, Environment.ProcessorCount).Select(_ => Task.Factory.StartNew(() =>
        {
            try
            {
                foreach (var chunk in queue.GetConsumingEnumerable(failed.Token))
                    foreach (var item in chunk) body(item);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                failed.Cancel();
                throw;
            }
        }, TaskCreationOptions.LongRunning)).ToArray();
        try
        {
            Task.WaitAll([producer, .. consumers]);
        }
        catch (AggregateException e)
        {
            // The first real failure, not the cancellations it caused.
            var cause = e.Flatten().InnerExceptions.FirstOrDefault(x => x is not OperationCanceledException) ?? e.InnerExceptions[0];
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(cause).Throw();
        }
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
