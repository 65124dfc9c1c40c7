using CitizenBot.Core.Analysis;
using CitizenBot.Core.Analysis.CharFilters;
using CitizenBot.Core.Tests.Analysis.Filters;

namespace CitizenBot.Core.Tests.Analysis.CharFilters;

public sealed class ControlCharacterCharFilterTests
{
    static string Filter(string input) => new ControlCharacterCharFilter(new StringReader(input)).ReadToEnd();

    [Theory]
    [InlineData("khai\0sinh", "khai sinh")] // NUL
    [InlineData("khai\tsinh\r\n", "khai sinh  ")]
    [InlineData("\u200Bkhai\u200Dsinh", " khai sinh")] // zero-width space and joiner
    [InlineData("\u202Ekhai sinh\u202C", " khai sinh ")] // bidi override
    [InlineData("\uFEFFđăng ký", " đăng ký")] // byte-order mark
    public void Replaces_control_and_format_characters_with_spaces(string input, string expected) =>
        Assert.Equal(expected, Filter(input));

    [Fact]
    public void Replaces_unpaired_surrogate_halves_so_normalization_cannot_fail()
    {
        // Built in code: theory data would not carry invalid UTF-16 through test discovery unchanged.
        Assert.Equal("khai   sinh", Filter("khai " + '\uD800' + " sinh"));
        Assert.Equal(" abc", Filter('\uDC00' + "abc"));
        Assert.Equal("ab ", Filter("ab" + '\uD83D'));
        Assert.Equal(" 😀 ", Filter('\uDE00' + "😀" + '\uD83D'));
    }

    [Theory]
    [InlineData("đăng ký khai sinh")]
    [InlineData("khai sinh 😀 🇻🇳")] // surrogate pairs are text
    [InlineData("ho\u0300a")] // combining marks are text
    [InlineData("")]
    public void Leaves_ordinary_text_as_it_is(string input)
    {
        Assert.Equal(input, Filter(input));
        Assert.Same(input, ControlCharacterCharFilter.Clean(input));
    }

    [Fact]
    public void One_character_for_one_so_offsets_are_the_texts() =>
        FilterTestHelpers.AssertTokenStreamContents(new WordTokenizer(new ControlCharacterCharFilter(new StringReader("\u200Bkhai\0sinh\u202C"))),
            ["khai", "sinh"], startOffsets: [1, 6], endOffsets: [5, 10], finalOffset: 11);
}
