using System.CommandLine;
using System.Globalization;
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

    public ClusterEvalCommand() : base("cluster-eval", "Measure how the unmet-needs report groups paraphrases of one need (pairwise precision/recall).")
    {
        Add(File);
        SetAction(Run);
    }

    int Run(ParseResult result)
    {
        var path = result.GetValue(File)!;
        if (!System.IO.File.Exists(path))
        {
            Console.Error.WriteLine($"{path}: no such file");
            return ExitCodes.BadInput;
        }
        IReadOnlyList<LabelledQuestion> rows;
        try
        {
            rows = ClusterEvaluation.Read(path);
        }
        catch (FormatException e)
        {
            Console.Error.WriteLine(e.Message);
            return ExitCodes.BadInput;
        }
        Console.WriteLine($"{path}: {rows.Count} questions");
        Write("all rows", ClusterEvaluation.Score(rows));
        Write("public-service needs only", ClusterEvaluation.Score(rows.Where(r => !r.OutOfScope).ToList()));
        return ExitCodes.Ok;
    }

    static void Write(string label, ClusterScore s) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"  {label}: {s.Rows} questions, {s.GoldGroups} needs, {s.Clusters} clusters ({s.Singletons} single) — pairwise precision {s.Precision:0.000}, recall {s.Recall:0.000}, F1 {s.F1:0.000}"));
}
