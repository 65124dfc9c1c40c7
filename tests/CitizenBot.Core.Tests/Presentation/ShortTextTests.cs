using CitizenBot.Core.Presentation;

namespace CitizenBot.Core.Tests.Presentation;

public class ShortTextTests
{
    [Theory]
    [InlineData("Giấy chứng sinh", 80, "Giấy chứng sinh")]
    [InlineData("  Giấy chứng sinh  ", 15, "Giấy chứng sinh")]
    [InlineData(null, 10, "")]
    [InlineData("một hai ba bốn năm sáu bảy", 14, "một hai ba…")]
    [InlineData("một hai, ba bốn năm sáu bảy", 11, "một hai…")]
    [InlineData("Giấy chứng nhận. Bản sao", 17, "Giấy chứng nhận…")]
    [InlineData("Đăngkýkhaisinhchotrẻem", 10, "Đăngkýkha…")]
    public void Cuts_on_a_word_boundary_within_the_length(string? input, int max, string expected)
    {
        var shortened = ShortText.Shorten(input, max);
        Assert.Equal(expected, shortened);
        Assert.True(shortened.Length <= max);
    }
}
