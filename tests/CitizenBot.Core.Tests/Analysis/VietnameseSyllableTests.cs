using CitizenBot.Core.Analysis;

namespace CitizenBot.Core.Tests.Analysis;

public sealed class VietnameseSyllableTests
{
    [Theory]
    [InlineData("khai")]
    [InlineData("sinh")]
    [InlineData("đăng")]
    [InlineData("nghiêng")]
    [InlineData("quyết")]
    [InlineData("người")]
    [InlineData("tạm")]
    [InlineData("xinh")]
    public void Vietnamese_syllables_are_valid(string word) => Assert.True(VietnameseSyllable.IsValid(word));

    [Theory]
    [InlineData("")]
    [InlineData("gplx")]
    [InlineData("cccd")]
    [InlineData("ddawng")] // Telex keys, not yet repaired
    [InlineData("kys")]
    [InlineData("b2")]
    [InlineData("passport")]
    [InlineData("nghieengg")] // longer than any syllable
    public void Other_words_are_not(string word) => Assert.False(VietnameseSyllable.IsValid(word));
}
