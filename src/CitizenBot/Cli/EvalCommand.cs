using System.CommandLine;
using CitizenBot.Core.Search.Evaluation;
using CitizenBot.Search;

namespace CitizenBot.Cli;

/// <summary>
/// `citizenbot eval questions.tsv [--catalogue P] [--baseline FILE] [-v]`: scores the searcher on a labelled question
/// set and prints it beside the plain-FTS5 baseline, computed as ../shared/tools/searcheval.py computes both. The
/// baseline reads the national-portal file: --baseline, else the catalogue when it is such a file, else the loaded
/// procedures (name, field, steps).
/// </summary>
public sealed class EvalCommand : Command
{
    public Argument<string> Questions { get; } = new("questions") { Description = "A question file: id TAB expect TAB codes TAB question (../shared/eval/dev-questions.tsv)" };
    public Option<string?> Baseline { get; } = new("--baseline") { Description = "National-portal JSONL file for the plain-FTS5 baseline (default: the catalogue)" };
    public Option<bool> Verbose { get; } = new("--verbose", "-v") { Description = "List every question CitizenBot got wrong" };
    public CommonOptions Common { get; } = new();

    public EvalCommand() : base("eval", "Measure search quality on a labelled question set, beside a plain FTS5 baseline.")
    {
        Add(Questions); Add(Baseline); Add(Verbose);
        Common.AddTo(this);
        SetAction(Run);
    }

    int Run(ParseResult result)
    {
        var path = result.GetValue(Questions)!;
        if (InputFile.Read(path, EvalQuestion.Load) is not { } questions) return ExitCodes.BadInput;
        var (catalogueOptions, storage) = Common.Resolve(result);
        var opened = CatalogueServices.Open(catalogueOptions, storage);
        var baselineFile = result.GetValue(Baseline) ?? (File.Exists(opened.Source) ? opened.Source : null);
        if (baselineFile is not null && !File.Exists(baselineFile))
        {
            Console.Error.WriteLine($"{baselineFile}: no such file");
            return ExitCodes.BadInput;
        }

        var ours = SearchEvaluator.Evaluate(new SearcherUnderEvaluation(opened.Searcher), questions);
        using var baseline = baselineFile is not null
            ? BaselineSearcher.FromNationalFile(baselineFile)
            : BaselineSearcher.FromProcedures(opened.Catalogue.Procedures);
        var plain = SearchEvaluator.Evaluate(baseline, questions);

        Console.WriteLine($"questions: {path}");
        Console.WriteLine($"catalogue: {opened.Source} ({opened.Catalogue.Procedures.Count} procedures); baseline over {baselineFile ?? "the same procedures"} ({baseline.Documents} documents)");
        Console.WriteLine();
        Console.WriteLine(EvalTable.Format([ours, plain]));
        Console.WriteLine();
        Console.WriteLine($"{ours.Engine}: {ours.SummaryLine}");
        Console.WriteLine($"{plain.Engine}: {plain.SummaryLine}");
        if (result.GetValue(Verbose))
            foreach (var line in EvalTable.Misses(ours))
                Console.WriteLine(line);
        return ExitCodes.Ok;
    }
}
