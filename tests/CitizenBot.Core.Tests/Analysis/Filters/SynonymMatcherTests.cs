using CitizenBot.Core.Analysis;
using CitizenBot.Core.Analysis.Filters;

namespace CitizenBot.Core.Tests.Analysis.Filters;

/// <summary>Solr synonym semantics: "a, b, c" makes every phrase mean the others; "a => b" makes a mean b only.</summary>
public sealed class SynonymMatcherTests
{
    static LexiconWord[] Phrase(string text) => text.Split(' ').Select(LexiconWord.From).ToArray();

    static SynonymRule Equivalent(params string[] phrases)
    {
        var list = phrases.Select(Phrase).ToList();
        return new SynonymRule(list, list, "test");
    }

    static SynonymRule OneWay(string from, params string[] to) => new([Phrase(from)], to.Select(Phrase).ToList(), "test");

    static string[] Words(string text) => VietnameseText.Normalize(text).ToLowerInvariant().Split(' ');

    static string[] Expansions(SynonymMatch match) => match.Expansions.Select(e => string.Join(' ', e.Select(w => w.Written))).ToArray();

    [Fact]
    public void Equivalent_phrases_mean_each_other_and_keep_the_original()
    {
        var matcher = new SynonymMatcher([Equivalent("sổ đỏ", "giấy chứng nhận quyền sử dụng đất")]);

        var short_ = Assert.Single(matcher.FindMatches(Words("cấp lại sổ đỏ")));
        Assert.Equal((2, 2, true), (short_.Start, short_.Length, short_.KeepsOriginal));
        Assert.Equal(["giấy chứng nhận quyền sử dụng đất"], Expansions(short_));

        var long_ = Assert.Single(matcher.FindMatches(Words("giấy chứng nhận quyền sử dụng đất")));
        Assert.Equal(["sổ đỏ"], Expansions(long_));
        Assert.True(long_.KeepsOriginal);
    }

    [Fact]
    public void A_one_way_rule_replaces_its_phrase_and_does_not_apply_backwards()
    {
        var matcher = new SynonymMatcher([OneWay("nhập khẩu", "đăng ký thường trú")]);

        var match = Assert.Single(matcher.FindMatches(Words("nhập khẩu cho con")));
        Assert.Equal((0, 2), (match.Start, match.Length));
        Assert.False(match.KeepsOriginal); // "nhập khẩu" here is residence, not imports
        Assert.Equal(["đăng ký thường trú"], Expansions(match));

        Assert.Empty(matcher.FindMatches(Words("đăng ký thường trú")));
    }

    [Fact]
    public void A_one_way_rule_that_lists_its_own_phrase_keeps_it()
    {
        var matcher = new SynonymMatcher([OneWay("mất", "mất", "cấp lại")]);
        var match = Assert.Single(matcher.FindMatches(Words("mất thẻ")));
        Assert.True(match.KeepsOriginal);
        Assert.Equal(["cấp lại"], Expansions(match));
    }

    [Theory]
    [InlineData("sang tên xổ hồng", "sổ hồng")] // s/x
    [InlineData("mất bằng nái xe", "bằng lái xe")] // l/n
    [InlineData("trứng thực bản sao", "chứng thực")] // ch/tr
    [InlineData("dấy khai sinh", "giấy khai sinh")] // d/gi
    public void A_phrase_with_one_word_misspelt_by_ear_matches(string question, string phrase)
    {
        var matcher = new SynonymMatcher([Equivalent(phrase, "bản dịch thử")]);
        var match = Assert.Single(matcher.FindMatches(Words(question)));
        Assert.Equal(phrase.Split(' ').Length, match.Length);
    }

    [Theory]
    [InlineData("nhà cho em ở")] // typed without accents, "cho" says nothing about "trọ"
    [InlineData("xổ số")] // one word is not a phrase
    [InlineData("xổ xồng")] // two words heard differently
    public void Only_one_accented_word_of_a_longer_phrase_may_be_heard_alike(string question)
    {
        var matcher = new SynonymMatcher([Equivalent("nhà trọ", "phòng trọ"), Equivalent("sổ", "sổ sách"), Equivalent("sổ hồng", "sổ đỏ")]);
        Assert.Empty(matcher.FindMatches(Words(question)));
    }

    [Fact]
    public void The_longest_phrase_wins()
    {
        var matcher = new SynonymMatcher([Equivalent("bảo hiểm", "bh"), Equivalent("bảo hiểm xã hội", "bhxh")]);
        var match = Assert.Single(matcher.FindMatches(Words("rút bảo hiểm xã hội một lần")));
        Assert.Equal((1, 4), (match.Start, match.Length));
        Assert.Equal(["bhxh"], Expansions(match));
    }

    [Fact]
    public void Matches_left_to_right_without_overlap()
    {
        var matcher = new SynonymMatcher([Equivalent("bhxh", "bảo hiểm xã hội"), Equivalent("một lần", "1 lần")]);
        var matches = matcher.FindMatches(Words("rút bhxh một lần"));
        Assert.Equal([(1, 1), (2, 2)], matches.Select(m => (m.Start, m.Length)));
    }

    [Fact]
    public void Every_rule_with_the_longest_phrase_contributes_its_expansions()
    {
        var matcher = new SynonymMatcher([OneWay("làm", "cấp"), OneWay("làm", "đăng ký")]);
        var match = Assert.Single(matcher.FindMatches(Words("làm hộ chiếu")));
        Assert.Equal(["cấp", "đăng ký"], Expansions(match));
    }

    [Theory]
    [InlineData("so do", true)] // typed without accents
    [InlineData("sổ đỏ", true)]
    [InlineData("số đỏ", false)] // other accents are other words
    [InlineData("sổ", false)] // half a phrase is no match
    public void Accent_aware_matching(string text, bool matches)
    {
        var matcher = new SynonymMatcher([Equivalent("sổ đỏ", "sổ hồng")]);
        Assert.Equal(matches, matcher.FindMatches(Words(text)).Count == 1);
    }

    [Fact]
    public void No_rules_no_matches() => Assert.Empty(new SynonymMatcher([]).FindMatches(Words("sổ đỏ")));
}
