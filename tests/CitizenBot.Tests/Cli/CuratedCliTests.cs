using System.Text.Json;
using CitizenBot.Cli;
using CitizenBot.Tests.Infrastructure;

namespace CitizenBot.Tests.Cli;

/// <summary>A data folder shared by the CLI tests over the curated catalogue, so the index is built once.</summary>
public sealed class CliDataFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("citizenbot-cli-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

/// <summary>`citizenbot index`, `search` and `eval` over the curated catalogue.</summary>
public sealed class CuratedCliTests(CliDataFolder data) : IClassFixture<CliDataFolder>
{
    [Fact]
    public async Task Index_builds_the_lucene_index_and_says_what_it_did()
    {
        var run = await CliRunner.RunAsync("index", "--data-dir", data.Path);

        Assert.True(run.ExitCode == ExitCodes.Ok, run.Error);
        Assert.Matches(@"^\d{3} procedures indexed from .*index-data into .*search-index in \d+ ms \(\d+ KiB\); 0 records rejected\.", run.Output);
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(data.Path, "search-index"), "segments_*"));
    }

    [Fact]
    public async Task Search_explain_shows_the_concepts_lucene_retrieval_and_ranking_features()
    {
        var run = await CliRunner.RunAsync("search", "lam giay khai sinh cho con", "--explain", "--top", "1", "--data-dir", data.Path);

        Assert.True(run.ExitCode == ExitCodes.Ok, run.Error);
        Assert.Matches(@"(?m)^  concept [\d.]+ .*\bkhai sinh\b", run.Output);
        Assert.Matches(@"(?m)^    rerank: name [\d.]+  evidence [\d.]+  phrase [\d.]+  title [\d.]+/[\d.]+$", run.Output);
        Assert.Matches(@"(?m)^    retrieval \(Lucene BM25\):\n      [\d.]+ = ", run.Output.Replace("\r", ""));
        Assert.Matches(@"(?m)^        [\d.]+ = weight\(name:khai_sinh\^10\.0 in \d+\) \[BM25Similarity\]$", run.Output);
    }

    [Fact]
    public async Task Search_prints_the_verdict_and_ranked_procedures()
    {
        var run = await CliRunner.RunAsync("search", "lam giay khai sinh cho con", "--data-dir", data.Path);

        Assert.True(run.ExitCode == ExitCodes.Ok, run.Error);
        var lines = run.Output.Split('\n');
        Assert.Equal("match: confident   understood as: lam giay khai sinh con", lines[0]);
        Assert.StartsWith(" 1. 1.001193 ", lines[1]);
        Assert.Contains("Thủ tục đăng ký khai sinh  [Hộ tịch; toan-trinh]", lines[1]);
        Assert.StartsWith("    https://dichvucong.gov.vn/", lines[2]);
    }

    [Fact]
    public async Task Search_json_is_the_API_shape()
    {
        var run = await CliRunner.RunAsync("search", "đổi bằng lái xe", "--json", "--top", "2", "--province", "Nam Định", "--data-dir", data.Path);

        Assert.True(run.ExitCode == ExitCodes.Ok, run.Error);
        var json = JsonDocument.Parse(run.Output).RootElement;
        Assert.Equal("đổi bằng lái xe", json.GetProperty("query").GetString());
        Assert.Equal("Ninh Bình", json.GetProperty("province").GetString());
        Assert.Equal(2, json.GetProperty("results").GetArrayLength());
        var first = json.GetProperty("results")[0];
        Assert.Equal("3.000347", first.GetProperty("code").GetString());
        foreach (var field in new[] { "name", "score", "field", "levels", "onlineMode", "url" })
            Assert.True(first.TryGetProperty(field, out _), field);
    }

    [Theory]
    [InlineData(new[] { "search", "khai sinh", "--province", "Atlantis" }, "Unknown province 'Atlantis'")]
    [InlineData(new[] { "search", "   " }, "empty")]
    [InlineData(new[] { "eval", "no-such-questions.tsv" }, "no such file")]
    [InlineData(new[] { "import", "no-such-file.jsonl" }, "no such file")]
    public async Task Bad_input_is_exit_code_2_with_a_message(string[] args, string message)
    {
        var run = await CliRunner.RunAsync([.. args, .. args[0] == "import" ? Array.Empty<string>() : ["--data-dir", data.Path]]);
        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains(message, run.Error);
    }

    [Fact]
    public async Task Eval_over_the_curated_catalogue_compares_with_plain_FTS5_over_the_same_procedures()
    {
        var run = await CliRunner.RunAsync("eval", RepoPaths.DevQuestions, "--data-dir", data.Path);

        Assert.True(run.ExitCode == ExitCodes.Ok, run.Error);
        Assert.Contains("baseline over the same procedures", run.Output);
        Assert.Matches(@"(?m)^metric\s+citizenbot\s+plain FTS5$", run.Output);
        Assert.Matches(@"(?m)^top1\s+\d\.\d{3}\s+\d\.\d{3}$", run.Output);
        Assert.Matches(@"(?m)^citizenbot: top1 [\d.]+ top3 [\d.]+ mrr5 [\d.]+ seen [\d.]+ wrong_confident [\d.]+ unmet_abstain [\d.]+$", run.Output);
    }

    [Fact]
    public async Task A_malformed_question_file_is_refused_with_its_line()
    {
        var questions = Path.Combine(data.Path, "bad-questions.tsv");
        await File.WriteAllTextAsync(questions, "# header\nq1\tanswer\t1.001193\n");
        var run = await CliRunner.RunAsync("eval", questions, "--data-dir", data.Path);
        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("line 2: expected 4 tab-separated columns", run.Error);
    }
}
