using CitizenBot.Core.Analysis;
using CitizenBot.Core.Analysis.Filters;
using CitizenBot.Core.Tests.Analysis.Filters;
using CitizenBot.Core.Tests.Search;

namespace CitizenBot.Core.Tests.Analysis;

/// <summary>The whole chain, with the repository's lexicon and the vocabulary of a tiny real index.</summary>
public sealed class VietnameseAnalyzerTests(TinyIndex index) : IClassFixture<TinyIndex>
{
    VietnameseAnalyzer Analyzer => index.Analyzer;

    string Normalized(string question) => Analyzer.AnalyzeQuery(question, index.Vocabulary).Normalized;

    /// <summary>Any field but the two below: folded words and their bigrams.</summary>
    const string Terms = "name";

    [Fact]
    public void A_field_holds_folded_words_and_bigrams_with_the_offsets_of_the_text_as_typed() =>
        FilterTestHelpers.AssertAnalyzesTo(Analyzer, Terms, "Đăng ký, khai sinh!",
            ["dang", "dang_ky", "ky", "ky_khai", "khai", "khai_sinh", "sinh"],
            startOffsets: [0, 0, 5, 5, 9, 9, 14],
            endOffsets: [4, 7, 7, 13, 13, 18, 18],
            types: ["word", "shingle", "word", "shingle", "word", "shingle", "word"],
            positionIncrements: [1, 0, 1, 0, 1, 0, 1]);

    [Fact]
    public void The_accented_field_holds_the_words_written_with_diacritics_as_written() =>
        FilterTestHelpers.AssertAnalyzesTo(Analyzer, VietnameseAnalyzer.AccentedWordsField, "Cấp GPLX hạng B2 kinh doanh vàng",
            ["cấp", "hạng", "vàng"], startOffsets: [0, 9, 28], endOffsets: [3, 13, 32], positionIncrements: [1, 2, 4]);

    [Fact]
    public void The_words_field_holds_folded_words_without_filler() =>
        FilterTestHelpers.AssertAnalyzesTo(Analyzer, VietnameseAnalyzer.FoldedWordsField, "cho em hỏi đăng ký",
            ["dang", "ky"], startOffsets: [11, 16], endOffsets: [15, 18], positionIncrements: [4, 1]);

    [Fact]
    public void Abbreviations_expand_in_catalogue_text_with_the_offsets_of_the_abbreviation() =>
        FilterTestHelpers.AssertAnalyzesTo(Analyzer, VietnameseAnalyzer.FoldedWordsField, "giải thể cty TNHH",
            ["giai", "the", "cong", "ty", "trach", "nhiem", "huu", "han"],
            startOffsets: [0, 5, 9, 9, 13, 13, 13, 13], endOffsets: [4, 8, 12, 12, 17, 17, 17, 17]);

    [Theory]
    [InlineData("hoà giải", "hòa giải")]
    [InlineData("hoà giải", "ho\u0300a gia\u0309i")] // decomposed
    [InlineData("Thuý", "thúy")]
    [InlineData("ĐĂNG KÝ", "đăng ký")]
    [InlineData("ddawng kys", "đăng ký")] // Telex with the IME off
    public void Spellings_of_the_same_words_analyze_alike(string a, string b)
    {
        foreach (var field in new[] { Terms, VietnameseAnalyzer.AccentedWordsField, VietnameseAnalyzer.FoldedWordsField })
            Assert.Equal(Analyzer.Terms(field, a), Analyzer.Terms(field, System.Text.RegularExpressions.Regex.Unescape(b)));
    }

    [Theory]
    [InlineData("ddawng kys tamj trus", "đăng ký tạm trú")] // Telex with the IME off
    [InlineData("d9a8ng ky1 ta5m tru1", "đăng ký tạm trú")] // VNI
    [InlineData("DK kết hôn", "đăng ký kết hôn")] // chat abbreviation, any case
    [InlineData("đk khai sanh", "đăng ký khai sinh")] // abbreviation and regional spelling
    [InlineData("GPLX hạng B2", "gplx hạng b2")] // document abbreviations and licence classes untouched
    [InlineData("làm lại CCCD", "làm lại cccd")]
    [InlineData("cho em hỏi thủ tục đăng ký khai sinh ở đâu ạ", "đăng ký khai sinh")] // filler dropped
    [InlineData("dang ky khai sihn", "dang ky khai sinh")] // typo corrected against the index
    [InlineData("đăng ký thường trú ở Hà Nội", "đăng ký thường trú")] // where the citizen is (provinces.json) is no topic
    [InlineData("chuyen ho khau vao sai gon", "chuyen ho khau vao")] // unaccented alias of a province
    [InlineData("tạm trú ở TP.HCM", "tạm trú")] // an alias through the abbreviation chain
    [InlineData("khai sinh cho con o Quang Nam", "khai sinh con")] // a former province
    [InlineData("thủ   tục\tđăng\u00A0ký", "đăng ký")]
    public void Questions_are_understood(string question, string normalized) =>
        Assert.Equal(normalized, Normalized(question));

    [Fact]
    public void Typos_are_corrected_only_at_query_time()
    {
        Assert.Contains("sihn", Analyzer.Terms(Terms, "khai sihn"));
        Assert.DoesNotContain(Analyzer.AnalyzeQuery("khai sihn", index.Vocabulary).RetrievalTerms(), t => t.Contains("sihn"));
    }

    [Fact]
    public void Bigrams_do_not_join_words_that_filler_separated()
    {
        Assert.Equal(["khai_sinh"], Analyzer.AnalyzeQuery("khai sinh", index.Vocabulary).Bigrams);
        Assert.Empty(Analyzer.AnalyzeQuery("khai thì sinh", index.Vocabulary).Bigrams);
        Assert.DoesNotContain("khai_sinh", Analyzer.Terms(Terms, "khai thì sinh"));
        Assert.Contains("khai_sinh", Analyzer.Terms(Terms, "khai sinh"));
    }

    [Fact]
    public void A_one_way_synonym_replaces_the_phrase_with_its_meaning()
    {
        var query = Analyzer.AnalyzeQuery("nhập khẩu cho con", index.Vocabulary);
        var concept = Assert.Single(query.Concepts, c => c.FromLexicon);
        Assert.Equal(["dang ky thuong tru"], concept.Alternatives.Select(a => string.Join(' ', a)));
        // "cho" is filler; "con" says who, not what: it stays, but counts little.
        var who = Assert.Single(query.Concepts, c => !c.FromLexicon);
        Assert.Equal(["con"], who.Alternatives.Single());
        Assert.True(who.Emphasis < 1);
    }

    [Fact]
    public void An_equivalence_keeps_the_words_typed_and_adds_the_others()
    {
        var query = Analyzer.AnalyzeQuery("sổ đỏ", index.Vocabulary);
        var concept = Assert.Single(query.Concepts);
        var alternatives = concept.Alternatives.Select(a => string.Join(' ', a)).ToList();
        Assert.Equal("so do", alternatives[0]);
        Assert.Contains("giay chung nhan quyen su dung dat", alternatives);
        Assert.Contains("so hong", alternatives);
    }

    [Fact]
    public void Synonym_expansions_keep_every_word_of_the_phrase()
    {
        // "chứng minh nhân dân" is an equivalent of "cccd": its "minh" must not be dropped as if it were the pronoun "mình".
        var concept = Assert.Single(Analyzer.AnalyzeQuery("cccd", index.Vocabulary).Concepts);
        Assert.Contains("chung minh nhan dan", concept.Alternatives.Select(a => string.Join(' ', a)));
    }

    [Fact]
    public void A_lexicon_phrase_is_found_across_filler()
    {
        // "tiền rách" is in the lexicon; "bị" between its words is filler.
        var concept = Assert.Single(Analyzer.AnalyzeQuery("tiền bị rách", index.Vocabulary).Concepts);
        Assert.True(concept.FromLexicon);
        Assert.Contains(concept.Alternatives, a => string.Join(' ', a).Contains("luu thong"));
    }

    [Fact]
    public void Filler_inside_a_lexicon_phrase_stays_part_of_it()
    {
        // "thế" alone is filler ("thế nào"), but "thế chấp" is a mortgage.
        var concept = Assert.Single(Analyzer.AnalyzeQuery("thế chấp", index.Vocabulary).Concepts);
        Assert.Contains(concept.Alternatives, a => string.Join(' ', a).Contains("bien phap bao dam"));
    }

    [Fact]
    public void An_abbreviation_expanded_to_several_words_is_one_concept()
    {
        var concepts = Analyzer.AnalyzeQuery("giải thể cty tnhh", index.Vocabulary).Concepts;
        Assert.Single(concepts, c => c.Alternatives.Any(a => string.Join(' ', a) == "trach nhiem huu han"));
        Assert.DoesNotContain(concepts, c => c.Alternatives.Any(a => a is ["huu"]));
    }

    [Fact]
    public void Two_syllables_the_catalogue_writes_as_one_word_are_one_concept()
    {
        // Every "đăng" in the tiny index's names is in "đăng ký".
        var concept = Assert.Single(Analyzer.AnalyzeQuery("dang ky", index.Vocabulary).Concepts);
        Assert.Equal(["dang", "ky"], concept.Alternatives.Single());
    }

    [Fact]
    public void Words_after_a_reason_marker_count_half()
    {
        var concepts = Analyzer.AnalyzeQuery("hộ chiếu để kết hôn", index.Vocabulary).Concepts;
        Assert.Equal(1.0, Assert.Single(concepts, c => c.Alternatives.Any(a => a.Contains("chieu"))).Emphasis);
        Assert.Equal(VietnameseAnalyzer.ReasonEmphasis, Assert.Single(concepts, c => c.Alternatives.Any(a => a.Contains("hon"))).Emphasis);
    }

    [Fact]
    public void An_unaccented_word_that_may_be_filler_or_a_topic_counts_little()
    {
        // "thi" is "thì" (filler) or "thi" (exam: "thi bằng lái xe" is a name here); "thì" as typed is filler.
        var unaccented = Analyzer.AnalyzeQuery("khai sinh thi", index.Vocabulary).Concepts;
        Assert.Equal(VietnameseAnalyzer.WeakWordEmphasis, Assert.Single(unaccented, c => c.Alternatives[0] is ["thi"]).Emphasis);
        Assert.DoesNotContain(Analyzer.AnalyzeQuery("khai sinh thì", index.Vocabulary).Concepts, c => c.Alternatives[0] is ["thi"]);
    }

    [Theory]
    [InlineData("đăng ký khai sinh", true)]
    [InlineData("dang ky khai sinh", false)]
    [InlineData("ddawng kys", true)] // repaired Telex has accents
    public void Tells_whether_the_question_was_typed_with_accents(string question, bool expected) =>
        Assert.Equal(expected, Analyzer.AnalyzeQuery(question, index.Vocabulary).HasDiacritics);

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("?!... ---")]
    [InlineData("\0\t\u200B")]
    [InlineData("ạ ạ ạ")] // filler only
    [InlineData("cho em hỏi với ạ")]
    public void Empty_input_gives_empty_output(string text)
    {
        Assert.Empty(Analyzer.Terms(Terms, text));
        var query = Analyzer.AnalyzeQuery(text, index.Vocabulary);
        Assert.Empty(query.Concepts);
        Assert.Empty(query.Bigrams);
        Assert.Empty(query.RetrievalTerms());
        Assert.Equal("", query.Normalized);
    }

    [Fact]
    public void Empty_text_indexes_to_nothing()
    {
        Assert.Empty(Analyzer.Terms(Terms, ""));
        Assert.Empty(Analyzer.Terms(Terms, "  \n\t "));
        Assert.Empty(Analyzer.Terms(Terms, "!?()*^:\"'~\\"));
    }

    [Fact]
    public void An_empty_lexicon_still_analyzes()
    {
        var analyzer = new VietnameseAnalyzer(Lexicon.Empty);
        Assert.Equal("cho em hỏi dk", analyzer.AnalyzeQuery("cho em hỏi dk", EmptyVocabulary.Instance).Normalized);
        Assert.Equal(["khai", "khai_sinh", "sinh"], analyzer.Terms(Terms, "khai sinh"));
    }
}
