using System.CommandLine;
using CitizenBot.Benchmarks;

// dotnet run -c Release --project tests/CitizenBot.Benchmarks -- load|search|synthetic|demandlog|reports [options]   (not run by CI)
var root = new RootCommand("CitizenBot benchmarks: Direct Line load, search latency and index build.")
{
    new LoadCommand(),
    new SearchCommand(),
    new SyntheticCommand(),
    new DemandLogCommand(),
    new ReportsCommand(),
};
return await root.Parse(args).InvokeAsync();

/// <summary>`load`: many concurrent Direct Line conversations against the in-process host.</summary>
sealed class LoadCommand : Command
{
    public Option<int> Conversations { get; } = new("--conversations") { Description = "Concurrent conversations", DefaultValueFactory = _ => 200 };
    public Option<int> Turns { get; } = new("--turns") { Description = "Questions per conversation", DefaultValueFactory = _ => 10 };
    public Option<string> Transport { get; } = new("--transport") { Description = "How replies are read: polling or websocket", DefaultValueFactory = _ => "polling" };
    public Option<int> PollMilliseconds { get; } = new("--poll-ms") { Description = "Polling interval (Web Chat's default is 1000, its minimum 200)", DefaultValueFactory = _ => 100 };
    public Option<double> Rate { get; } = new("--rate") { Description = "Turns per second offered by all conversations together, each asking on a fixed schedule (0: closed loop)", DefaultValueFactory = _ => 0 };
    public Option<int> WarmUpTurns { get; } = new("--warmup-turns") { Description = "Closed-loop turns per conversation run first and not counted (JIT, caches)", DefaultValueFactory = _ => 5 };
    public Option<int> ThinkMilliseconds { get; } = new("--think-ms") { Description = "Mean pause between a reply and the next question (±50%; starts are spread over one pause)", DefaultValueFactory = _ => 0 };
    public Option<int> TimeoutSeconds { get; } = new("--timeout") { Description = "Seconds a turn may take before it counts as an error", DefaultValueFactory = _ => 30 };
    public Option<string?> Catalogue { get; } = new("--catalogue") { Description = "Catalogue the host serves (default: index-data/)" };
    public Option<Uri[]> Url { get; } = new("--url")
    {
        CustomParser = result => [.. result.Tokens.Select(token => Uri.TryCreate(token.Value, UriKind.Absolute, out var url) && url.Scheme is "http" or "https"
            ? url
            : Fail(result, "--url must be an absolute http:// or https:// address.")!)],
        AllowMultipleArgumentsPerToken = false,
        Description = "Drive a host started separately (e.g. http://127.0.0.1:5500; start it with the settings `load --print-host-args` shows) instead of " +
                      "one in this process; repeat it for replicas on one PostgreSQL (each request goes to the next in turn; see load-separate.sh)",
    };
    public Option<string?> Timeline { get; } = new("--timeline") { Description = "Write every measured turn's due, sent and answered times (seconds of the run) to this TSV file" };
    public Option<bool> PrintHostArguments { get; } = new("--print-host-args") { Description = "Print the settings a host driven with --url needs, and exit" };

    public LoadCommand() : base("load", "Drive concurrent Direct Line conversations against the real host on 127.0.0.1.")
    {
        Add(Conversations); Add(Turns); Add(Transport); Add(PollMilliseconds); Add(ThinkMilliseconds); Add(TimeoutSeconds); Add(Catalogue); Add(Rate); Add(WarmUpTurns);
        Add(Url); Add(Timeline); Add(PrintHostArguments);
        Transport.AcceptOnlyFromAmong("polling", "websocket");
        Validators.Add(result =>
        {
            if (result.GetResult(Url) is not null && result.GetResult(Catalogue) is not null)
                result.AddError("--catalogue is for the host in this process; a host given by --url serves its own.");
        });
        SetAction((result, _) => result.GetValue(PrintHostArguments)
            ? Task.FromResult(PrintHostArgs())
            : LoadBenchmark.RunAsync(new LoadBenchmark.Settings(
            result.GetValue(Conversations), result.GetValue(Turns), result.GetValue(Transport)!, Math.Max(1, result.GetValue(PollMilliseconds)),
            result.GetValue(ThinkMilliseconds), result.GetValue(TimeoutSeconds), result.GetValue(Catalogue), Math.Max(0, result.GetValue(Rate)), Math.Max(0, result.GetValue(WarmUpTurns)), result.GetValue(Url), result.GetValue(Timeline)), Console.Out));
    }

    static Uri? Fail(System.CommandLine.Parsing.ArgumentResult result, string message)
    {
        result.AddError(message);
        return null;
    }

    static int PrintHostArgs()
    {
        Console.WriteLine(string.Join(' ', LoadBenchmark.HostArguments));
        return 0;
    }
}

/// <summary>`search`: index build and query latency on a catalogue file or folder.</summary>
sealed class SearchCommand : Command
{
    public Option<string> Catalogue { get; } = new("--catalogue") { Description = "National-portal JSONL file or index-data folder", Required = true };
    public Option<string?> IndexData { get; } = new("--index-data") { Description = "Curated folder with provinces and analysis/ (default: the repository's index-data/)" };
    public Option<int> Passes { get; } = new("--passes") { Description = "Times each question is asked", DefaultValueFactory = _ => 30 };
    public Option<int> Top { get; } = new("--top") { Description = "Results per query", DefaultValueFactory = _ => 5 };
    public Option<string?> Province { get; } = new("--province") { Description = "Province for links" };
    public Option<string?> QuestionsFile { get; } = new("--questions") { Description = "Time the questions of an evaluation TSV (e.g. ../shared/eval/dev-questions.tsv) instead of the built-in ones" };

    public SearchCommand() : base("search", "Build the index of a catalogue and time the benchmark questions against it.")
    {
        Add(Catalogue); Add(IndexData); Add(Passes); Add(Top); Add(Province); Add(QuestionsFile);
        SetAction((result, _) => SearchBenchmark.RunAsync(new SearchBenchmark.Settings(result.GetValue(Catalogue)!, result.GetValue(IndexData),
            result.GetValue(Passes), result.GetValue(Top), result.GetValue(Province), result.GetValue(QuestionsFile)), Console.Out));
    }
}

/// <summary>`synthetic`: a generated national-portal catalogue of N procedures, then the search benchmark on it.</summary>
sealed class SyntheticCommand : Command
{
    public Option<int> Count { get; } = new("--count") { Description = "Procedures to generate", DefaultValueFactory = _ => 100_000 };
    public Option<string?> Source { get; } = new("--source") { Description = "National catalogue whose vocabulary is recombined (default: ../shared/data/national-catalogue.jsonl)" };
    public Option<int> Seed { get; } = new("--seed") { Description = "Random seed", DefaultValueFactory = _ => 42 };
    public Option<int> Passes { get; } = new("--passes") { Description = "Times each question is asked", DefaultValueFactory = _ => 10 };
    public Option<bool> Keep { get; } = new("--keep") { Description = "Keep the generated JSONL file" };

    public SyntheticCommand() : base("synthetic", "Generate a large catalogue from the national one's vocabulary and benchmark index build and search on it.")
    {
        Add(Count); Add(Source); Add(Seed); Add(Passes); Add(Keep);
        SetAction(RunAsync);
    }

    async Task<int> RunAsync(ParseResult result, CancellationToken cancellationToken)
    {
        var count = result.GetValue(Count);
        if (count < 1 || count > SyntheticCatalogue.MaxCount)
        {
            Console.Error.WriteLine($"--count must be between 1 and {SyntheticCatalogue.MaxCount}.");
            return 2;
        }
        var source = result.GetValue(Source) ?? RepositoryPaths.NationalCatalogue;
        if (!File.Exists(source))
        {
            Console.Error.WriteLine($"{source}: no such file (give --source).");
            return 2;
        }
        var path = Path.Combine(Path.GetTempPath(), $"citizenbot-synthetic-{count}-{result.GetValue(Seed)}.jsonl");
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var generator = SyntheticCatalogue.FromNationalCatalogue(source);
        var bytes = generator.Write(path, count, result.GetValue(Seed));
        Console.WriteLine($"generated {count} procedures from the vocabulary of {generator.SourceRecords} in {watch.Elapsed.TotalSeconds:0.0} s: {path} ({bytes / (1024.0 * 1024.0):0} MiB)");
        generator = null;
        GC.Collect();
        try
        {
            return await SearchBenchmark.RunAsync(new SearchBenchmark.Settings(path, null, result.GetValue(Passes), 5, null), Console.Out);
        }
        finally
        {
            if (!result.GetValue(Keep)) File.Delete(path);
        }
    }
}

/// <summary>The national catalogue in ../shared beside the checkout.</summary>
static class RepositoryPaths
{
    public static string NationalCatalogue => Path.Combine(global::CitizenBot.Testing.RepositoryRoot.Shared, "data", "national-catalogue.jsonl");
}
