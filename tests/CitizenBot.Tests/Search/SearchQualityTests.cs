using CitizenBot.Core.Search;
using CitizenBot.Core.Search.Evaluation;
using CitizenBot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace CitizenBot.Tests.Search;

/// <summary>
/// The dev set (../shared/eval/dev-questions.tsv) through the searcher the host serves over the national catalogue,
/// scored as ../shared/tools/searcheval.py scores it, beside the tool's plain-FTS5 baseline. The figures are printed
/// to the test output; the floors are what the engine reached when this test was written.
/// </summary>
[Collection(NationalHostCollection.Name)]
public sealed class SearchQualityTests(NationalHostFixture fixture, ITestOutputHelper output)
{
    const double MinTop1 = 0.90;
    const double MinTop3 = 0.97;
    const double MinAbstain = 0.90;
    const double MinSeen = 0.95;
    const double MaxWrongConfident = 0.03;

    [Fact]
    public void The_dev_set_is_answered_well_and_far_better_than_plain_FTS5()
    {
        var questions = EvalQuestion.Load(RepoPaths.DevQuestions);
        var searcher = fixture.Host.Services.GetRequiredService<ISearcher>();

        var ours = SearchEvaluator.Evaluate(new SearcherUnderEvaluation(searcher), questions);
        using var baseline = BaselineSearcher.FromNationalFile(RepoPaths.NationalCatalogue);
        var plain = SearchEvaluator.Evaluate(baseline, questions);

        output.WriteLine(EvalTable.Format([ours, plain]));
        output.WriteLine("");
        output.WriteLine($"{ours.Engine}: {ours.SummaryLine}");
        output.WriteLine($"{plain.Engine}: {plain.SummaryLine}");
        foreach (var miss in EvalTable.Misses(ours)) output.WriteLine(miss);

        Assert.Equal(2642, baseline.Documents);
        Assert.True(ours.Top1 >= MinTop1, $"top1 {ours.Top1:0.000} < {MinTop1}");
        Assert.True(ours.Top3 >= MinTop3, $"top3 {ours.Top3:0.000} < {MinTop3}");
        Assert.True(ours.UnmetAbstain >= MinAbstain, $"unmet abstention {ours.UnmetAbstain:0.000} < {MinAbstain}");
        Assert.True(ours.Seen >= MinSeen, $"seen {ours.Seen:0.000} < {MinSeen}");
        Assert.True(ours.WrongConfident <= MaxWrongConfident, $"wrong_confident {ours.WrongConfident:0.000} > {MaxWrongConfident}");
        Assert.True(ours.Top1 > plain.Top1 + 0.5, "the Vietnamese analysis should be far ahead of plain FTS5");
    }

    [Fact]
    public void The_baseline_matches_the_tool()
    {
        // python3 ../shared/tools/searcheval.py ../shared/eval/dev-questions.tsv --baseline ../shared/data/national-catalogue.jsonl
        // printed "top1 0.153 top3 0.339 mrr5 0.233 seen 0.136 wrong_confident 0.847 unmet_abstain 0.0" on this data (2026-12-04).
        using var baseline = BaselineSearcher.FromNationalFile(RepoPaths.NationalCatalogue);
        var report = SearchEvaluator.Evaluate(baseline, EvalQuestion.Load(RepoPaths.DevQuestions));
        output.WriteLine(report.SummaryLine);
        Assert.Equal("top1 0.153 top3 0.339 mrr5 0.233 seen 0.136 wrong_confident 0.847 unmet_abstain 0.0", report.SummaryLine);
    }
}
