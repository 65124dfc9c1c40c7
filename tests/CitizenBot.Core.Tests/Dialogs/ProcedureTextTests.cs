using CitizenBot.Core.Catalogue;
using CitizenBot.Core.Dialogs;
using CitizenBot.Core.Tests.Catalogue;

namespace CitizenBot.Core.Tests.Dialogs;

/// <summary>The passages of a procedure's own text that answer a yes/no, validity or deadline question, and the level check.</summary>
public sealed class ProcedureTextTests
{
    static readonly Procedure Death = new()
    {
        Code = "1.000656",
        Name = "Thủ tục đăng ký khai tử",
        Field = "Hộ tịch",
        Levels = ["Cấp xã"],
        Agency = "Ủy ban Nhân dân xã, phường, thị trấn.",
        Steps =
        [
            "- Nếu lựa chọn hình thức nộp hồ sơ trực tiếp, người yêu cầu đăng ký khai tử nộp hồ sơ tại Trung tâm Phục vụ hành chính công.",
            "Trong thời hạn 03 ngày làm việc kể từ ngày nhận được yêu cầu xác minh, Ủy ban nhân dân cấp xã có trách nhiệm kiểm tra, xác minh.",
        ],
        Documents =
        [
            new RequiredDocument("Giấy báo tử hoặc giấy tờ thay Giấy báo tử do cơ quan có thẩm quyền cấp", "1 bản chính"),
            new RequiredDocument("- Trong thời hạn 15 ngày kể từ ngày có người chết thì vợ, chồng hoặc con, cha, mẹ có trách nhiệm đi đăng ký khai tử; trường hợp người chết không có người thân thích thì đại diện của cơ quan đi khai tử."),
            new RequiredDocument("Hộ chiếu/Thẻ căn cước còn giá trị sử dụng để chứng minh về nhân thân", "1 bản chính"),
        ],
        Result = "Trích lục khai tử",
    };

    static readonly Procedure Passport = new()
    {
        Code = "1.000001",
        Name = "Cấp hộ chiếu phổ thông ở trong nước",
        Field = "Xuất nhập cảnh",
        Levels = ["Cấp tỉnh", "Cấp trung ương"],
        Agency = "Công an tỉnh",
        Conditions = "Không.",
        Result = "Hộ chiếu phổ thông. Hộ chiếu có giá trị sử dụng 10 năm kể từ ngày cấp.",
    };

    /// <summary>The repository's words (dialogs/procedure-text.txt), as the bot loads them.</summary>
    static readonly ProcedureText Text = LoadText();

    /// <summary>The repository's fact words (dialogs/fact-words.txt), as the bot loads them: the level check.</summary>
    static readonly FactCheck Facts = DialogSet.Load(RepoFolders.Dialogs).FactCheck;

    static ProcedureText LoadText()
    {
        var errors = new List<DialogError>();
        var text = ProcedureText.Load(Path.Combine(global::CitizenBot.Testing.RepositoryRoot.Path, "dialogs", ProcedureText.FileName), errors);
        Assert.Empty(errors);
        return text;
    }

    static IReadOnlyList<IReadOnlyList<Word>> Runs(params string[] runs) => runs.Select(r => UserText.Parse(r).Words).ToList();

    [Fact]
    public void A_passage_that_mentions_the_question_words_is_quoted()
    {
        var found = Text.Mentioning(Death, Runs("giấy báo tử"));
        Assert.NotNull(found);
        Assert.StartsWith("Giấy báo tử hoặc giấy tờ thay", found![0]);
    }

    [Fact]
    public void Words_the_text_never_mentions_give_no_passage_and_only_name_words_give_nothing_to_look_for()
    {
        Assert.Empty(Text.Mentioning(Death, Runs("đăng báo"))!);
        Assert.Null(Text.Mentioning(Death, Runs("khai tử")));
    }

    [Fact]
    public void One_word_of_several_is_a_chance_meeting()
    {
        // "lúc" typed without accents folds like "lục" of "Trích lục", but the question's other words are nowhere.
        var found = Text.Mentioning(Death, Runs("bat buoc", "luc"));
        Assert.Empty(found!);
        Assert.NotEmpty(Text.Mentioning(Death, Runs("trich luc"))!);
    }

    [Fact]
    public void Words_are_matched_as_typed()
    {
        // "cùng" typed with its accents is not "cung" of "cung cấp"; typed without them it may be either.
        var procedure = Death with { Steps = ["Người yêu cầu cung cấp thông tin theo mẫu."] };
        Assert.Empty(Text.Mentioning(procedure, Runs("cùng"))!);
        Assert.Single(Text.Mentioning(procedure, Runs("cung"))!);
    }

    [Fact]
    public void A_run_found_only_as_a_lone_word_counts_half()
    {
        // "báo" alone is in "Giấy báo tử", but "đăng báo" (publish in a newspaper) is not.
        var procedure = Death with { Name = "Thủ tục khai tử" };
        Assert.Empty(Text.Mentioning(procedure, Runs("đăng báo"))!);
    }

    [Theory]
    [InlineData("trong bao lâu phải đi khai tử", true)]
    [InlineData("thời hạn bao lâu phải đi khai", true)]
    [InlineData("hạn nộp hồ sơ", true)]
    [InlineData("bao lâu thì có kết quả", false)]
    [InlineData("mất bao lâu", false)]
    [InlineData("bao lâu phải chờ", false)]
    public void A_deadline_question_is_told_from_a_processing_time_one(string message, bool expected) =>
        Assert.Equal(expected, Text.AsksDeadline(message));

    [Fact]
    public void The_deadline_is_the_citizens_not_the_agencys()
    {
        var deadline = Assert.Single(Text.Deadlines(Death));
        Assert.StartsWith("Trong thời hạn 15 ngày kể từ ngày có người chết", deadline);
        Assert.DoesNotContain("cơ quan", deadline);
    }

    [Fact]
    public void Validity_is_read_from_the_result_not_from_the_papers_one_brings()
    {
        Assert.True(Text.AsksValidity("giấy này có giá trị bao lâu"));
        Assert.True(Text.AsksValidity("co thoi han may nam"));
        Assert.Contains(Text.Validity(Passport), p => p.Contains("10 năm"));
        Assert.Empty(Text.Validity(Death));
    }

    [Theory]
    [InlineData("Không.", true)]
    [InlineData("Không có thông tin", true)]
    [InlineData("khong co", true)]
    [InlineData("Không thuộc trường hợp bị cấm xuất cảnh.", false)]
    [InlineData("Có đủ 18 tuổi", false)]
    public void Conditions_that_say_there_are_none_are_none(string conditions, bool none) =>
        Assert.Equal(none, Text.SaysNone(conditions));

    [Theory]
    [InlineData("ở xã làm được ko", true, null)]
    [InlineData("làm ở ubnd xã dc ko", true, "uy-ban")]
    [InlineData("ra công an xã làm được ko", false, "cong-an")]
    [InlineData("lên tỉnh làm được không", false, null)]
    public void The_level_a_citizen_names_is_checked_against_who_carries_it_out(string message, bool yes, string? kind)
    {
        var check = Facts.AtLevel(message, Death);
        Assert.NotNull(check);
        Assert.Equal(yes, check!.Yes);
        Assert.Equal(kind, check.Kind);
    }

    [Fact]
    public void A_question_naming_two_levels_asks_which_and_the_levels_come_from_the_agency_when_none_are_listed()
    {
        var which = Facts.AtLevel("nộp ở xã hay tỉnh", Death)!;
        Assert.True(which.Either);
        Assert.False(Facts.AtLevel("lên tỉnh làm được không", Death)!.Either);
        Assert.Equal(["xa"], Facts.LevelsOf(Death));
        Assert.Equal(["xa"], Facts.LevelsOf(new Procedure { Code = "x", Name = "x", Field = "x", Agency = "Ủy ban nhân dân cấp xã" }));
        Assert.Empty(Facts.LevelsOf(new Procedure { Code = "x", Name = "x", Field = "x" }));
    }

    [Fact]
    public void A_negated_question_is_answered_only_by_a_passage_that_negates()
    {
        var birth = Death with
        {
            Documents = [new RequiredDocument("Trường hợp cha, mẹ trẻ đã đăng ký kết hôn, cơ quan đăng ký hộ tịch tra cứu thông tin kết hôn.")],
            Steps = [],
        };
        Assert.NotEmpty(Text.Mentioning(birth, Runs("cha mẹ đăng ký kết hôn"))!);
        var negated = UserText.Parse("đăng").Words;
        Assert.Empty(Text.Mentioning(birth, Runs("cha mẹ", "đăng ký kết hôn"), negated)!);
        // A negation of something else in the passage ("chưa có thông tin") does not make it the negated case.
        var other = birth with { Documents = [new RequiredDocument("Trường hợp chưa có thông tin thì cơ quan xác minh nơi cha, mẹ đã đăng ký kết hôn.")] };
        Assert.Empty(Text.Mentioning(other, Runs("cha mẹ", "đăng ký kết hôn"), negated)!);
        var unmarried = birth with { Documents = [new RequiredDocument("Trường hợp cha, mẹ chưa đăng ký kết hôn thì ghi theo lời khai của mẹ.")] };
        Assert.NotEmpty(Text.Mentioning(unmarried, Runs("cha mẹ", "đăng ký kết hôn"), negated)!);
    }

    [Theory]
    [InlineData("bố mẹ chưa đăng ký kết hôn thì có làm được ko", "đăng")]
    [InlineData("bo me chua dang ky ket hon co lam dc ko", "dang")]
    [InlineData("có phải đăng báo không", "")] // the closing "không" asks
    [InlineData("đã đăng ký kết hôn chưa", "")]
    public void A_negation_word_before_a_word_of_the_question_negates_it(string message, string negated)
    {
        var words = UserText.Parse(message).Words;
        var asking = new HashSet<string> { "có", "co", "được", "dc", "ko", "không", "chưa", "chua", "thì", "làm", "lam", "phải" };
        Assert.Equal(negated, string.Join(" ", Text.Negated(words, words.Select(w => !asking.Contains(w.Lower)).ToList()).Select(w => w.Lower)));
    }

    [Fact]
    public void A_level_check_knows_the_agency_kind_and_levels()
    {
        Assert.True(Facts.AtLevel("công an tỉnh làm được không", Passport)!.Yes);
        Assert.False(Facts.AtLevel("ra xã làm đc ko", Passport)!.Yes);
        Assert.Equal(["tinh", "trung-uong"], Facts.AtLevel("ra xã làm đc ko", Passport)!.Levels);
        // "xa" typed with other accents is another word ("xà"), and a message naming no level checks nothing.
        Assert.Null(Facts.AtLevel("làm xà phòng được không", Passport));
        Assert.Null(Facts.AtLevel("làm online được không", Passport));
        // Another place of a level is not a level: "ở tỉnh khác làm được không" asks where one lives.
        Assert.Null(Facts.AtLevel("ở tỉnh khác làm được không", Passport));
    }

    [Fact]
    public void An_agency_of_another_level_does_not_answer_for_the_level_asked()
    {
        // The national record of a certification: done at the commune and by "other agencies", whose names are the
        // only agencies it gives. The commune People's Committee asked for is the commune level's, not denied.
        var certification = new Procedure
        {
            Code = "2.000815", Name = "Chứng thực bản sao từ bản chính", Field = "Chứng thực",
            Levels = ["Cấp xã", "Cơ quan khác"], Agency = "Tổ chức hành nghề công chứng, Cơ quan đại diện có thẩm quyền",
        };
        var commune = Facts.AtLevel("o ubnd phuong lam dc ko", certification)!;
        Assert.True(commune.Yes);
        Assert.True(commune.ByLevelOnly);
        Assert.False(Facts.AtLevel("lên tỉnh làm được không", certification)!.Yes);
        // An agency that names the level asked, or the only level there is, still decides the kind.
        Assert.False(Facts.AtLevel("ra công an xã làm được ko", Death)!.Yes);
        Assert.False(Facts.AtLevel("ra công an xã làm được ko", certification with { Agency = "Ủy ban nhân dân cấp xã, Tổ chức hành nghề công chứng" })!.Yes);
    }
}
