using CitizenBot.Core.Catalogue;
using CitizenBot.Core.Search.Evaluation;
using CitizenBot.Core.Tests.Catalogue;

namespace CitizenBot.Core.Tests.Search.Evaluation;

/// <summary>The plain-FTS5 baseline of searcheval.py, reproduced.</summary>
public sealed class BaselineSearcherTests
{
    [Theory]
    [InlineData("Đăng ký khai sinh?", new[] { "Đăng", "ký", "khai", "sinh" })] // Ask lower-cases first
    [InlineData("gplx_b2 (15 tuổi)", new[] { "gplx_b2", "15", "tuổi" })] // '_' is a word character, as in Python
    [InlineData("ho\u0300a", new[] { "ho", "a" })] // a combining mark is not, unlike .NET's \w
    [InlineData("x² ½ 😀 y", new[] { "x²", "½", "y" })] // other numbers are, emoji are not
    [InlineData("\"NEAR\" * :", new[] { "NEAR" })]
    [InlineData("", new string[0])]
    public void Tokenizes_like_Python_word_runs(string text, string[] expected) =>
        Assert.Equal(expected, BaselineSearcher.WordTokens(text));

    [Fact]
    public void Searches_name_field_and_steps_with_bm25()
    {
        using var baseline = BaselineSearcher.FromNationalFile(Path.Combine(RepoFolders.Fixtures, "national-sample.jsonl"));
        Assert.Equal(3, baseline.Documents);

        var found = baseline.Ask("Khai sinh");
        Assert.Equal("confident", found.Match);
        Assert.Equal("9.000001", found.Codes[0]);
        Assert.Equal("9.000002", baseline.Ask("người có công").Codes[0]); // field
        Assert.Equal("9.000001", baseline.Ask("nhận kết quả").Codes[0]); // steps
        Assert.Equal("9.000001", baseline.Ask("khải sính").Codes[0]); // remove_diacritics 2 folds tones…
        Assert.Empty(baseline.Ask("dang").Codes); // …but not đ, which is a letter of its own ("đăng" stays "đang")
        Assert.Equal(new EvalAnswer("none", []), baseline.Ask("?!"));
        Assert.Equal("none", baseline.Ask("thời tiết").Match);
    }

    [Fact]
    public void Can_be_built_from_loaded_procedures()
    {
        using var baseline = BaselineSearcher.FromProcedures(
        [
            new Procedure { Code = "1.000001", Name = "Đăng ký tạm trú", Field = "Cư trú", Steps = ["Bước 1: nộp tờ khai"] },
            new Procedure { Code = "1.000002", Name = "Đăng ký thường trú", Field = "Cư trú" },
        ]);
        Assert.Equal(2, baseline.Documents);
        Assert.Equal("1.000002", baseline.Ask("thường trú").Codes[0]);
        Assert.Equal(["1.000001"], baseline.Ask("tờ khai").Codes);
    }
}
