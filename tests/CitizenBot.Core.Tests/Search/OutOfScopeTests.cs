using CitizenBot.Core.Search;

namespace CitizenBot.Core.Tests.Search;

/// <summary>
/// Questions no procedure answers must not get a confident match. Those about something no public service answers
/// (outofscope.txt) are out of scope; public-service needs the catalogue lacks stay unmet demand.
/// </summary>
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

    /// <summary>Words that say who or that ("làm", "cho con", "bé") name nothing: not even a clarifying question.</summary>
    [Theory]
    [InlineData("làm")]
    [InlineData("đang ở làm dc ko")]
    [InlineData("cho con")]
    [InlineData("vợ chồng em")]
    public void A_question_of_weak_words_only_finds_nothing(string question) =>
        Assert.Equal(MatchVerdict.None, search.Search(question).Match);

    [Theory]
    [InlineData("gia xang hom nay")] // "xang" is no catalogue word: typo correction makes it "dang", the phrase as typed still counts
    [InlineData("mo the atm o ngan hang nao tot")]
    [InlineData("ke chuyen cuoi di")] // "cuoi" may be "cưới" (kết hôn): a procedure's name, but not what is asked
    public void A_phrase_of_the_out_of_scope_list_as_typed_is_out_of_scope(string question) =>
        Assert.Equal(MatchVerdict.OutOfScope, search.Search(question).Match);
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

    [Theory]
    [InlineData("giá vàng hôm nay bao nhiêu")]
    [InlineData("gia xang ron 95 hom nay")]
    [InlineData("dự báo thời tiết cuối tuần ở Đà Lạt")]
    [InlineData("kết quả xổ số miền bắc hôm nay")]
    [InlineData("lãi suất gửi tiết kiệm 12 tháng ngân hàng nào cao")]
    [InlineData("bạn là ai vậy")]
    public void Is_out_of_scope(string question) => Assert.Equal(MatchVerdict.OutOfScope, search.Search(question).Match);

    [Theory]
    [InlineData("xin trợ cấp người khuyết tật")] // a public-service need: unmet demand for officials, never "out of scope"
    [InlineData("đăng ký nghĩa vụ quân sự")]
    public void A_public_service_need_is_not_out_of_scope(string question) =>
        Assert.DoesNotContain(search.Search(question).Match, new[] { MatchVerdict.OutOfScope, MatchVerdict.Confident });

    [Theory]
    [InlineData("thế chấp sổ đỏ để vay ngân hàng lãi suất thấp", "1.011441")] // a bank loan inside a public-service question
    [InlineData("giấy khai sinh cho con, thời tiết lạnh quá chưa đi làm được", "1.001193")]
    public void A_procedure_is_still_offered_among_out_of_scope_words(string question, string code)
    {
        var result = search.Search(question);
        Assert.Contains(result.Match, new[] { MatchVerdict.Confident, MatchVerdict.Ambiguous });
        Assert.Contains(code, result.Hits.Take(result.Match == MatchVerdict.Confident ? 1 : MatchPolicy.MaxChoices).Select(h => h.Procedure.Code));
    }
}
