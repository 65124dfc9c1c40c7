using CitizenBot.Core.Analysis;
using CitizenBot.Core.Analysis.Filters;
using CitizenBot.Core.Tests.Catalogue;

namespace CitizenBot.Core.Tests.Analysis.Filters;

/// <summary>"Mất" said of a relative means died; of a thing, lost.</summary>
public sealed class DiedSenseFilterTests
{
    static string Read(string typed) => string.Join(' ', FilterTestHelpers.Terms(new DiedSenseFilter(FilterTestHelpers.Words(typed))));

    [Theory]
    [InlineData("bố em mất hôm qua", "bố em chết hôm qua")]
    [InlineData("bo e mat hom qua", "bo e chết hom qua")]
    [InlineData("mẹ em mới mất", "mẹ em mới chết")] // the end of the message
    [InlineData("chị gái em mất năm ngoái để lại bé 4 tuổi", "chị gái em chết năm ngoái để lại bé 4 tuổi")]
    [InlineData("ông nội em vừa mất ở bệnh viện", "ông nội em vừa chết ở bệnh viện")]
    [InlineData("má mất rồi", "má chết rồi")]
    public void Said_of_a_relative_with_nothing_lost_after_it_means_died(string typed, string read) =>
        Assert.Equal(read, Read(typed));

    [Theory]
    [InlineData("mẹ em mất thẻ bhyt")] // a thing after it: lost
    [InlineData("em mất căn cước rồi")] // said of oneself
    [InlineData("bị mất ví hôm qua")]
    [InlineData("làm mất hộ chiếu")]
    [InlineData("con mat bao lau")] // "còn mất bao lâu": how long
    [InlineData("chồng em phải có mặt không")]
    [InlineData("mất bao lâu")]
    public void Otherwise_it_stays(string typed) => Assert.Equal(typed, Read(typed));

    [Fact]
    public void Read_ahead_keeps_positions_and_offsets() =>
        FilterTestHelpers.AssertTokenStreamContents(new DiedSenseFilter(FilterTestHelpers.Words("bố mất hôm qua")),
            ["bố", DiedSenseFilter.Died, "hôm", "qua"],
            startOffsets: [0, 3, 7, 11], endOffsets: [2, 6, 10, 14], positionIncrements: [1, 1, 1, 1], finalOffset: 14);

    [Fact]
    public void In_the_analyzer_a_comma_after_it_ends_what_could_have_been_lost()
    {
        var analyzer = new VietnameseAnalyzer(LexiconLoader.Load(RepoFolders.Analysis));
        Assert.Contains("chet", FilterTestHelpers.Terms(analyzer.GetTokenStream(VietnameseAnalyzer.FoldedWordsField, "bố em mất, giờ làm giấy tờ gì")));
        Assert.DoesNotContain("chet", FilterTestHelpers.Terms(analyzer.GetTokenStream(VietnameseAnalyzer.FoldedWordsField, "bố em mất giấy tờ gì")));
    }
}
