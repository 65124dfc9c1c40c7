using CitizenBot.Core.Search.Evaluation;
using CitizenBot.Core.Tests.Catalogue;

namespace CitizenBot.Core.Tests.Search.Evaluation;

/// <summary>The scoring rules of ../shared/tools/searcheval.py, on hand-made answers.</summary>
public sealed class SearchEvaluatorTests
{
    /// <summary>Answers from a table: what an engine said for each question.</summary>
    sealed class ScriptedEngine(Dictionary<string, EvalAnswer> answers) : IEvaluatedSearch
    {
        public string Name => "scripted";
        public EvalAnswer Ask(string question) => answers[question];
    }

    static EvalQuestion Q(string id, string expect, string codes) => new(id, expect, codes.Split(',', StringSplitOptions.RemoveEmptyEntries), id);

    [Fact]
    public void Scores_top1_top3_mrr_and_abstention_like_the_tool()
    {
        var questions = new[]
        {
            Q("a1", "answer", "1.000001"), // first
            Q("a2", "answer", "1.000002,1.000009"), // second acceptable code at rank 2
            Q("a3", "answer", "1.000003"), // not found
            Q("c1", "clarify", "1.000004"), // rank 3: a clarify row counts for top 1
            Q("u1", "unmet", ""), // ambiguous: abstained
            Q("u2", "unmet", ""), // confident: not abstained
        };
        var engine = new ScriptedEngine(new()
        {
            ["a1"] = new("confident", ["1.000001", "1.000005"]),
            ["a2"] = new("ambiguous", ["1.000005", "1.000009", "1.000002"]),
            ["a3"] = new("none", []),
            ["c1"] = new("ambiguous", ["1.000007", "1.000008", "1.000004"]),
            ["u1"] = new("ambiguous", ["1.000001"]),
            ["u2"] = new("confident", ["1.000001"]),
        });

        var report = SearchEvaluator.Evaluate(engine, questions);

        Assert.Equal((6, 4, 2), (report.Rows, report.Answerable, report.Unmet));
        Assert.Equal(2 / 4.0, report.Top1); // a1, c1
        Assert.Equal(3 / 4.0, report.Top3); // a1, a2, c1
        Assert.Equal((1 + 1 / 2.0 + 1 / 3.0) / 4, report.Mrr5, 10);
        Assert.Equal(0.5, report.UnmetAbstain);
        Assert.Equal(["a2", "a3", "u2"], report.Misses.Select(m => m.Question.Id));
        Assert.Equal(3 / 4.0, report.Seen); // a1 answered right, a2 and c1 asked about with a right choice
        Assert.Equal(0, report.WrongConfident);
        Assert.Equal("top1 0.5 top3 0.75 mrr5 0.458 seen 0.75 wrong_confident 0.0 unmet_abstain 0.5", report.SummaryLine);
    }

    [Fact]
    public void Seen_counts_what_the_citizen_is_shown_and_out_of_scope_abstains()
    {
        var questions = new[]
        {
            Q("a1", "answer", "1.000001"), // asked about, right code the fourth choice: seen
            Q("a2", "answer", "1.000002"), // asked about, right code fifth: not among the choices
            Q("a3", "answer", "1.000003"), // confident, right code second: wrong and confident
            Q("a4", "answer", "1.000004"), // ranked first but turned away as out of scope: not seen, not wrong
            Q("u1", "unmet", ""), // out of scope: abstained
        };
        var engine = new ScriptedEngine(new()
        {
            ["a1"] = new("ambiguous", ["1", "2", "3", "1.000001"]),
            ["a2"] = new("ambiguous", ["1", "2", "3", "4", "1.000002"]),
            ["a3"] = new("confident", ["1", "1.000003"]),
            ["a4"] = new("outOfScope", ["1.000004"]),
            ["u1"] = new("outOfScope", ["1"]),
        });

        var report = SearchEvaluator.Evaluate(engine, questions);

        Assert.Equal(1 / 4.0, report.Seen);
        Assert.Equal(1 / 4.0, report.WrongConfident);
        Assert.Equal(1.0, report.UnmetAbstain);
    }

    [Fact]
    public void Only_the_top_five_count()
    {
        var engine = new ScriptedEngine(new() { ["a"] = new("confident", ["1", "2", "3", "4", "5", "1.000001"]) });
        var report = SearchEvaluator.Evaluate(engine, [Q("a", "answer", "1.000001")]);
        Assert.Equal((0.0, 0.0, 0.0), (report.Top1, report.Top3, report.Mrr5));
        Assert.Null(report.UnmetAbstain); // no unmet rows
        Assert.EndsWith("unmet_abstain None", report.SummaryLine);
    }

    [Fact]
    public void The_table_puts_engines_side_by_side()
    {
        var questions = new[] { Q("a", "answer", "1.000001") };
        var good = SearchEvaluator.Evaluate(new ScriptedEngine(new() { ["a"] = new("confident", ["1.000001"]) }), questions);
        var table = EvalTable.Format([good, good with { Engine = "plain FTS5", Top1 = 0.153 }]);
        var lines = table.Split(Environment.NewLine);
        Assert.Matches(@"^metric\s+scripted\s+plain FTS5$", lines[0]);
        Assert.Matches(@"^top1\s+1\.000\s+0\.153$", lines[1]);
        Assert.Contains("(1 questions: 1 to answer, 0 unmet)", table);
    }

    [Fact]
    public void Reads_the_question_file_format()
    {
        using var folder = new TempFolder();
        var path = folder.Write("q.tsv", "# comment\n\nd01\tanswer\t1.001193\tlàm giấy khai sinh\nd02\tclarify\t1.000001,1.000002,\tđổi bằng lái\nd03\tunmet\t\tthời tiết\n");

        var questions = EvalQuestion.Load(path);

        Assert.Equal(["d01", "d02", "d03"], questions.Select(q => q.Id));
        Assert.Equal(["1.000001", "1.000002"], questions[1].Codes);
        Assert.Empty(questions[2].Codes);
        Assert.True(questions[2].IsUnmet);
        Assert.Equal("làm giấy khai sinh", questions[0].Question);
    }

    [Theory]
    [InlineData("d01\tanswer\t1.001193\n", "line 1")]
    [InlineData("# x\nd01\tmaybe\t1.001193\tq\n", "line 2")]
    public void A_malformed_question_line_is_named(string content, string line)
    {
        using var folder = new TempFolder();
        var path = folder.Write("q.tsv", content);
        var e = Assert.Throws<FormatException>(() => EvalQuestion.Load(path));
        Assert.Contains($"{path}, {line}", e.Message);
    }

    [Fact]
    public void The_dev_set_loads()
    {
        var questions = EvalQuestion.Load(Path.Combine(RepoFolders.Shared, "eval", "dev-questions.tsv"));
        Assert.True(questions.Count >= 50);
        Assert.Contains(questions, q => q.IsUnmet);
        Assert.All(questions.Where(q => !q.IsUnmet), q => Assert.NotEmpty(q.Codes));
    }
}
