using CitizenBot.Core.Demand;

namespace CitizenBot.Core.Tests.Demand;

public sealed class AgencyNamesTests
{
    [Theory]
    [InlineData("Ủy ban nhân dân cấp xã")]
    [InlineData("Uỷ ban nhân dân cấp xã")] // old tone placement
    [InlineData("Ủy\u00A0ban  nhân dân  cấp xã")] // non-breaking and repeated spaces
    [InlineData("UBND cấp xã")]
    [InlineData("Ủy ban nhân dân xã, phường, thị trấn")]
    [InlineData("Uy\u0309 ban nhân dân xã")] // decomposed (NFD) tone mark
    [InlineData("Ủy ban nhân dân cấp xã.")]
    public void The_commune_peoples_committee_has_one_name(string spelling) =>
        Assert.Equal("Ủy ban nhân dân cấp xã", AgencyNames.Normalize(spelling));

    [Theory]
    [InlineData("Công an xã", "Công an cấp xã")]
    [InlineData("Công an cấp xã", "Công an cấp xã")]
    [InlineData("Công an xã, phường, thị trấn", "Công an cấp xã")]
    [InlineData("Công an huyện", "Công an cấp huyện")]
    [InlineData("Công an cấp huyện, quận, thị xã", "Công an cấp huyện")]
    [InlineData("UBND thị xã", "Ủy ban nhân dân cấp huyện")]
    [InlineData("Ủy ban nhân dân tỉnh", "Ủy ban nhân dân cấp tỉnh")]
    [InlineData("Sở Tư pháp", "Sở Tư pháp")]
    [InlineData("Cục Cảnh sát giao thông", "Cục Cảnh sát giao thông")]
    public void Level_words_are_said_once_and_other_names_are_kept(string spelling, string expected) =>
        Assert.Equal(expected, AgencyNames.Normalize(spelling));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" \u00A0 ")]
    public void No_agency_is_said_so(string? spelling) => Assert.Equal(AgencyNames.Unknown, AgencyNames.Normalize(spelling));
}
