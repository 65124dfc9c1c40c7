using CitizenBot.Core.Search;

namespace CitizenBot.Core.Tests.Search;

/// <summary>Questions no procedure answers must not get a confident match: they are unmet demand, not a wrong answer.</summary>
[Collection(CuratedSearchCollection.Name)]
public sealed class CuratedOutOfScopeTests(CuratedSearchFixture search)
{
    [Theory]
    [InlineData("thời tiết Hà Nội ngày mai thế nào")]
    [InlineData("du bao thoi tiet tuan toi")]
    [InlineData("kết quả xổ số miền bắc hôm nay")]
    [InlineData("xo so mien nam thu bay")]
    [InlineData("lịch thi đấu bóng đá đội tuyển việt nam")]
    [InlineData("tỷ số trận Man Utd tối qua")]
    [InlineData("công thức nấu phở bò")]
    [InlineData("ket qua bong da ngoai hang anh")]
    [InlineData("giá vàng hôm nay bao nhiêu")] // "vàng" folds to "vang" as "vắng" (tạm vắng) does: typed accents must count
    [InlineData("lịch cúp điện tuần này")] // "cúp" is a word, not a typo for "cấp"
    public void Is_not_a_confident_match(string question) =>
        Assert.NotEqual(MatchVerdict.Confident, search.Search(question).Match);
}

[Collection(NationalSearchCollection.Name)]
public sealed class NationalOutOfScopeTests(NationalSearchFixture search)
{
    [Theory]
    [InlineData("thời tiết Hà Nội ngày mai thế nào")]
    [InlineData("du bao thoi tiet tuan toi")]
    [InlineData("kết quả xổ số miền bắc hôm nay")]
    [InlineData("xo so mien nam thu bay")]
    [InlineData("lịch thi đấu bóng đá đội tuyển việt nam")]
    [InlineData("ket qua bong da ngoai hang anh")]
    [InlineData("tỷ số trận Man Utd tối qua")]
    [InlineData("công thức nấu phở bò")]
    [InlineData("giá vàng hôm nay bao nhiêu")] // "vàng" folds to "vang" as "vắng" (tạm vắng) does: typed accents must count
    [InlineData("lịch cúp điện tuần này")] // "cúp" is a word, not a typo for "cấp"
    public void Is_not_a_confident_match(string question) =>
        Assert.NotEqual(MatchVerdict.Confident, search.Search(question).Match);
}
