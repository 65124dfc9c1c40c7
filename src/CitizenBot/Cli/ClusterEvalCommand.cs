using System.CommandLine;
using System.Globalization;
using CitizenBot.Core.Analysis;
using CitizenBot.Core.Demand;

namespace CitizenBot.Cli;

/// <summary>
/// `citizenbot cluster-eval [file]`: pairwise precision and recall of the unmet-needs grouping on a labelled set
/// (default tests/eval/unmet-clusters.tsv), for all rows and for public-service needs only (out-of-scope rows left out).
/// </summary>
public sealed class ClusterEvalCommand : Command
{
    public Argument<string> File { get; } = new("file")
    {
        Description = "Labelled questions: question<TAB>group<TAB>field, '#' comments",
        DefaultValueFactory = _ => Path.Combine("tests", "eval", "unmet-clusters.tsv"),
    };

    public Option<string?> Analysis { get; } = new("--analysis")
    {
        Description = "The analysis lexicon folder: questions are normalized as the search does before the log stores them (default index-data/analysis; \"none\" for raw text)",
    };

    public ClusterEvalCommand() : base("cluster-eval", "Measure how the unmet-needs report groups paraphrases of one need (pairwise precision/recall).")
    {
        Add(File); Add(Analysis);
        SetAction(Run);
    }

    int Run(ParseResult result)
    {
        var path = result.GetValue(File)!;
        if (InputFile.Read(path, ClusterEvaluation.Read) is not { } rows) return ExitCodes.BadInput;
        var folder = result.GetValue(Analysis) ?? Path.Combine("index-data", "analysis");
        Func<string, string>? normalize = null;
        if (folder != "none")
        {
            if (!Directory.Exists(folder))
            {
                Console.Error.WriteLine($"{folder}: no such folder (--analysis none clusters the raw text)");
                return ExitCodes.BadInput;
            }
            var analyzer = new VietnameseAnalyzer(LexiconLoader.Load(folder));
            normalize = q => analyzer.AnalyzeQuery(q, EmptyVocabulary.Instance).Normalized;
        }
        Console.WriteLine($"{path}: {rows.Count} questions, {(normalize is null ? "raw text" : "normalized with " + folder)}");
        Write("all rows", ClusterEvaluation.Score(rows, normalize));
        Write("public-service needs only", ClusterEvaluation.Score(rows.Where(r => !r.OutOfScope).ToList(), normalize));
        return ExitCodes.Ok;
    }

    static void Write(string label, ClusterScore s) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"  {label}: {s.Rows} questions, {s.GoldGroups} needs, {s.Clusters} clusters ({s.Singletons} single) — pairwise precision {s.Precision:0.000}, recall {s.Recall:0.000}, F1 {s.F1:0.000}"));
}
