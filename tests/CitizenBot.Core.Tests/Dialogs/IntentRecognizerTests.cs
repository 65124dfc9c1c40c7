using CitizenBot.Core.Conversations;
using CitizenBot.Core.Dialogs;

namespace CitizenBot.Core.Tests.Dialogs;

/// <summary>What messages are for, with the repository's intent lexicon and provinces.</summary>
[Collection(DialogTestCollection.Name)]
public sealed class IntentRecognizerTests(DialogTestData data)
{
    readonly IntentRecognizer _recognizer = new(data.Dialogs.Lexicon, data.Catalogue);

    static readonly IReadOnlyList<ClarificationChoice> Choices =
    [
        new("1.001193", "Thủ tục đăng ký khai sinh"),
        new("1.000894", "Thủ tục đăng ký kết hôn"),
        new("1.000656", "Thủ tục đăng ký khai tử"),
        new("2.000528", "Thủ tục đăng ký khai sinh có yếu tố nước ngoài"),
    ];

    [Theory]
    [InlineData("phí bao nhiêu?", "fee")]
    [InlineData("phi bao nhieu vay", "fee")]
    [InlineData("Lệ phí", "fee")]
    [InlineData("hết bao nhiêu tiền ạ", "fee")]
    [InlineData("gia bao nhieu vay", "fee")]
    [InlineData("mất bao lâu vậy ạ", "time")]
    [InlineData("mat may ngay", "time")]
    [InlineData("Thời gian giải quyết", "time")]
    [InlineData("cần giấy tờ gì?", "documents")]
    [InlineData("can mang theo nhung gi", "documents")]
    [InlineData("Giấy tờ cần chuẩn bị", "documents")]
    [InlineData("hồ sơ gồm những gì", "documents")]
    [InlineData("nộp ở đâu?", "where")]
    [InlineData("nop o dau", "where")]
    [InlineData("cơ quan nào giải quyết", "where")]
    [InlineData("làm online được không", "online")]
    [InlineData("co nop truc tuyen duoc ko", "online")]
    [InlineData("Cách nộp trực tuyến", "online")]
    [InlineData("phí bn", "fee")]
    [InlineData("bn ngày vậy", "time")]
    [InlineData("làm trong ngày luôn hả", "time")]
    [InlineData("có lấy ngay được không", "time")]
    [InlineData("ai được làm", "who")]
    [InlineData("cần điều kiện gì", "conditions")]
    [InlineData("có giá trị bao lâu", "result")]
    [InlineData("làm xong gửi về nhà được không", "result")]
    [InlineData("co gui qua buu dien duoc ko", "result")]
    public void A_follow_up_without_a_new_topic_is_a_facet(string text, string facet)
    {
        var r = _recognizer.Recognize(text, null, null);
        Assert.Equal(Intents.Facet, r.Intent);
        Assert.Equal(facet, r.Facet);
    }

    [Theory]
    [InlineData("đăng ký kết hôn mất bao lâu", "time")]
    [InlineData("làm hộ chiếu cần giấy tờ gì", "documents")]
    [InlineData("đổi bằng lái xe", null)]
    [InlineData("hướng dẫn đăng ký khai sinh", null)]
    [InlineData("cháo", null)]
    [InlineData("gia han the bhyt", null)] // "gia hạn", not the "giá" of a fee
    [InlineData("mua bhyt ho gia dinh", null)]
    [InlineData("làm sao để bắt đầu lại việc kinh doanh", null)]
    public void A_message_with_a_topic_is_a_question(string text, string? facet)
    {
        var r = _recognizer.Recognize(text, null, null);
        Assert.Equal(Intents.Question, r.Intent);
        Assert.Equal(facet, r.Facet);
    }

    [Theory]
    [InlineData("bắt đầu lại", "restart")]
    [InlineData("lam lai tu dau", "restart")]
    [InlineData("ok, bắt đầu lại nhé", "restart")]
    [InlineData("xin chào", "greeting")]
    [InlineData("chao ban", "greeting")]
    [InlineData("cảm ơn bạn nhiều nhé", "thanks")]
    [InlineData("cam on", "thanks")]
    [InlineData("hướng dẫn", "help")]
    [InlineData("giúp mình với", "help")]
    [InlineData("bạn là ai", "smalltalk")]
    [InlineData("ok", "ack")]
    [InlineData("👍", "feedback-up")]
    [InlineData("👍🏻", "feedback-up")]
    [InlineData("👎", "feedback-down")]
    [InlineData("không hữu ích", "feedback-down")]
    [InlineData("???", "unclear")]
    [InlineData("5", "unclear")]
    [InlineData("", "empty")]
    [InlineData("   ", "empty")]
    public void Short_turns(string text, string intent) => Assert.Equal(intent, _recognizer.Recognize(text, null, null).Intent);

    [Theory]
    [InlineData("à không, ý tôi là đăng ký kết hôn", "đăng ký kết hôn")]
    [InlineData("không phải, đăng ký thường trú", "đăng ký thường trú")]
    [InlineData("ko phai, y minh la lam ho chieu", "lam ho chieu")]
    public void A_correction_keeps_the_rest(string text, string rest)
    {
        var r = _recognizer.Recognize(text, null, null);
        Assert.Equal(Intents.Correction, r.Intent);
        Assert.Equal(rest, r.Rest);
        Assert.True(r.RestHasContent);
    }

    [Fact]
    public void A_bare_correction_has_no_rest()
    {
        var r = _recognizer.Recognize("không phải", null, null);
        Assert.Equal(Intents.Correction, r.Intent);
        Assert.False(r.RestHasContent);
    }

    [Theory]
    [InlineData("tôi ở Lạng Sơn", "lang-son", null, false)]
    [InlineData("mình ở quang nam", "da-nang", "Quảng Nam", false)]
    [InlineData("em ở tỉnh Hà Nam", "ninh-binh", "Hà Nam", false)]
    [InlineData("Thừa Thiên Huế", "hue", null, false)]
    [InlineData("tôi sống tại TP HCM", "ho-chi-minh", null, false)]
    [InlineData("tôi ở Hà Nội muốn đăng ký kết hôn", "ha-noi", null, true)]
    public void A_province_is_found_with_its_pre_2025_name(string text, string province, string? former, bool hasRest)
    {
        var r = _recognizer.Recognize(text, null, null);
        Assert.Equal(Intents.Province, r.Intent);
        Assert.Equal(province, r.Province?.Id);
        Assert.Equal(former, r.FormerProvinceName);
        Assert.Equal(hasRest, r.RestHasContent);
    }

    [Theory]
    [InlineData("nộp ở đâu")]
    [InlineData("tại sao phải nộp phí")]
    [InlineData("đăng ký thường trú ở nhà thuê")]
    public void Ở_and_tại_before_other_words_are_not_a_province(string text) =>
        Assert.NotEqual(Intents.Province, _recognizer.Recognize(text, null, null).Intent);

    [Theory]
    [InlineData("2", 2)]
    [InlineData("số 3", 3)]
    [InlineData("cái thứ hai", 2)]
    [InlineData("chọn cái đầu tiên", 1)]
    [InlineData("1. Đăng ký khai sinh", 1)]
    [InlineData("5", 5)]
    [InlineData("kết hôn", 2)]
    [InlineData("ket hon", 2)]
    [InlineData("khai tử", 3)]
    [InlineData("khai sinh", 1)]
    [InlineData("khai sinh có yếu tố nước ngoài", 4)]
    public void A_pending_clarification_is_answered_by_number_or_name(string text, int choice)
    {
        var r = _recognizer.Recognize(text, null, Choices);
        Assert.Equal(Intents.Choice, r.Intent);
        Assert.Equal(choice, r.Choice);
    }

    [Fact]
    public void Something_else_during_a_clarification_is_a_question() =>
        Assert.Equal(Intents.Question, _recognizer.Recognize("đổi bằng lái xe", null, Choices).Intent);

    [Fact]
    public void A_feedback_button_value_names_the_procedure()
    {
        var value = System.Text.Json.JsonSerializer.SerializeToElement(new { action = "feedback", rating = "down", code = "1.001193" });
        var r = _recognizer.Recognize("👎", value, null);
        Assert.Equal(Intents.FeedbackDown, r.Intent);
        Assert.Equal("1.001193", r.FeedbackCode);
    }

    [Fact]
    public void A_greeting_inside_a_sentence_is_not_a_greeting() =>
        Assert.Equal(Intents.Question, _recognizer.Recognize("mẫu tờ khai hi vọng đăng ký khai sinh", null, null).Intent);

    [Fact]
    public void A_greeting_before_a_question_keeps_the_question()
    {
        var r = _recognizer.Recognize("chào bạn, cho hỏi đăng ký kết hôn", null, null);
        Assert.Equal(Intents.Greeting, r.Intent);
        Assert.True(r.RestHasContent);
        Assert.Contains("đăng ký kết hôn", r.Rest);
    }

    [Theory]
    [InlineData("cái thứ 2, loại thường xuyên ấy ạ, nhà em có người ốm", 2)]
    [InlineData("số 3 nhé, vì em cần gấp", 3)]
    [InlineData("cái đầu tiên á, sao y bản chính", 1)]
    public void An_ordinal_first_and_a_reason_after_is_a_choice(string text, int choice)
    {
        var r = _recognizer.Recognize(text, null, Choices);
        Assert.Equal(Intents.Choice, r.Intent);
        Assert.Equal(choice, r.Choice);
    }

    [Theory]
    [InlineData("cai thu 3")]
    [InlineData("số 2")]
    [InlineData("chọn cái đầu tiên")]
    public void A_choice_with_no_list_open_picks_nothing_and_searches_nothing(string text) =>
        Assert.Equal(Intents.Unclear, _recognizer.Recognize(text, null, null).Intent);

    [Fact]
    public void A_number_that_counts_something_is_not_a_choice()
    {
        Assert.NotEqual(Intents.Choice, _recognizer.Recognize("2 con em đều cần khai sinh", null, Choices).Intent);
    }

    [Theory]
    [InlineData("nhà e ở Nghi Lộc, Nghệ An thì nộp ở đâu", "Nghệ An")]
    [InlineData("làm khai sinh cho con ở quê, Thanh Hóa", "Thanh Hóa")]
    public void A_province_set_off_inside_a_longer_message_is_found(string text, string province)
    {
        var r = _recognizer.Recognize(text, null, null);
        Assert.Equal(Intents.Province, r.Intent);
        Assert.Equal(province, r.Province!.Name);
    }

    [Theory]
    [InlineData("e ko ở hcm đâu, e ở cần thơ", "Cần Thơ", Intents.Province)]
    [InlineData("mình ở Đà Nẵng chứ không phải Hà Nội", "Đà Nẵng", Intents.Province)]
    [InlineData("à mà e ở tỉnh lẻ, ko phải hà nội", null, Intents.Question)]
    [InlineData("em không phải ở Huế", null, Intents.Unclear)]
    public void A_province_the_citizen_says_is_not_theirs_is_not_taken(string text, string? province, string intent)
    {
        var read = _recognizer.WithoutNegations(UserText.Parse(text));
        var r = _recognizer.Recognize(read, null);
        Assert.Equal(province, r.Province?.Name);
        Assert.Equal(intent, r.Intent);
    }

    [Theory]
    [InlineData("à nhầm, e bị mất căn cước chứ ko phải hết hạn", "à nhầm, e bị mất căn cước")]
    [InlineData("đập đi xây mới hẳn nhà 2 tầng chứ không phải sửa, thì xin giấy phép nào", "đập đi xây mới hẳn nhà 2 tầng thì xin giấy phép nào")]
    [InlineData("xay moi chu ko phai sua chua thi xin giay phep nao", "xay moi thi xin giay phep nao")]
    [InlineData("ông e là bộ đội chứ ko phải công an", "ông e là bộ đội")]
    [InlineData("làm online thì không phải ra xã đúng ko", "làm online thì không phải ra xã đúng ko")]
    [InlineData("chứ không phải khai sinh", "chứ không phải khai sinh")]
    public void What_the_citizen_says_they_do_not_mean_is_not_read(string text, string read)
    {
        Assert.Equal(read, _recognizer.WithoutNegations(UserText.Parse(text)).Text);
    }

    [Theory]
    [InlineData("mua dat cua ong Ba o thon 3 xa Hoa Binh, da cong chung roi")]
    [InlineData("nhà em ở phường Hòa Bình, cần làm tạm trú")]
    public void A_province_name_after_a_unit_below_the_province_is_not_taken(string text) =>
        Assert.Null(_recognizer.Recognize(text, null, null).Province);

    [Fact]
    public void A_province_name_run_into_a_sentence_is_not_taken()
    {
        Assert.NotEqual(Intents.Province, _recognizer.Recognize("đăng ký kinh doanh quán cà phê hòa bình ở phố cổ nhé", null, null).Intent);
    }

    [Theory]
    [InlineData("phí 70 nghìn đúng hông", true, false)]
    // A yes/no particle at the end, before any filler, makes a yes/no question; "không" inside a sentence does not.
    [InlineData("vợ e 19 tuổi, đăng ký được ko", true, false)]
    [InlineData("phai dang bao ko a", true, false)]
    [InlineData("có cần dắt xe đến cho công an kiểm tra không", true, false)]
    [InlineData("17 tuổi đăng ký kết hôn được chưa", true, false)]
    [InlineData("không có sổ hộ khẩu thì làm thế nào", false, false)]
    [InlineData("con chưa có giấy khai sinh, làm ở đâu", false, false)]
    [InlineData("tiện hỏi luôn, nộp phạt ở đâu", false, true)]
    public void Checks_and_changes_of_subject_are_marked(string text, bool check, bool change)
    {
        var r = _recognizer.Recognize(text, null, null);
        Assert.Equal(check, r.Check);
        Assert.Equal(change, r.Switch);
    }

    [Theory]
    // What was not meant, then what was: only what was meant is searched.
    [InlineData("ko phải khai sinh, e hỏi khai tử", "e hỏi khai tử")]
    [InlineData("không phải, đăng ký thường trú", "đăng ký thường trú")]
    [InlineData("à không, ý tôi là đăng ký kết hôn", "đăng ký kết hôn")]
    public void A_correction_searches_what_was_meant(string text, string rest)
    {
        var r = _recognizer.Recognize(text, null, null);
        Assert.Equal(Intents.Correction, r.Intent);
        Assert.Equal(rest, r.Rest);
    }
}
