using System.Globalization;
using System.Text.RegularExpressions;
using CitizenBot.Cli;
using CitizenBot.Tests.Infrastructure;
using CitizenBot.Tests.Search;
using Xunit.Abstractions;

namespace CitizenBot.Tests.Cli;

/// <summary>
/// `citizenbot eval ../shared/eval/dev-questions.tsv --catalogue ../shared/data/national-catalogue.jsonl`: the figures
/// the quality test asserts, printed for people. Reuses the national host's index file (same catalogue, same lexicon).
/// </summary>
[Collection(NationalHostCollection.Name)]
public sealed class NationalEvalCommandTests(NationalHostFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task Prints_CitizenBot_beside_plain_FTS5()
    {
        var run = await CliRunner.RunAsync("eval", RepoPaths.DevQuestions, "--catalogue", RepoPaths.NationalCatalogue,
            "--data-dir", fixture.DataDirectory, "-v");
        output.WriteLine(run.Output);

        Assert.True(run.ExitCode == ExitCodes.Ok, run.Error);
        Assert.Contains($"catalogue: {RepoPaths.NationalCatalogue} (2642 procedures); baseline over {RepoPaths.NationalCatalogue} (2642 documents)", run.Output);
        Assert.Contains("plain FTS5: top1 0.153 top3 0.339 mrr5 0.233 seen 0.136 wrong_confident 0.847 unmet_abstain 0.0", run.Output);
        var ours = Regex.Match(run.Output, @"(?m)^citizenbot: top1 (?<top1>[\d.]+) top3 (?<top3>[\d.]+) mrr5 [\d.]+ seen (?<seen>[\d.]+) wrong_confident (?<wrong>[\d.]+) unmet_abstain (?<abstain>[\d.]+)$");
        Assert.True(ours.Success, run.Output);
        Assert.True(double.Parse(ours.Groups["top1"].Value, CultureInfo.InvariantCulture) >= 0.90);
        Assert.True(double.Parse(ours.Groups["top3"].Value, CultureInfo.InvariantCulture) >= 0.97);
        Assert.True(double.Parse(ours.Groups["seen"].Value, CultureInfo.InvariantCulture) >= 0.95);
        Assert.True(double.Parse(ours.Groups["wrong"].Value, CultureInfo.InvariantCulture) <= 0.03);
        Assert.True(double.Parse(ours.Groups["abstain"].Value, CultureInfo.InvariantCulture) >= 0.90);
        Assert.Matches(@"(?m)^MISS d\d+ ", run.Output); // -v lists what it got wrong
    }
}
