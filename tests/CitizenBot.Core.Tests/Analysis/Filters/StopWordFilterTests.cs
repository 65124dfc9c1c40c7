using CitizenBot.Core.Analysis;
using CitizenBot.Core.Analysis.Filters;
using CitizenBot.Core.Tests.Search;
using Lucene.Net.Analysis.TokenAttributes;

namespace CitizenBot.Core.Tests.Analysis.Filters;

/// <summary>
/// The stop words of index-data/analysis/stopwords.txt. The tiny index names "khai tử" and "thi bằng lái xe", so the
/// unaccented "tu" and "thi" may be topics there.
/// </summary>
public sealed class StopWordFilterTests(TinyIndex index) : IClassFixture<TinyIndex>
{
    string[] Filter(IVocabulary vocabulary, string text) =>
        FilterTestHelpers.Terms(new StopWordFilter(FilterTestHelpers.Words(text), index.Lexicon.Stops, vocabulary));

    [Theory]
    [InlineData("cho em hỏi đăng ký khai sinh ạ", "đăng ký khai sinh")]
    [InlineData("khai sinh thì làm ở đâu vậy", "khai sinh làm")]
    [InlineData("đăng ký kết hôn cần giấy tờ gì", "đăng ký kết hôn")] // an intent phrase, all of it
    [InlineData("mất bao lâu", "")]
    [InlineData("đăng ký tạm trú", "đăng ký tạm trú")]
    public void Drops_filler_and_intent_phrases(string text, string expected) =>
        Assert.Equal(expected.Split(' ', StringSplitOptions.RemoveEmptyEntries), Filter(index.Vocabulary, text));

    [Fact]
    public void Accented_words_are_compared_as_written()
    {
        // "từ" (from) is filler; "tử" (death, as in khai tử) is not.
        Assert.Equal(["khai"], Filter(index.Vocabulary, "từ khai"));
        Assert.Equal(["khai", "tử"], Filter(index.Vocabulary, "khai tử"));
    }

    [Fact]
    public void An_unaccented_word_stays_when_a_procedure_name_uses_it()
    {
        // "tu" may be "từ" (filler) or "tử" (khai tử): the index names "khai tử", so it stays.
        Assert.Equal(["khai", "tu"], Filter(index.Vocabulary, "khai tu"));
        Assert.Equal(["thi", "bang", "lai"], Filter(index.Vocabulary, "thi bang lai"));
        // With no procedure using them, the unaccented forms of filler are filler.
        Assert.Equal(["khai"], Filter(EmptyVocabulary.Instance, "khai tu"));
        Assert.Equal(["bang", "lai"], Filter(EmptyVocabulary.Instance, "thi bang lai"));
    }

    [Fact]
    public void Removed_words_leave_gaps_in_the_positions_and_offsets_stay_the_words_own() =>
        FilterTestHelpers.AssertTokenStreamContents(new StopWordFilter(FilterTestHelpers.Words("cho em hỏi khai thì sinh ạ"), index.Lexicon.Stops, index.Vocabulary),
            ["khai", "sinh"], startOffsets: [11, 20], endOffsets: [15, 24], positionIncrements: [4, 2]);

    [Fact]
    public void The_filter_can_be_reused_for_another_text()
    {
        var tokenizer = FilterTestHelpers.Words("khai thì sinh");
        var filter = new StopWordFilter(tokenizer, index.Lexicon.Stops, index.Vocabulary);
        FilterTestHelpers.AssertTokenStreamContents(filter, ["khai", "sinh"], positionIncrements: [1, 2]);
        tokenizer.SetReader(new StringReader("kết hôn"));
        FilterTestHelpers.AssertTokenStreamContents(filter, ["kết", "hôn"], positionIncrements: [1, 1]);
    }

    [Fact]
    public void Words_read_ahead_come_back_with_their_own_attributes_also_after_the_consumer_adds_one()
    {
        // "cho" may begin "cho em hỏi": the words after it are read ahead, then passed on with their own offsets.
        var tokenizer = FilterTestHelpers.Words("cho con đăng ký khai sinh");
        var filter = new StopWordFilter(tokenizer, index.Lexicon.Stops, index.Vocabulary);
        FilterTestHelpers.AssertTokenStreamContents(filter, ["con", "đăng", "ký", "khai", "sinh"],
            startOffsets: [4, 8, 13, 16, 21], endOffsets: [7, 12, 15, 20, 25], positionIncrements: [2, 1, 1, 1, 1]);
        // The next text's consumer has an attribute the first one's did not: the words read ahead must carry it too.
        filter.AddAttribute<IPositionLengthAttribute>();
        tokenizer.SetReader(new StringReader("cho em hỏi khai sinh cho con"));
        FilterTestHelpers.AssertTokenStreamContents(filter, ["khai", "sinh", "con"],
            startOffsets: [11, 16, 25], endOffsets: [15, 20, 28], positionIncrements: [4, 1, 2]);
    }

    [Fact]
    public void A_phrase_begun_but_not_finished_keeps_its_words_and_the_look_ahead_ends_there()
    {
        // "làm như" begins "làm như thế nào" but "khai" ends it: those words stay, and the whole phrase after them is
        // dropped, its words' increments going to the next word kept.
        FilterTestHelpers.AssertTokenStreamContents(
            new StopWordFilter(FilterTestHelpers.Words("làm như khai sinh làm như thế nào khai tử"), index.Lexicon.Stops, index.Vocabulary),
            ["làm", "như", "khai", "sinh", "khai", "tử"], positionIncrements: [1, 1, 1, 1, 5, 1]);
        // A phrase that ends the text, and one cut short by the end of the text ("thế" alone is filler).
        Assert.Equal(["khai", "sinh"], Filter(index.Vocabulary, "khai sinh làm như thế nào"));
        Assert.Equal(["khai", "sinh", "làm", "như"], Filter(index.Vocabulary, "khai sinh làm như thế"));
    }

    [Theory]
    [InlineData("làm", "làm", true)]
    [InlineData("làm", "lam", true)] // typed without accents
    [InlineData("làm", "lâm", false)] // another accent is another word
    [InlineData("lam", "làm", false)] // an unaccented entry means only itself
    [InlineData("Từ", "từ", true)]
    public void LexiconWord_matches_as_written_or_without_any_accents(string entry, string word, bool expected) =>
        Assert.Equal(expected, LexiconWord.From(entry).Matches(word));

    [Fact]
    public void LexiconWord_keeps_the_entry_normalized_and_folded()
    {
        var word = LexiconWord.From(" Hòa ");
        Assert.Equal("hoà", word.Written);
        Assert.Equal("hoa", word.Folded);
    }
}
