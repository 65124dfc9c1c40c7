using System.Text;
using CitizenBot.Core.Analysis;

namespace CitizenBot.Core.Tests.Analysis;

public sealed class VietnameseTextTests
{
    [Theory]
    // Old and new tone placement meet: "hoà" == "hòa", "thuý" == "thúy", "khoẻ" == "khỏe".
    [InlineData("hòa", "hoà")]
    [InlineData("hoà", "hoà")]
    [InlineData("thúy", "thuý")]
    [InlineData("thuý", "thuý")]
    [InlineData("khỏe", "khoẻ")]
    [InlineData("thủy", "thuỷ")]
    [InlineData("HÒA BÌNH", "HOÀ BÌNH")]
    // A final consonant moves the mark to the second vowel: "hòan" is "hoàn".
    [InlineData("hòan", "hoàn")]
    [InlineData("hoàn", "hoàn")]
    // ư+ơ takes the mark on ơ; "qu" and "gi" are initials, not vowels.
    [InlineData("ngừơi", "người")]
    [InlineData("qúy", "quý")]
    [InlineData("gía", "giá")]
    [InlineData("gìn", "gìn")]
    // Already canonical, punctuation and digits untouched.
    [InlineData("Đăng ký khai sinh, 2025!", "Đăng ký khai sinh, 2025!")]
    [InlineData("", "")]
    public void Normalize_places_the_tone_mark_on_one_canonical_vowel(string input, string expected) =>
        Assert.Equal(expected, VietnameseText.Normalize(input));

    [Theory]
    [InlineData("ho\u0300a", "hoà")] // NFD "hòa"
    [InlineData("thu\u0301y", "thuý")] // NFD "thúy"
    [InlineData("\u0111a\u0306ng ky\u0301", "đăng ký")] // đ precomposed, ă and ý decomposed
    [InlineData("Ngu\u031B\u0300o\u031Bi", "Người")] // every mark combining
    public void Normalize_composes_decomposed_input(string input, string expected)
    {
        var normalized = VietnameseText.Normalize(input);
        Assert.Equal(expected, normalized);
        Assert.True(normalized.IsNormalized(NormalizationForm.FormC));
    }

    [Theory]
    [InlineData("hoà", "hòa")]
    [InlineData("thuý", "thúy")]
    [InlineData("khoẻ", "khỏe")]
    [InlineData("Thừa Thiên Huế", "Thừa Thiên Huế")]
    public void Both_spellings_normalize_to_the_same_text(string a, string b) =>
        Assert.Equal(VietnameseText.Normalize(a), VietnameseText.Normalize(b));

    [Theory]
    [InlineData("lí lịch", "lý lịch")]
    [InlineData("liệt sĩ", "liệt sỹ")]
    [InlineData("kĩ thuật", "kỹ thuật")]
    [InlineData("quí", "quý")]
    [InlineData("hi sinh", "hy sinh")]
    [InlineData("công ti", "công ty")]
    [InlineData("LÍ", "LÝ")]
    [InlineData("thi", "thi")] // "th" is never followed by y
    [InlineData("chi", "chi")]
    [InlineData("lịch", "lịch")] // not a lone final vowel
    [InlineData("tuy", "tuy")]
    public void Normalize_spells_a_lone_final_i_or_y_one_way(string input, string expected) =>
        Assert.Equal(expected, VietnameseText.Normalize(input));

    [Theory]
    [InlineData("Đăng ký", "Dang ky")]
    [InlineData("đường", "duong")]
    [InlineData("ĐƯỜNG", "DUONG")]
    [InlineData("Nguyễn Thị Ánh", "Nguyen Thi Anh")]
    [InlineData("giấy phép lái xe", "giay phep lai xe")]
    [InlineData("ho\u0300a", "hoa")] // decomposed input
    [InlineData("khai sinh 2025", "khai sinh 2025")]
    [InlineData("", "")]
    public void Fold_removes_every_diacritic_and_maps_d_with_stroke_to_d(string input, string expected) =>
        Assert.Equal(expected, VietnameseText.Fold(input));

    [Fact]
    public void Folding_maps_the_letter_d_with_stroke_which_canonical_decomposition_keeps()
    {
        // NFD leaves đ (U+0111) whole: it is a letter of its own, not d + a mark.
        Assert.Equal("đ", "đ".Normalize(NormalizationForm.FormD));
        Assert.Equal("d", VietnameseText.Fold("đ"));
        Assert.Equal("D", VietnameseText.Fold("Đ"));
    }

    [Theory]
    [InlineData("dang ky", false)]
    [InlineData("GPLX B2", false)]
    [InlineData("đăng", true)]
    [InlineData("đ", true)]
    [InlineData("hoà", true)]
    public void HasDiacritics_tells_whether_the_user_typed_accents(string text, bool expected) =>
        Assert.Equal(expected, VietnameseText.HasDiacritics(text));

    [Theory]
    [InlineData("hoà", "hoa", '\u0300')]
    [InlineData("tạm", "tam", '\u0323')]
    [InlineData("đăng", "đăng", '\0')]
    [InlineData("người", "ngươi", '\u0300')]
    public void SplitTone_separates_the_tone_mark_from_the_other_diacritics(string syllable, string toneless, char tone)
    {
        var (actualToneless, actualTone) = VietnameseText.SplitTone(syllable);
        Assert.Equal(toneless, actualToneless);
        Assert.Equal(tone, actualTone);
    }

    [Theory]
    [InlineData("Nguyễn Đức Thuỷ", "Nguyen Duc Thuy")]
    [InlineData("Nguye\u0303n", "Nguye\u0303n")] // a combining mark is kept: the copy keeps the original's indices
    public void FoldEachCharacter_keeps_one_character_for_one(string input, string expected)
    {
        var folded = VietnameseText.FoldEachCharacter(input);
        Assert.Equal(expected, folded);
        Assert.Equal(input.Length, folded.Length);
    }

    [Theory]
    [InlineData("Thanh Hoá", "THANH HÓA")]
    [InlineData("thanh hoa", "Thanh Hóa")]
    [InlineData("Lý lịch", "lí lịch")]
    public void Comparable_makes_spellings_of_the_same_words_equal(string a, string b) =>
        Assert.Equal(VietnameseText.Comparable(a), VietnameseText.Comparable(b));

    [Theory]
    [InlineData("Đường")]
    [InlineData("người")]
    [InlineData("ho\u0300a")] // a combining mark is dropped, so the span is shorter
    [InlineData("khai sinh")]
    [InlineData("ø straße")]
    [InlineData("")]
    public void Folding_a_span_and_telling_a_folded_word_agree_with_Fold(string text)
    {
        var destination = new char[text.Length];
        Assert.Equal(VietnameseText.Fold(text), new string(destination, 0, VietnameseText.Fold(text, destination)));
        Assert.Equal(VietnameseText.Fold(text) == text, VietnameseText.IsFolded(text));
    }

    [Fact]
    public void LowerInvariant_is_the_runtimes_invariant_lowercase_for_every_UTF16_unit()
    {
        for (var c = char.MinValue; ; c++)
        {
            Assert.Equal(char.ToLowerInvariant(c), VietnameseText.LowerInvariant(c));
            if (c == char.MaxValue) break;
        }
        Assert.Equal('đ', VietnameseText.LowerInvariant('Đ'));
        Assert.Equal('ư', VietnameseText.LowerInvariant('Ư'));
    }
}
