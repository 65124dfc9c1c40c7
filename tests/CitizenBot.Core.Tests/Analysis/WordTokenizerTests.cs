using CitizenBot.Core.Analysis;
using CitizenBot.Core.Tests.Analysis.Filters;

namespace CitizenBot.Core.Tests.Analysis;

public sealed class WordTokenizerTests
{
    static string[] Tokens(string text) => FilterTestHelpers.Terms(new WordTokenizer(new StringReader(text)));

    [Theory]
    [InlineData("Đăng ký, tạm-trú (online)?", new[] { "Đăng", "ký", "tạm", "trú", "online" })]
    [InlineData("GPLX hạng B2 cho người 18 tuổi", new[] { "GPLX", "hạng", "B2", "cho", "người", "18", "tuổi" })]
    [InlineData("khai😀sinh", new[] { "khai", "sinh" })]
    [InlineData("  \t\n ", new string[0])]
    [InlineData("", new string[0])]
    public void Splits_on_everything_but_letters_and_digits(string text, string[] expected) =>
        Assert.Equal(expected, Tokens(text));

    [Fact]
    public void Lucene_and_FTS5_syntax_becomes_plain_separators()
    {
        Assert.Equal(["khai", "AND", "sinh", "NEAR", "a", "b", "name", "x", "y", "z", "2", "w"],
            Tokens("\"khai\" AND sinh* NEAR(a b) name:x ^y z?~2 \\w"));
    }

    [Fact]
    public void Each_syllable_is_a_position_with_its_own_offsets() =>
        FilterTestHelpers.AssertTokenStreamContents(new WordTokenizer(new StringReader("làm, giấy... khai sinh")),
            ["làm", "giấy", "khai", "sinh"],
            startOffsets: [0, 5, 13, 18],
            endOffsets: [3, 9, 17, 22],
            positionIncrements: [1, 1, 1, 1],
            finalOffset: 22);

    [Fact]
    public void A_word_longer_than_Lucenes_limit_is_cut_not_dropped() =>
        Assert.Equal([new string('a', 255), new string('a', 45)], Tokens(new string('a', 300)));
}
