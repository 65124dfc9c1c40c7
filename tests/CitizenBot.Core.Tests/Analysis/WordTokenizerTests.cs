using CitizenBot.Core.Analysis;

namespace CitizenBot.Core.Tests.Analysis;

public sealed class WordTokenizerTests
{
    static string[] Tokens(string text) => new WordTokenizer().Tokenize(text).Select(t => t.Text).ToArray();

    [Theory]
    [InlineData("Đăng ký, tạm-trú (online)?", new[] { "Đăng", "ký", "tạm", "trú", "online" })]
    [InlineData("GPLX hạng B2 cho người 18 tuổi", new[] { "GPLX", "hạng", "B2", "cho", "người", "18", "tuổi" })]
    [InlineData("khai😀sinh", new[] { "khai", "sinh" })]
    [InlineData("  \t\n ", new string[0])]
    [InlineData("", new string[0])]
    public void Splits_on_everything_but_letters_and_digits(string text, string[] expected) =>
        Assert.Equal(expected, Tokens(text));

    [Fact]
    public void FTS5_syntax_becomes_plain_separators()
    {
        Assert.Equal(["khai", "AND", "sinh", "NEAR", "a", "b", "name", "x", "y"],
            Tokens("\"khai\" AND sinh* NEAR(a b) name:x ^y"));
    }

    [Fact]
    public void Positions_count_tokens_in_order()
    {
        var tokens = new WordTokenizer().Tokenize("làm, giấy... khai sinh").ToList();
        Assert.Equal([0, 1, 2, 3], tokens.Select(t => t.Position));
        Assert.All(tokens, t => Assert.Equal(TokenKind.Word, t.Kind));
    }
}
