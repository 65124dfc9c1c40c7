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

    /// <summary>
    /// A need gaps.txt names, that no procedure the question names meets, is unmet with where to ask — not the
    /// neighbour whose title shares its words ("Ủy quyền lĩnh thay các chế độ bảo hiểm xã hội, trợ cấp thất nghiệp").
    /// </summary>
    [Theory]
    [InlineData("xin tro cap that nghiep", "Trung tâm Dịch vụ việc làm")]
    [InlineData("e nghỉ việc rồi, muốn làm hồ sơ hưởng trợ cấp thất nghiệp thì nộp ở đâu", "Trung tâm Dịch vụ việc làm")]
    [InlineData("dang ky cho con vao lop 1", "Sở Giáo dục")]
    [InlineData("xin giấy phép lao động cho người nước ngoài", "Sở Nội vụ")]
    [InlineData("con trai em 18 tuổi đăng ký nghĩa vụ quân sự ở đâu", "Ban Chỉ huy quân sự")]
    public void A_need_the_catalogue_lacks_is_unmet_with_where_to_ask(string question, string askWhere)
    {
        var result = search.Search(question);
        Assert.Equal(MatchVerdict.None, result.Match);
        Assert.Contains(askWhere, result.Unserved?.AskWhere);
        Assert.False(string.IsNullOrWhiteSpace(result.Unserved!.Need)); // the need's words, for the reply to name (no-match transcript)
    }

    /// <summary>A question that also names a procedure it would be offered is offered it, not turned into unmet demand.</summary>
    [Fact]
    public void A_known_gap_told_around_another_named_procedure_offers_that_procedure()
    {
        var result = search.Search("mẹ em hưởng trợ cấp người cao tuổi, giờ muốn làm căn cước cho mẹ");
        Assert.NotEqual(MatchVerdict.None, result.Match);
        Assert.Contains(result.Hits.Take(MatchPolicy.MaxChoices), h => h.Procedure.Name.StartsWith("Cấp thẻ căn cước"));
        Assert.Null(result.Unserved);
    }

    /// <summary>A procedure the question names is answered though its title holds a need of gaps.txt.</summary>
    [Fact]
    public void A_named_procedure_holding_a_known_gap_is_still_answered()
    {
        var result = search.Search("ủy quyền lĩnh thay trợ cấp thất nghiệp");
        Assert.Equal(MatchVerdict.Confident, result.Match);
        Assert.Equal("1.001601", result.Hits[0].Procedure.Code);
        Assert.Null(result.Unserved);
    }

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
