using CitizenBot.Core.Analysis;
using CitizenBot.Core.Analysis.CharFilters;
using CitizenBot.Core.Tests.Analysis.Filters;

namespace CitizenBot.Core.Tests.Analysis.CharFilters;

public sealed class VietnameseNormalizationCharFilterTests
{
    static string Filter(string input) => new VietnameseNormalizationCharFilter(new StringReader(input)).ReadToEnd();

    [Theory]
    [InlineData("hòa giải", "hoà giải")]
    [InlineData("ho\u0300a gia\u0309i", "hoà giải")] // decomposed
    [InlineData("Thúy Kiều", "Thuý Kiều")]
    [InlineData("sức khỏe", "sức khoẻ")]
    [InlineData("lí lịch", "lý lịch")]
    [InlineData("đăng ký tạm trú", "đăng ký tạm trú")]
    [InlineData("  hòa\t\ngiải  ", "  hoà\t\ngiải  ")] // white space as it was
    [InlineData("", "")]
    public void Composes_and_places_tone_marks_one_way(string input, string expected) =>
        Assert.Equal(expected, Filter(input));

    [Fact]
    public void Offsets_of_words_after_composed_text_point_into_the_text_as_typed()
    {
        // "ho" + U+0300 + "a" is four characters typed, three after composing; "giải" decomposed is five, four after.
        const string typed = "ho\u0300a gia\u0309i khai sinh";
        FilterTestHelpers.AssertTokenStreamContents(new WordTokenizer(new VietnameseNormalizationCharFilter(new StringReader(typed))),
            ["hoà", "giải", "khai", "sinh"],
            startOffsets: [0, 5, 11, 16],
            endOffsets: [4, 10, 15, 20],
            finalOffset: typed.Length);
    }
}
