using System.CommandLine;
using System.Globalization;
using CitizenBot.Core.Demand;
using CitizenBot.Core.Search;
using CitizenBot.Search;

namespace CitizenBot.Cli;

/// <summary>
/// `citizenbot cluster-eval [file] [--catalogue P]`: pairwise precision and recall of the unmet-needs grouping on a
/// labelled set (default tests/eval/unmet-clusters.tsv), for all rows and for public-service needs only (out-of-scope
/// rows left out). Each question is searched as the bot searches it, and grouped from what the demand log keeps of
/// that search (normalized question, candidates), as the unmet-needs report groups it, with the words the report
/// reads (<see cref="StoryWords.Load"/>).
/// </summary>
public sealed class ClusterEvalCommand : Command
{
    public Argument<string> File { get; } = new("file")
    {
        Description = "Labelled questions: question<TAB>group<TAB>field, '#' comments",
        DefaultValueFactory = _ => Path.Combine("tests", "eval", "unmet-clusters.tsv"),
    };

    public Option<bool> Raw { get; } = new("--raw") { Description = "Group the raw questions, without the search (no normalization, no candidates)" };
    public Option<double?> Threshold { get; } = new("--threshold") { Description = $"How alike a question must be to a cluster member to join it (default {ClusterSettings.Default.Threshold})" };
    public Option<double?> CandidateWeight { get; } = new("--candidate-weight") { Description = $"What a shared search candidate counts against a shared word (default {ClusterSettings.Default.CandidateWeight})" };
    public Option<int?> Candidates { get; } = new("--candidates") { Description = $"Search candidates per question used (default {ClusterSettings.Default.Candidates}; 0: words only)" };
    public Option<double?> BigramWeight { get; } = new("--bigram-weight") { Description = $"What two need words side by side count against one (default {ClusterSettings.Default.BigramWeight}; 0: words alone)" };
    public Option<double?> LoneWeight { get; } = new("--lone-weight") { Description = $"What a word only one question has counts against its rarity's weight (default {ClusterSettings.Default.LoneWeight}; 1: as any word)" };
    public Option<bool> LexiconOnly { get; } = new("--lexicon-only") { Description = "Spell out no initials (index-data/demand/abbreviations.txt) and keep no needs apart (contradictions.txt): the lexicon's story words alone" };
    public Option<bool> NoContradictions { get; } = new("--no-contradictions") { Description = "Keep no needs apart by their contradicting requests or numbers (index-data/demand/contradictions.txt)" };
    public CommonOptions Common { get; } = new();

    public ClusterEvalCommand() : base("cluster-eval", "Measure how the unmet-needs report groups paraphrases of one need (pairwise precision/recall).")
    {
        Add(File); Add(Raw); Add(Threshold); Add(CandidateWeight); Add(Candidates); Add(BigramWeight); Add(LoneWeight); Add(LexiconOnly); Add(NoContradictions);
        Common.AddTo(this);
        SetAction(Run);
    }

    int Run(ParseResult result)
    {
        var path = result.GetValue(File)!;
        if (InputFile.Read(path, ClusterEvaluation.Read) is not { } rows) return ExitCodes.BadInput;
        var defaults = ClusterSettings.Default;
        var settings = new ClusterSettings(result.GetValue(Threshold) ?? defaults.Threshold,
            result.GetValue(CandidateWeight) ?? defaults.CandidateWeight, result.GetValue(Candidates) ?? defaults.Candidates,
            result.GetValue(BigramWeight) ?? defaults.BigramWeight, result.GetValue(LoneWeight) ?? defaults.LoneWeight);
        if (settings.Threshold is <= 0 or > 1 || settings.CandidateWeight < 0 || settings.Candidates < 0 || settings.BigramWeight < 0 || settings.LoneWeight is < 0 or > 1)
        {
            Console.Error.WriteLine("--threshold must be in (0, 1], --lone-weight in [0, 1], --candidate-weight, --candidates, and --bigram-weight at least 0");
            return ExitCodes.BadInput;
        }
        Func<string, Searched>? search = null;
        StoryWords? storyWords = null;
        var source = "raw text";
        if (!result.GetValue(Raw))
        {
            var (catalogueOptions, storage) = Common.Resolve(result);
            var opened = CatalogueServices.Open(catalogueOptions, storage);
            search = q => Search(opened.Searcher, q);
            var lexiconOnly = result.GetValue(LexiconOnly);
            var noContradictions = lexiconOnly || result.GetValue(NoContradictions);
            storyWords = lexiconOnly ? StoryWords.From(opened.Lexicon) : StoryWords.Load(opened.Lexicon, catalogueOptions.ResolvedIndexDataPath);
            if (noContradictions) storyWords = storyWords.With(Contradictions.None);
            source = $"searched in {opened.Source} ({opened.Catalogue.Procedures.Count} procedures), the lexicon's stop and weak words left out"
                + (lexiconOnly ? "" : ", index-data/demand's initials spelled out") + (noContradictions ? "" : ", needs kept apart by its contradictions");
        }
        Console.WriteLine($"{path}: {rows.Count} questions, {source}; {settings}");
        Write("all rows", ClusterEvaluation.Score(rows, search, settings, storyWords));
        Write("public-service needs only", ClusterEvaluation.Score(rows.Where(r => !r.OutOfScope).ToList(), search, settings, storyWords));
        return ExitCodes.Ok;
    }

    /// <summary>What the dialogs keep of a question's search (DialogActions.SearchTop candidates); a question the search refuses keeps nothing.</summary>
    static Searched Search(ISearcher searcher, string question)
    {
        try
        {
            return Searched.From(searcher.Search(new SearchRequest(question, Core.Dialogs.DialogActions.SearchTop, null)));
        }
        catch (InvalidQueryException)
        {
            return new Searched("", []);
        }
    }

    static void Write(string label, ClusterScore s) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"  {label}: {s.Rows} questions, {s.GoldGroups} needs, {s.Clusters} clusters ({s.Singletons} single) — pairwise precision {s.Precision:0.000}, recall {s.Recall:0.000}, F1 {s.F1:0.000}"));
}
