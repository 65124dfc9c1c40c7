using CitizenBot.Core.Catalogue;

namespace CitizenBot.Core.Tests.Catalogue;

public sealed class ProvinceTests
{
    static readonly Province NinhBinh = new()
    {
        Id = "ninh-binh", Name = "Ninh Bình", PortalUrl = "https://dichvucong.ninhbinh.gov.vn",
        FormerNames = ["Nam Định", "Hà Nam", "Ninh Bình"],
    };

    [Theory]
    [InlineData("Thanh Hoá", "thanh hoa")]
    [InlineData("  THANH-HÓA ", "thanh hoa")]
    [InlineData("thanh_hoa\tmoi", "thanh hoa moi")]
    [InlineData("", "")]
    public void Key_ignores_case_diacritics_and_separators(string text, string expected) => Assert.Equal(expected, Province.Key(text));

    [Theory]
    [InlineData("Nam Định", "Nam Định")]
    [InlineData("tỉnh nam dinh", "Nam Định")]
    [InlineData("HA-NAM", "Hà Nam")]
    [InlineData("Ninh Bình", null)] // a former name spelled like the current one is not news
    [InlineData("Nam Định mới", null)]
    public void FormerNameIn_finds_the_former_province_the_text_names(string text, string? expected) =>
        Assert.Equal(expected, NinhBinh.FormerNameIn(text));
}
