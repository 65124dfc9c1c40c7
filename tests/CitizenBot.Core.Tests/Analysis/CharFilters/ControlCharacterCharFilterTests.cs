using CitizenBot.Core.Analysis.CharFilters;

namespace CitizenBot.Core.Tests.Analysis.CharFilters;

public sealed class ControlCharacterCharFilterTests
{
    [Theory]
    [InlineData("khai\0sinh", "khai sinh")] // NUL
    [InlineData("khai\tsinh\r\n", "khai sinh  ")]
    [InlineData("\u200Bkhai\u200Dsinh", " khai sinh")] // zero-width space and joiner
    [InlineData("\u202Ekhai sinh\u202C", " khai sinh ")] // bidi override
    [InlineData("\uFEFFđăng ký", " đăng ký")] // byte-order mark
    public void Replaces_control_and_format_characters_with_spaces(string input, string expected) =>
        Assert.Equal(expected, new ControlCharacterCharFilter().Apply(input));

    [Fact]
    public void Replaces_unpaired_surrogate_halves_so_normalization_cannot_fail()
    {
        // Built in code: theory data would not carry invalid UTF-16 through test discovery unchanged.
        var filter = new ControlCharacterCharFilter();
        Assert.Equal("khai   sinh", filter.Apply("khai " + '\uD800' + " sinh"));
        Assert.Equal(" abc", filter.Apply('\uDC00' + "abc"));
        Assert.Equal("ab ", filter.Apply("ab" + '\uD83D'));
        Assert.Equal(" 😀 ", filter.Apply('\uDE00' + "😀" + '\uD83D'));
    }

    [Theory]
    [InlineData("đăng ký khai sinh")]
    [InlineData("khai sinh 😀 🇻🇳")] // surrogate pairs are text
    [InlineData("ho\u0300a")] // combining marks are text
    [InlineData("")]
    public void Leaves_ordinary_text_as_it_is(string input) =>
        Assert.Same(input, new ControlCharacterCharFilter().Apply(input));
}
