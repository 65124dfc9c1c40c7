using CitizenBot.Core.Demand;
using CitizenBot.Core.Tests.Catalogue;
using CitizenBot.Core.Tests.Search;

namespace CitizenBot.Core.Tests.Demand;

/// <summary>
/// The grouping of unmet questions measured on the tuning set written for it (tests/eval/unmet-clusters.tsv, by a
/// helper that read no engine code), each question searched in the national catalogue as `citizenbot cluster-eval`
/// does. The floors are the figures in the README, so a change that makes grouping worse fails.
/// </summary>
[Collection(NationalSearchCollection.Name)]
public sealed class ClusterEvaluationTests(NationalSearchFixture search)
{
    static readonly string TuningSet = Path.Combine(RepoFolders.Root, "tests", "eval", "unmet-clusters.tsv");

    [Fact]
    public void Pairwise_scores_are_computed_from_the_gold_groups()
    {
        LabelledQuestion Q(string question, string group) => new(question, group, "");
        // Two needs; the clusterer keeps the exact duplicates together and the unrelated one apart.
        var score = ClusterEvaluation.Score([Q("xin giấy phép nuôi chó", "cho"), Q("xin giay phep nuoi cho", "cho"), Q("giá vàng hôm nay", "vang")]);
        Assert.Equal((1.0, 1.0, 2), (score.Precision, score.Recall, score.Clusters));
    }

    [Fact]
    public void Pairwise_scores_count_wrongly_joined_and_wrongly_split_pairs()
    {
        LabelledQuestion Q(string question, string group) => new(question, group, "");
        // "chó" twice and "mèo" once, all found by the same words: one cluster of three, one of its three pairs right.
        var score = ClusterEvaluation.Score([Q("giấy phép nuôi chó", "cho"), Q("giay phep nuoi cho", "cho"), Q("giấy phép nuôi chó mèo", "meo")]);
        Assert.Equal((1, 1 / 3.0, 1.0), (score.Clusters, score.Precision, score.Recall));
    }

    [Fact]
    public void The_tuning_set_reads_whole_and_groups_paraphrases_at_least_as_well_as_measured()
    {
        var rows = ClusterEvaluation.Read(TuningSet);
        Assert.True(rows.Count >= 200, $"{rows.Count} rows");
        // What the log keeps of each question's search (normalized question, candidates): what the report clusters.
        var score = ClusterEvaluation.Score(rows.Where(r => !r.OutOfScope).ToList(), q => Searched.From(search.Search(q, Core.Dialogs.DialogActions.SearchTop)),
            storyWords: StoryWords.Load(search.Lexicon, RepoFolders.IndexData));
        Assert.True(score.Precision >= MeasuredPrecision - 0.005, $"precision {score.Precision:0.000}");
        Assert.True(score.Recall >= MeasuredRecall - 0.005, $"recall {score.Recall:0.000}");
    }

    // Public-service needs only, `citizenbot cluster-eval --catalogue ../shared/data/national-catalogue.jsonl` (README "Demand log").
    const double MeasuredPrecision = 0.887;
    const double MeasuredRecall = 0.493;
}
