using CitizenBot.Core.Analysis;
using CitizenBot.Core.Analysis.Filters;

namespace CitizenBot.Core.Tests.Analysis.Filters;

public sealed class DiacriticFoldingFilterTests
{
    [Fact]
    public void Accented_words_keep_the_original_and_add_the_folded_form_at_the_same_position()
    {
        var output = new DiacriticFoldingFilter().Apply(FilterTestHelpers.Words("đăng", "ký", "khai", "sinh")).Describe();
        Assert.Equal(["đăng@0:Word", "dang@0:Folded", "ký@1:Word", "ky@1:Folded", "khai@2:Folded", "sinh@3:Folded"], output);
    }

    [Theory]
    [InlineData("đường", "duong")]
    [InlineData("đ", "d")]
    [InlineData("người", "nguoi")]
    [InlineData("hoà", "hoa")]
    [InlineData("b2", "b2")]
    public void Folds_every_diacritic_including_d_with_stroke(string word, string folded) =>
        Assert.Equal(folded, new DiacriticFoldingFilter().Apply(FilterTestHelpers.Words(word)).Last(t => t.Kind == TokenKind.Folded).Text);
}
