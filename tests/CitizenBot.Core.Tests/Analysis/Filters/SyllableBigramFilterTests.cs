using CitizenBot.Core.Analysis;
using CitizenBot.Core.Analysis.Filters;

namespace CitizenBot.Core.Tests.Analysis.Filters;

public sealed class SyllableBigramFilterTests
{
    static string[] Bigrams(IEnumerable<Token> tokens) =>
        new SyllableBigramFilter().Apply(tokens).Where(t => t.Kind == TokenKind.Bigram).Select(t => $"{t.Text}@{t.Position}").ToArray();

    [Fact]
    public void Joins_adjacent_folded_syllables()
    {
        var tokens = new[] { new Token("khai", 0, TokenKind.Folded), new Token("sinh", 1, TokenKind.Folded), new Token("con", 2, TokenKind.Folded) };
        Assert.Equal(["khai_sinh@0", "sinh_con@1"], Bigrams(tokens));
    }

    [Fact]
    public void Uses_the_folded_form_of_accented_words_only()
    {
        var tokens = new DiacriticFoldingFilter().Apply(FilterTestHelpers.Words("đăng", "ký"));
        Assert.Equal(["dang_ky@0"], Bigrams(tokens));
    }

    [Fact]
    public void Does_not_join_across_a_gap_left_by_removed_filler()
    {
        var tokens = new[] { new Token("khai", 0, TokenKind.Folded), new Token("sinh", 2, TokenKind.Folded) };
        Assert.Empty(Bigrams(tokens));
    }

    [Fact]
    public void Passes_every_input_token_through()
    {
        var tokens = new[] { new Token("đăng", 0), new Token("dang", 0, TokenKind.Folded), new Token("ky", 1, TokenKind.Folded) };
        Assert.Equal(["đăng@0:Word", "dang@0:Folded", "ky@1:Folded", "dang_ky@0:Bigram"], new SyllableBigramFilter().Apply(tokens).Describe());
    }

    [Fact]
    public void Empty_in_empty_out() => Assert.Empty(new SyllableBigramFilter().Apply([]));
}
