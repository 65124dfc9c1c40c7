using CitizenBot.Core.Catalogue;

namespace CitizenBot.Core.Tests.Catalogue;

/// <summary>Province look-up over the repository's 34 provinces: every name a citizen may still use.</summary>
public sealed class InMemoryCatalogueTests
{
    readonly InMemoryCatalogue _catalogue = new(IndexDataLoader.LoadProcedures(RepoFolders.IndexData), IndexDataLoader.LoadProvinces(RepoFolders.Provinces));

    [Theory]
    // Current names, ids, any case and accents
    [InlineData("Hà Nội", "ha-noi")]
    [InlineData("ha noi", "ha-noi")]
    [InlineData("HÀ NỘI", "ha-noi")]
    [InlineData("ha-noi", "ha-noi")]
    [InlineData("  Khánh   Hòa ", "khanh-hoa")]
    [InlineData("Khánh Hoà", "khanh-hoa")] // either tone placement
    [InlineData("Thanh Hoá", "thanh-hoa")]
    [InlineData("Đắk Lắk", "dak-lak")]
    [InlineData("Dak Lak", "dak-lak")]
    [InlineData("Thành phố Hồ Chí Minh", "ho-chi-minh")]
    // Names from before the 1 July 2025 merger
    [InlineData("Quảng Nam", "da-nang")]
    [InlineData("quang nam", "da-nang")]
    [InlineData("Nam Định", "ninh-binh")]
    [InlineData("Hà Nam", "ninh-binh")]
    [InlineData("Bình Dương", "ho-chi-minh")]
    [InlineData("Bà Rịa - Vũng Tàu", "ho-chi-minh")]
    [InlineData("Hòa Bình", "phu-tho")]
    [InlineData("Kiên Giang", "an-giang")]
    [InlineData("Quảng Bình", "quang-tri")]
    // Aliases people type
    [InlineData("Sài Gòn", "ho-chi-minh")]
    [InlineData("tp hcm", "ho-chi-minh")]
    [InlineData("TP.HCM", "ho-chi-minh")]
    [InlineData("Thừa Thiên Huế", "hue")]
    [InlineData("BMT", "dak-lak")]
    [InlineData("Sapa", "lao-cai")]
    // With the administrative prefix
    [InlineData("tỉnh Quảng Nam", "da-nang")]
    [InlineData("tinh nam dinh", "ninh-binh")]
    [InlineData("Tỉnh Bình Dương", "ho-chi-minh")]
    [InlineData("thành phố Huế", "hue")]
    [InlineData("TP Cần Thơ", "can-tho")]
    [InlineData("tp.Hải Phòng", "hai-phong")]
    public void Finds_a_province_by_any_name(string name, string id) =>
        Assert.Equal(id, _catalogue.FindProvince(name)?.Id);

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("Atlantis")]
    [InlineData("tỉnh")]
    [InlineData("Hà Tây")] // merged into Hà Nội in 2008, not listed
    [InlineData("Nam")]
    public void Unknown_names_find_nothing(string name) => Assert.Null(_catalogue.FindProvince(name));

    [Fact]
    public void Finds_procedures_by_code()
    {
        Assert.Equal("Thủ tục đăng ký khai sinh", _catalogue.FindByCode("1.001193")?.Name);
        Assert.Equal("1.001193", _catalogue.FindByCode(" 1.001193 ")?.Code);
        Assert.Null(_catalogue.FindByCode("9.999999"));
    }

    [Fact]
    public void A_procedure_links_to_its_province_page_when_it_has_one()
    {
        var provinces = _catalogue.Provinces;
        var procedure = new Procedure
        {
            Code = "1.000001", Name = "A", Field = "F", NationalUrl = "https://dichvucong.gov.vn/p/1",
            ProvinceUrls = new Dictionary<string, string> { ["da-nang"] = "https://dichvucong.danang.gov.vn/p/1" },
        };
        Assert.Equal("https://dichvucong.danang.gov.vn/p/1", procedure.LinkFor(_catalogue.FindProvince("Quảng Nam")));
        Assert.Equal("https://dichvucong.gov.vn/p/1", procedure.LinkFor(_catalogue.FindProvince("Hà Nội")));
        Assert.Equal("https://dichvucong.gov.vn/p/1", procedure.LinkFor(null));
        Assert.Equal(34, provinces.Count);
    }
}
