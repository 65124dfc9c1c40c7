using System.Diagnostics;
using CitizenBot.Core.Search;
using CitizenBot.Core.Search.Evaluation;
using CitizenBot.Hosting;
using CitizenBot.Search;

namespace CitizenBot.Benchmarks;

/// <summary>
/// Loads a catalogue, builds its Lucene index from scratch (as `citizenbot index` does) and times the questions of
/// <see cref="Questions"/> one at a time: catalogue load, index build, per-query p50/p90/p99, queries/s, peak memory.
/// </summary>
static class SearchBenchmark
{
    public sealed record Settings(string Catalogue, string? IndexData, int Passes, int Top, string? Province, string? QuestionsFile = null);

    static readonly TimeSpan WarmUpTime = TimeSpan.FromSeconds(3);

    public static async Task<int> RunAsync(Settings settings, TextWriter output)
    {
        var dataDirectory = Directory.CreateTempSubdirectory("citizenbot-bench-search-").FullName;
        try
        {
            await using var memory = PeakMemory.Start();
            var catalogueOptions = new CatalogueOptions { Path = settings.Catalogue, IndexDataPath = settings.IndexData };
            var storage = new StorageOptions { DataDirectory = dataDirectory };
            output.WriteLine($"machine: {Machine.Describe()}");
            output.WriteLine($"catalogue: {catalogueOptions.ResolvedPath}");
            output.WriteLine($"index-data: {catalogueOptions.ResolvedIndexDataPath}");

            IReadOnlyList<string> questions = settings.QuestionsFile is { } file
                ? EvalQuestion.Load(file).Select(q => q.Question).ToList()
                : Questions.All;
            output.WriteLine($"questions: {questions.Count} from {settings.QuestionsFile ?? "the built-in benchmark set"}");

            var before = GcActivity.Now();
            var jitBefore = System.Runtime.JitInfo.GetCompilationTime();
            var total = Stopwatch.StartNew();
            var opened = CatalogueServices.Open(catalogueOptions, storage, forceRebuild: true);
            total.Stop();
            var opening = GcActivity.Now() - before;
            var built = opened.Built!;
            output.WriteLine($"procedures: {opened.Catalogue.Procedures.Count} ({opened.Rejected.Count} rejected)");
            // CPU beside wall time: on a shared machine the wall time says as much about the neighbours as about the build.
            output.WriteLine($"load + analyse + index: {total.Elapsed.TotalSeconds:0.00} s ({opening.Cpu.TotalSeconds:0.00} s CPU, all threads); " +
                             $"index build {built.Elapsed.TotalSeconds:0.00} s ({built.Documents} documents, {built.Bytes / (1024.0 * 1024.0):0.0} MiB index)");
            // The collector's share of the build: its pauses stop every indexing thread (workstation GC).
            output.WriteLine($"garbage collection while loading and building: {opening.Describe(opened.Catalogue.Procedures.Count)} (per procedure)");
            // JIT compilation is paid again by every start (unless the host is published ReadyToRun): say how much. The
            // runtime times it per compilation and sums over threads, so on a busy machine it includes waiting for a core.
            output.WriteLine($"time in JIT compilation while loading and building (elapsed, summed over threads): {(System.Runtime.JitInfo.GetCompilationTime() - jitBefore).TotalSeconds:0.00} s " +
                             $"({System.Runtime.JitInfo.GetCompiledMethodCount()} methods compiled so far)");
            var afterBuild = memory.PhasePeakBytes;

            // Warm-up, not counted in the steady-state figures: the page cache, JIT compilation, and the framework's
            // own methods, which tiered compilation recompiles once they are hot. A deployed host is past this within
            // its first minute; the first pass is reported separately.
            var cold = new LatencyRecorder();
            var warmUp = Stopwatch.StartNew();
            for (var pass = 0; pass == 0 || warmUp.Elapsed < WarmUpTime; pass++)
                foreach (var question in questions)
                {
                    var one = Stopwatch.StartNew();
                    opened.Searcher.Search(new SearchRequest(question, settings.Top, settings.Province));
                    if (pass == 0) cold.Add(one.Elapsed);
                }
            output.WriteLine($"first pass (cold: page cache, JIT compilation): {cold.Summarize()}");

            var latencies = new LatencyRecorder();
            var perQuestion = questions.Select(_ => new LatencyRecorder()).ToArray();
            var verdicts = new Dictionary<MatchVerdict, int>();
            var gcBefore = GcActivity.Now();
            var queries = Stopwatch.StartNew();
            for (var pass = 0; pass < settings.Passes; pass++)
                for (var q = 0; q < questions.Count; q++)
                {
                    var question = questions[q];
                    var one = Stopwatch.StartNew();
                    var result = opened.Searcher.Search(new SearchRequest(question, settings.Top, settings.Province));
                    latencies.Add(one.Elapsed);
                    perQuestion[q].Add(one.Elapsed);
                    if (pass == 0) verdicts[result.Match] = verdicts.GetValueOrDefault(result.Match) + 1;
                }
            queries.Stop();
            var gc = GcActivity.Now() - gcBefore;

            var summary = latencies.Summarize();
            output.WriteLine($"queries after {WarmUpTime.TotalSeconds:0} s warm-up ({questions.Count} questions x {settings.Passes} passes, one thread): {summary}");
            output.WriteLine($"throughput: {summary.Count / queries.Elapsed.TotalSeconds:0.0} queries/s on one thread");
            output.WriteLine($"garbage collection while querying: {gc.Describe(summary.Count)}");
            output.WriteLine($"verdicts: {string.Join(", ", verdicts.OrderBy(v => v.Key).Select(v => $"{v.Key.ToString().ToLowerInvariant()} {v.Value}"))}");
            // The tail is a few broad questions: name them, so the next change to search knows what to look at.
            output.WriteLine("slowest questions (median ms):");
            foreach (var (question, median) in questions.Select((q, i) => (q, perQuestion[i].Summarize().P50)).OrderByDescending(x => x.Item2).Take(5))
                output.WriteLine($"  {median,6:0.00}  {question}");
            output.WriteLine($"machine after: {Machine.Describe()}");
            output.WriteLine($"peak working set: {PeakMemory.Mib(memory.PhasePeakBytes)} (after build {PeakMemory.Mib(afterBuild)}); " +
                             $"managed heap now {PeakMemory.Mib(GC.GetTotalMemory(false))}");
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(dataDirectory, recursive: true); } catch (IOException) { }
        }
    }
}
