using CitizenBot.Core.Analysis.Filters;

namespace CitizenBot.Core.Tests.Analysis.Filters;

public sealed class DiacriticFoldingFilterTests
{
    [Fact]
    public void Each_word_becomes_its_folded_form_at_its_own_position_and_offsets() =>
        FilterTestHelpers.AssertTokenStreamContents(new DiacriticFoldingFilter(FilterTestHelpers.Words("đăng ký khai sinh")),
            ["dang", "ky", "khai", "sinh"], startOffsets: [0, 5, 8, 13], endOffsets: [4, 7, 12, 17], positionIncrements: [1, 1, 1, 1]);

    [Theory]
    [InlineData("đường", "duong")]
    [InlineData("Đ", "D")]
    [InlineData("người", "nguoi")]
    [InlineData("hoà", "hoa")]
    [InlineData("ước", "uoc")]
    [InlineData("b2", "b2")]
    [InlineData("gplx", "gplx")]
    public void Folds_every_diacritic_including_d_with_stroke(string word, string folded) =>
        Assert.Equal([folded], FilterTestHelpers.Terms(new DiacriticFoldingFilter(FilterTestHelpers.Words(word))));

    [Fact]
    public void A_word_with_combining_marks_folds_to_a_shorter_term_and_the_next_word_is_whole()
    {
        // "đăng" with a combining breve (U+0306): folding drops the mark, in the token's own buffer.
        FilterTestHelpers.AssertTokenStreamContents(new DiacriticFoldingFilter(FilterTestHelpers.Words("đa\u0306ng ký")),
            ["dang", "ky"], startOffsets: [0, 6], endOffsets: [5, 8]);
    }

    [Fact]
    public void Folds_as_questions_are_folded_not_as_ASCIIFoldingFilter()
    {
        // Letters Vietnamese does not use stay: a question's words are folded by VietnameseText.Fold too.
        Assert.Equal(["ø", "straße"], FilterTestHelpers.Terms(new DiacriticFoldingFilter(FilterTestHelpers.Words("ø straße"))));
    }
}
