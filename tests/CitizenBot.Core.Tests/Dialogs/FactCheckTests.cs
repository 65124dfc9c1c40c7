using CitizenBot.Core.Catalogue;
using CitizenBot.Core.Dialogs;
using CitizenBot.Core.Tests.Catalogue;

namespace CitizenBot.Core.Tests.Dialogs;

public sealed class FactCheckTests
{
    /// <summary>The repository's fact words (dialogs/fact-words.txt), as the bot loads them.</summary>
    static readonly FactCheck Facts = DialogSet.Load(RepoFolders.Dialogs).FactCheck;

    [Theory]
    [InlineData("phí 70 nghìn đúng hông", "70.000 đồng", true)]
    [InlineData("phi 70k dung ko", "70.000đ/thẻ", true)]
    [InlineData("lệ phí 200k phải không", "Lệ phí: 200.000 đồng", true)]
    [InlineData("phí 200k đúng ko ạ", "Lệ phí: 100.000 đồng", false)]
    [InlineData("1,5 triệu hả", "1.500.000 đồng", true)]
    [InlineData("phí 70 nghìn đúng hông", "Miễn lệ phí", false)]
    [InlineData("miễn phí phải không", "Miễn lệ phí", true)]
    [InlineData("miễn phí phải không", "50.000 đồng", false)]
    public void A_stated_fee_is_checked_against_the_catalogue(string message, string fee, bool expected)
    {
        Assert.Equal(expected, Facts.Fee(message, [fee]));
    }

    [Theory]
    [InlineData("phí đúng không")]
    [InlineData("năm 2024 có đổi không")]
    [InlineData("làm 2 bản được không")]
    public void Nothing_stated_means_nothing_to_check(string message)
    {
        Assert.Null(Facts.Fee(message, ["70.000 đồng"]));
    }

    [Theory]
    [InlineData("mất 5 ngày đúng ko", "05 ngày làm việc", true)]
    [InlineData("3 ngay la xong ha", "05 ngày làm việc", false)]
    public void A_stated_number_of_days_is_checked(string message, string time, bool expected)
    {
        Assert.Equal(expected, Facts.Days(message, [time]));
    }

    [Theory]
    [InlineData("200k hả", "fee")]
    [InlineData("mất 5 ngày đúng ko", "time")]
    [InlineData("có phải dẫn bé theo không", null)]
    public void A_bare_check_is_about_what_its_fact_is(string message, string? facet)
    {
        Assert.Equal(facet, Facts.FacetOf(message));
    }

    [Fact]
    public void Online_is_yes_when_it_can_be_filed_online_in_the_mode_in_force()
    {
        var p = new Procedure { Code = "1.000001", Name = "Thủ tục", Field = "Hộ tịch", OnlineMode = OnlineMode.Offline };
        Assert.True(Facts.Check(IntentCategory.Online, "làm online được không", p, OnlineMode.Partial));
        Assert.False(Facts.Check(IntentCategory.Online, "làm online được không", p, OnlineMode.Offline));
    }
}
