using CitizenBot.Core.Demand;

namespace CitizenBot.Core.Tests.Demand;

/// <summary>Realistic questions with personal data in them, as citizens type them (with and without diacritics).</summary>
public sealed class PersonalDataScrubberTests
{
    static readonly PersonalDataScrubber Scrubber = new(["Hồ Chí Minh", "Thành phố Hồ Chí Minh", "Hà Nội", "Thái Bình", "Bà Rịa - Vũng Tàu", "Lâm Đồng", "Cao Bằng", "Hà Giang"]);

    [Theory]
    // Phone numbers: 10-digit mobiles with spaces, dots or dashes; +84 and 84 prefixes; 11-digit landlines.
    [InlineData("sdt cua em la 0912345678 a", "sdt cua em la [SĐT] a")]
    [InlineData("Gọi cho tôi số 0912 345 678 nhé", "Gọi cho tôi số [SĐT] nhé")]
    [InlineData("liên hệ 091.234.5678 hoặc 024 3825 1234", "liên hệ [SĐT] hoặc [SĐT]")]
    [InlineData("zalo +84 912 345 678 giúp em", "zalo [SĐT] giúp em")]
    [InlineData("sđt (+84)912-345-678", "sđt [SĐT]")]
    [InlineData("số 84912345678 đăng ký chưa", "số [SĐT] đăng ký chưa")]
    // Identity numbers: 12-digit CCCD and 9-digit CMND, plain or grouped.
    [InlineData("CCCD của tôi 001099012345 bị mất", "CCCD của tôi [SỐ ĐỊNH DANH] bị mất")]
    [InlineData("cccd 001 099 012 345 het han", "cccd [SỐ ĐỊNH DANH] het han")]
    [InlineData("số cmnd 123456789 cấp năm 2010", "số cmnd [SỐ ĐỊNH DANH] cấp năm 2010")]
    [InlineData("CMND: 123.456.789", "CMND: [SỐ ĐỊNH DANH]")]
    // E-mail addresses.
    [InlineData("gửi kết quả về nguyenvan.an92@gmail.com được không", "gửi kết quả về [EMAIL] được không")]
    [InlineData("email: lan_tran+hs@hanoi.edu.vn", "email: [EMAIL]")]
    // Licence plates, cars and motorbikes, any case.
    [InlineData("xe biển 29A-123.45 bị phạt nguội", "xe biển [BIỂN SỐ] bị phạt nguội")]
    [InlineData("sang tên xe máy 51F1-234.56 thế nào", "sang tên xe máy [BIỂN SỐ] thế nào")]
    [InlineData("bien so 30e12345 dang kiem o dau", "bien so [BIỂN SỐ] dang kiem o dau")]
    [InlineData("xe 59-X1 234.56 mất giấy đăng ký", "xe [BIỂN SỐ] mất giấy đăng ký")]
    [InlineData("ô tô 29A-1234 đời cũ", "ô tô [BIỂN SỐ] đời cũ")]
    // Names after "tên tôi là", "tôi tên", "em là", honorifics and full names.
    [InlineData("Tên tôi là Nguyễn Văn An, cho hỏi làm lại căn cước", "Tên tôi là [TÊN], cho hỏi làm lại căn cước")]
    [InlineData("ten toi la nguyen van an cho hoi lam cccd", "ten toi la [TÊN] cho hoi lam cccd")]
    [InlineData("tôi tên Lan, muốn đăng ký khai sinh cho con", "tôi tên [TÊN], muốn đăng ký khai sinh cho con")]
    [InlineData("Em là Hoa, em muốn hỏi thủ tục kết hôn", "Em là [TÊN], em muốn hỏi thủ tục kết hôn")]
    [InlineData("chào ad, em là Trần Thị Bích Ngọc ạ", "chào ad, em là [TÊN] ạ")]
    [InlineData("mình tên là phạm minh tuấn muốn đổi bằng lái", "mình tên là [TÊN] muốn đổi bằng lái")]
    [InlineData("họ và tên: Lê Văn Tám", "họ và tên: [TÊN]")]
    [InlineData("cho chị Lan hỏi về hộ khẩu", "cho chị [TÊN] hỏi về hộ khẩu")]
    [InlineData("con tôi tên là Minh Khôi sinh năm 2020", "con tôi tên là [TÊN] sinh năm 2020")]
    [InlineData("Nguyễn Thị Mai hỏi cách nộp thuế đất", "[TÊN] hỏi cách nộp thuế đất")]
    // A hamlet is an address; a neighbour ("hàng xóm") is not (in the list of what stays, below).
    [InlineData("nhà em ở xóm 5 thôn Đông, muốn tách thửa", "nhà em ở [ĐỊA CHỈ], muốn tách thửa")]
    // Several kinds at once.
    [InlineData("Tôi là Đỗ Hùng, sđt 0987.654.321, cccd 038085001234, email hung.do@yahoo.com",
                "Tôi là [TÊN], sđt [SĐT], cccd [SỐ ĐỊNH DANH], email [EMAIL]")]
    // Other long numbers (tax code, social insurance, bank account).
    [InlineData("mã số thuế 8012345678 của tôi", "mã số thuế [SỐ] của tôi")]
    public void Personal_data_is_replaced_by_placeholders(string question, string expected) =>
        Assert.Equal(expected, Scrubber.Scrub(question).Text);

    [Theory]
    // What must stay: places that look like names, procedure codes, years, fees, ordinary words.
    [InlineData("làm hộ chiếu ở Thành phố Hồ Chí Minh mất bao lâu")]
    [InlineData("đăng ký kết hôn tại Thái Bình cần giấy tờ gì")]
    [InlineData("tôi ở Bà Rịa - Vũng Tàu muốn cấp lại sổ đỏ")]
    [InlineData("thủ tục 1.001193 phí bao nhiêu")]
    [InlineData("lệ phí 100.000 đồng năm 2024")]
    [InlineData("phí 15.000.000 đúng ko")] // an amount in round thousands, not a number of a person
    [InlineData("tiền phạt 12.500.000 đồng")]
    [InlineData("em là sinh viên muốn hỏi tạm trú")]
    [InlineData("Cho em hỏi Thủ tục Đăng Ký Kết Hôn")] // typed in title case: "Đăng" is not the surname Đặng
    [InlineData("đàn heo bị dịch tả heo châu Phi phải tiêu hủy")] // "châu" is not the honorific "cháu"
    [InlineData("à không, ý tôi là đăng ký kết hôn")]
    [InlineData("Ông Bà em để lại mảnh đất")]
    [InlineData("ho ten trong so do bi sai")] // about the name on a paper, no name in it
    [InlineData("đổi tên con gái thế nào")] // "ý tôi là" corrects; "đăng" is not the surname Đặng
    [InlineData("tôi là người dân Lâm Đồng")]
    [InlineData("đường Lê Lợi quận 1 có bưu điện không")]
    [InlineData("cho em hỏi làm lại CCCD bị mất ở đâu ạ")]
    [InlineData("xin giay phep xay dung nha o")]
    [InlineData("hàng xóm lấn đất nhà e 1 mét, e muốn ubnd xã hòa giải")] // "hàng xóm" is a neighbour, not a hamlet
    [InlineData("hang xom xay lan sang dat nha em")]
    [InlineData("")]
    public void Ordinary_questions_are_left_as_they_are(string question) =>
        Assert.Equal(question, Scrubber.Scrub(question).Text);

    [Fact]
    public void The_normalized_form_loses_the_same_personal_data_even_where_the_normalizer_dropped_the_trigger()
    {
        var question = Scrubber.Scrub("tên tôi là Nguyễn Văn An, sđt 0912 345 678, email an.nguyen@gmail.com, cho em hỏi làm lại căn cước bị mất ở Hà Nội");
        // What the search printed for this question: "tôi là" and punctuation are gone, the e-mail is split.
        var normalized = Scrubber.ScrubNormalized("tên nguyễn văn an số điện thoại 0912 345 678 email an nguyen gmail com làm lại căn cước mất hà nội", question);

        Assert.DoesNotContain("nguyễn", normalized);
        Assert.DoesNotContain("0912", normalized);
        Assert.DoesNotContain("678", normalized);
        Assert.DoesNotContain("gmail", normalized);
        Assert.Contains("[TÊN]", normalized);
        Assert.Contains("[SĐT]", normalized);
        Assert.Contains("làm lại căn cước mất hà nội", normalized);
    }

    [Fact]
    public void Random_text_never_throws_and_keeps_no_long_digit_runs()
    {
        var random = new Random(7);
        const string alphabet = "0123456789 .-+@abcđêôưăâáàảãạ ABCĐTênTôiLàEm:,";
        for (var i = 0; i < 2000; i++)
        {
            var text = new string(Enumerable.Range(0, random.Next(0, 80)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
            var scrubbed = Scrubber.Scrub(text).Text;
            Assert.DoesNotMatch(@"\d{9,}", scrubbed);
        }
    }

    [Theory]
    [InlineData("xin phép nuôi rồng 🙏")]
    [InlineData("em là Lan 👩‍👧 sđt 0912345678 😀")]
    [InlineData("half an emoji \uD83D here")]
    [InlineData("\uDE4F starts with a low surrogate")]
    [InlineData("𝐍𝐠𝐮𝐲𝐞̂̃𝐧 bold letters 𝟎𝟗𝟏𝟐𝟑𝟒𝟓𝟔𝟕𝟖")]
    public void Emoji_and_lone_surrogates_scrub_into_well_formed_text(string question)
    {
        var scrubbed = Scrubber.Scrub(question);
        Assert.True(IsWellFormed(scrubbed.Text), scrubbed.Text);
        Assert.True(IsWellFormed(Scrubber.ScrubNormalized(question.ToLowerInvariant(), scrubbed)));
    }

    /// <summary>
    /// Property: the scrubber is total. Thousands of generated strings (seeded) from every Unicode range — lone high and
    /// low surrogates, non-BMP characters, combining marks on anything, controls, Vietnamese, digits, and 10,000-character
    /// texts — scrub without throwing into well-formed UTF-16 with no nine-digit run left, in both columns.
    /// </summary>
    [Fact]
    public void Any_string_scrubs_without_throwing_into_well_formed_text()
    {
        var random = new Random(20261204);
        var factory = DemandTestData.Factory();
        for (var i = 0; i < 2000; i++)
        {
            var length = i % 200 == 0 ? 10_000 : random.Next(0, 120);
            var text = RandomText(random, length);
            var scrubbed = Scrubber.Scrub(text);
            var normalized = Scrubber.ScrubNormalized(text.ToLowerInvariant(), scrubbed);
            Assert.True(IsWellFormed(scrubbed.Text) && IsWellFormed(normalized), $"case {i}");
            Assert.DoesNotMatch(@"\d{9,}", scrubbed.Text);
            var entry = factory.Create(DemandTestData.Event(DemandOutcome.NoMatch, text, normalized: text));
            Assert.NotEqual(DemandEntryFactory.WithheldText, entry.Question);
        }
        Assert.Equal(0, factory.Withheld);
    }

    const string VietnameseLetters = "aăâbcdđeêghiklmnoôơpqrstuưvxyÁÀẢÃẠẤỆỮ";

    static string RandomText(Random random, int length)
    {
        var text = new System.Text.StringBuilder(length + 2);
        while (text.Length < length)
        {
            switch (random.Next(10))
            {
                case 0: text.Append((char)random.Next(0xD800, 0xE000)); break; // A lone surrogate, high or low.
                case 1: text.Append(char.ConvertFromUtf32(random.Next(0x10000, 0x10FFFF) is var c && c is >= 0xD800 and < 0xE000 ? 0x1F64F : c)); break;
                case 2: text.Append((char)random.Next(0x0300, 0x0370)); break; // A combining mark.
                case 3: text.Append((char)random.Next(0, 0x20)); break;
                case 4: text.Append("0123456789"[random.Next(10)]); break;
                case 5: text.Append(" .-/@,:"[random.Next(7)]); break;
                case 6: text.Append(new[] { "tên tôi là ", "em là ", "số ", "ngõ ", "đường ", "thôn ", "stk ", "sinh ngày ", "Nguyễn ", "không chín " }[random.Next(10)]); break;
                case 7: text.Append(VietnameseLetters[random.Next(VietnameseLetters.Length)]); break;
                default: text.Append((char)random.Next(0x20, 0xFFFF)); break;
            }
        }
        return text.ToString();
    }

    static bool IsWellFormed(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (!char.IsSurrogate(text[i])) continue;
            if (!char.IsHighSurrogate(text[i]) || i + 1 >= text.Length || !char.IsLowSurrogate(text[++i])) return false;
        }
        return true;
    }

    [Fact]
    public void A_search_reads_the_need_without_the_placeholders_nor_the_words_that_introduced_them()
    {
        var scrubbed = Scrubber.Scrub("e ten Nguyen Van Hung sdt 0912345678, o so 12 ngo 5 Cau Giay, muon lam ho chieu lan dau").Text;
        var search = PersonalDataScrubber.WithoutPlaceholders(scrubbed);
        Assert.DoesNotContain("[", search);
        Assert.DoesNotContain("ten", search.Split(' ', ',').Where(w => w.Length > 0));
        Assert.DoesNotContain("sdt", search);
        Assert.Contains("muon lam ho chieu lan dau", search);
        Assert.Equal("đổi tên cho con", PersonalDataScrubber.WithoutPlaceholders("đổi tên cho con"));
    }
}
