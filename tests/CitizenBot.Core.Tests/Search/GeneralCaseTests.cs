using CitizenBot.Core.Analysis;
using CitizenBot.Core.Catalogue;
using CitizenBot.Core.Search;

namespace CitizenBot.Core.Tests.Search;

public sealed class GeneralCaseTests
{
    static HashSet<string> Question(string folded) => folded.Split(' ').ToHashSet(StringComparer.Ordinal);

    [Theory]
    [InlineData("Thủ tục đăng ký khai tử", "dang ky khai tu")] // a leading "thủ tục" says nothing of the case
    [InlineData("Cấp lại thẻ căn cước (thực hiện tại cấp tỉnh)", "cap lai the can cuoc")] // nor does a level note
    [InlineData("Cấp giấy phép sửa chữa, cải tạo nhà ở riêng lẻ:", "cap giay phep sua chua cai tao nha o rieng le")] // nor punctuation
    public void A_name_is_its_folded_words_without_prefix_or_level_note(string name, string words) =>
        Assert.Equal(words.Split(' '), GeneralCase.NameWords(name).Folded);

    [Theory]
    [InlineData("Thủ tục đăng ký khai tử lưu động", "gio di lam khai tu o dau", true)] // "lưu động" not said
    [InlineData("Thủ tục đăng ký khai tử lưu động", "dang ky khai tu luu dong tai nha", false)] // said
    [InlineData("Thủ tục đăng ký khai tử có yếu tố nước ngoài", "khai tu cho bo", true)] // "có" joins, says nothing
    [InlineData("Thủ tục đăng ký khai tử có yếu tố nước ngoài", "khai tu nguoi nuoc ngoai", false)] // a reading says "nước ngoài"
    [InlineData("Đăng ký lại khai tử", "lam lai giay khai tu", false)] // "lại" said
    public void A_narrower_case_is_unasked_unless_the_question_says_what_narrows_it(string narrow, string question, bool unasked) =>
        Assert.Equal(unasked, GeneralCase.UnaskedNarrowing(GeneralCase.NameWords("Thủ tục đăng ký khai tử"), GeneralCase.NameWords(narrow), Question(question)));

    [Theory]
    [InlineData("Cấp lại giấy phép xây dựng đối với công trình cấp III", "xin giay phep xay nha 3 tang", true)]
    [InlineData("Cấp giấy phép xây dựng sửa chữa, cải tạo đối với công trình cấp III", "xin giay phep xay nha 3 tang", true)]
    [InlineData("Cấp giấy phép xây dựng sửa chữa, cải tạo đối với công trình cấp III", "xin phep sua chua cai tao nha", false)]
    public void The_new_case_is_the_general_case_of_the_others(string narrow, string question, bool unasked) =>
        Assert.Equal(unasked, GeneralCase.UnaskedNarrowing(GeneralCase.NameWords("Cấp giấy phép xây dựng mới đối với công trình cấp III"),
            GeneralCase.NameWords(narrow), Question(question)));

    [Theory]
    [InlineData("xin ly lich tu phap de di xkld", true)] // the ordinary case asked
    [InlineData("xin ly lich tu phap co phai ra ha noi khong", true)] // "không" ends a yes/no question
    [InlineData("em khong xac dinh duoc noi thuong tru thi xin ly lich tu phap the nao", false)] // the exception asked
    public void An_exception_for_those_who_are_not_something_is_unasked_unless_the_question_says_it(string question, bool unasked) =>
        Assert.Equal(unasked, GeneralCase.UnaskedException(
            GeneralCase.NameWords("Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam, người nước ngoài đang cư trú tại Việt Nam"),
            GeneralCase.NameWords("Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam mà không xác định được nơi thường trú"), Question(question)));

    [Fact]
    public void A_negated_case_of_another_procedure_is_not_an_exception_of_the_first() =>
        Assert.False(GeneralCase.UnaskedException(GeneralCase.NameWords("Giải quyết hưởng chế độ tử tuất"),
            GeneralCase.NameWords("Chế độ, chính sách đối với người tham gia phòng cháy chưa tham gia bảo hiểm xã hội"), Question("ho tro tien mai tang phi")));

    [Fact]
    public void Repairing_is_not_a_negation() =>
        Assert.True(GeneralCase.UnaskedNarrowing(GeneralCase.NameWords("Cấp giấy phép xây dựng mới"),
            GeneralCase.NameWords("Cấp giấy phép xây dựng sửa chữa, cải tạo"), Question("xin giay phep xay nha")));

    [Theory]
    [InlineData("Cấp giấy phép xây dựng mới", "Cấp giấy phép xây dựng sửa chữa", "xin giay phep xay nha")] // "chữa", not "chưa"
    [InlineData("Cấp giấy phép hoạt động", "Cấp giấy phép hoạt động khám chữa bệnh", "xin giay phep hoat dong")]
    [InlineData("Cấp giấy phép hoạt động", "Cấp giấy phép hoạt động hồ chứa", "xin giay phep hoat dong")] // "chứa"
    [InlineData("Cấp giấy phép kinh doanh", "Cấp giấy phép kinh doanh chứng khoán phái sinh", "xin giay phep kinh doanh")] // "phái"
    public void A_word_that_only_folds_like_a_negation_is_a_narrowing(string general, string narrow, string question) =>
        Assert.True(GeneralCase.UnaskedNarrowing(GeneralCase.NameWords(general), GeneralCase.NameWords(narrow), Question(question)));

    [Fact]
    public void A_long_qualifier_is_a_case_of_its_own() =>
        Assert.False(GeneralCase.UnaskedNarrowing(GeneralCase.NameWords("Thủ tục đăng ký khai sinh"),
            GeneralCase.NameWords("Thủ tục đăng ký khai sinh cho người đã có hồ sơ, giấy tờ cá nhân"), Question("ong ngoai chua co khai sinh")));

    [Fact]
    public void A_negation_is_not_a_narrowing()
    {
        var general = GeneralCase.NameWords("Chứng thực chữ ký người dịch mà người dịch là cộng tác viên dịch thuật");
        var opposite = GeneralCase.NameWords("Chứng thực chữ ký người dịch mà người dịch không phải là cộng tác viên dịch thuật");
        Assert.False(GeneralCase.UnaskedNarrowing(general, opposite, Question("chung thuc chu ky nguoi dich")));
    }

    [Fact]
    public void Names_that_differ_in_a_word_are_different_procedures() =>
        Assert.False(GeneralCase.UnaskedNarrowing(GeneralCase.NameWords("Cấp giấy phép lái xe"), GeneralCase.NameWords("Đổi giấy phép lái xe"), Question("bang lai xe")));

    static readonly (string Name, double Score)[] DeathRanking =
    [
        ("Thủ tục đăng ký khai tử lưu động", 0.845),
        ("Thủ tục đăng ký khai tử", 0.824),
        ("Đăng ký lại khai tử", 0.751),
        ("Cấp bản sao trích lục hộ tịch", 0.70),
    ];

    [Fact]
    public void The_general_procedure_goes_first_and_competes_with_what_is_not_a_narrowing_of_it()
    {
        var (ranking, runnerUp) = GeneralCase.Apply(DeathRanking.ToList(), r => r.Name, r => LevelVariants.Key(r.Name), r => r.Score, Question("gio di lam khai tu o dau"));
        Assert.Equal("Thủ tục đăng ký khai tử", ranking[0].Name);
        Assert.Equal("Cấp bản sao trích lục hộ tịch", ranking[runnerUp].Name); // the mobile and the repeated registration are skipped
    }

    [Fact]
    public void A_narrower_case_the_question_asks_for_keeps_its_place()
    {
        var (ranking, runnerUp) = GeneralCase.Apply(DeathRanking.ToList(), r => r.Name, r => LevelVariants.Key(r.Name), r => r.Score, Question("khai tu luu dong tai nha"));
        Assert.Equal("Thủ tục đăng ký khai tử lưu động", ranking[0].Name);
        Assert.Equal(1, runnerUp);
    }

    [Fact]
    public void A_general_procedure_far_below_the_first_stays_where_it_is()
    {
        var ranking = new List<(string Name, double Score)> { ("Thủ tục đăng ký khai tử lưu động", 0.95), ("Thủ tục đăng ký khai tử", 0.80) };
        Assert.Equal("Thủ tục đăng ký khai tử lưu động", GeneralCase.Apply(ranking, r => r.Name, r => LevelVariants.Key(r.Name), r => r.Score, Question("khai tu")).Ranking[0].Name);
    }
}

/// <summary>For every national name, the words as written fold one for one into the words <see cref="GeneralCase"/> compares.</summary>
[Collection(NationalSearchCollection.Name)]
public sealed class GeneralCaseNameWordsTests(NationalSearchFixture search)
{
    [Fact]
    public void Every_national_names_written_words_fold_into_its_compared_words()
    {
        foreach (var p in search.Catalogue.Procedures)
        {
            var words = GeneralCase.NameWords(p.Name);
            Assert.Equal(words.Folded, words.Written.Select(VietnameseText.Fold));
        }
    }
}
