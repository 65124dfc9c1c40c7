using CitizenBot.Core.Dialogs;
using CitizenBot.Core.Presentation;

namespace CitizenBot.Core.Tests.Dialogs;

public sealed class MarkdownTextTests
{
    [Theory]
    [InlineData("đăng ký khai sinh", "đăng ký khai sinh")]
    [InlineData("**đậm**", "\\*\\*đậm\\*\\*")]
    [InlineData("_nghiêng_", "\\_nghiêng\\_")]
    [InlineData("[bấm](http://evil.example)", "\\[bấm\\](http://evil.example)")]
    [InlineData("![ảnh](http://x/y.png)", "\\!\\[ảnh\\](http://x/y.png)")]
    [InlineData("<script>alert(1)</script>", "\\<script\\>alert(1)\\</script\\>")]
    [InlineData("`mã`", "\\`mã\\`")]
    [InlineData("~~gạch~~", "\\~\\~gạch\\~\\~")]
    [InlineData("a | b", "a \\| b")]
    [InlineData("&lt;b&gt;", "\\&lt;b\\&gt;")]
    [InlineData("# tiêu đề", "\\# tiêu đề")]
    [InlineData("- mục", "\\- mục")]
    [InlineData("+ mục", "\\+ mục")]
    [InlineData("1. mục", "1\\. mục")]
    [InlineData("12) mục", "12\\) mục")]
    [InlineData("> trích", "\\> trích")]
    [InlineData("\\*", "\\\\\\*")]
    public void Escapes_markup(string input, string expected) => Assert.Equal(expected, MarkdownText.Escape(input));

    [Theory]
    [InlineData("Mã 1.001193", "Mã 1.001193")]
    [InlineData("1.001193", "1.001193")]
    [InlineData("135.000 đồng", "135.000 đồng")]
    [InlineData("-5 độ", "-5 độ")]
    [InlineData("Hộ chiếu/Thẻ căn cước (1 bản chính)", "Hộ chiếu/Thẻ căn cước (1 bản chính)")]
    public void Leaves_plain_text_alone(string input, string expected) => Assert.Equal(expected, MarkdownText.Escape(input));

    [Fact]
    public void Line_breaks_cannot_open_blocks() =>
        Assert.Equal("dòng một \\# hai - ba", MarkdownText.Escape("dòng một\n# hai\r\n- ba"));

    [Theory]
    [InlineData(null, "")]
    [InlineData("", "")]
    [InlineData("   ", "")]
    public void Empty_input_gives_empty_output(string? input, string expected) => Assert.Equal(expected, MarkdownText.Escape(input));

    [Fact]
    public void Shortens_on_a_word_boundary_then_escapes()
    {
        var text = "Đăng ký **khai sinh** cho trẻ em có yếu tố nước ngoài tại cơ quan đại diện";
        var shortened = MarkdownText.EscapeShort(text, 30);
        Assert.EndsWith("…", shortened);
        Assert.StartsWith("Đăng ký \\*\\*khai sinh\\*\\*", shortened);
        Assert.True(ShortText.Shorten(text, 30).Length <= 31);
    }

    [Fact]
    public void Random_input_never_leaves_an_unescaped_markup_character()
    {
        var random = new Random(42);
        const string alphabet = "ab đ*_[]()<>`~|&!#\\\n-+1. ";
        for (var i = 0; i < 2000; i++)
        {
            var input = new string(Enumerable.Range(0, random.Next(0, 40)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
            var escaped = MarkdownText.Escape(input);
            Assert.DoesNotContain('\n', escaped);
            for (var k = 0; k < escaped.Length; k++)
            {
                if (escaped[k] == '\\') { k++; continue; }
                Assert.False("*_[]<>`~|&!#".Contains(escaped[k]), $"unescaped '{escaped[k]}' in \"{escaped}\" from \"{input}\"");
            }
        }
    }
}
