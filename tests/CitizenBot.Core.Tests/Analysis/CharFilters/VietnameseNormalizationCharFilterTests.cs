using CitizenBot.Core.Analysis.CharFilters;

namespace CitizenBot.Core.Tests.Analysis.CharFilters;

public sealed class VietnameseNormalizationCharFilterTests
{
    [Theory]
    [InlineData("hòa giải", "hoà giải")]
    [InlineData("ho\u0300a gia\u0309i", "hoà giải")] // decomposed
    [InlineData("Thúy Kiều", "Thuý Kiều")]
    [InlineData("sức khỏe", "sức khoẻ")]
    [InlineData("đăng ký tạm trú", "đăng ký tạm trú")]
    [InlineData("", "")]
    public void Composes_and_places_tone_marks_one_way(string input, string expected) =>
        Assert.Equal(expected, new VietnameseNormalizationCharFilter().Apply(input));
}
