using CitizenBot.Core.Presentation;

namespace CitizenBot.Core.Tests.Presentation;

public class ChannelSummaryTests
{
    static string? Summary(params (string Channel, string? Fee)[] methods) =>
        ChannelSummary.Of(methods, m => m.Fee, m => m.Channel, one: v => $"[{v}]", each: v => $"<{v}>");

    [Fact]
    public void One_value_for_every_channel_is_said_once() =>
        Assert.Equal("[Miễn phí]", Summary(("Trực tuyến", "Miễn phí "), ("Trực tiếp", " Miễn phí"), ("Bưu chính", null)));

    [Fact]
    public void Different_values_are_said_per_channel_each_line_once() =>
        Assert.Equal("Trực tuyến: <0 đồng>; Trực tiếp: <50.000 đồng>",
            Summary(("Trực tuyến", "0 đồng"), ("Trực tiếp", "50.000 đồng"), ("Trực tiếp", "50.000 đồng"), ("Bưu chính", "  ")));

    [Fact]
    public void No_stated_value_gives_null() => Assert.Null(Summary(("Trực tuyến", null), ("Trực tiếp", "")));
}
