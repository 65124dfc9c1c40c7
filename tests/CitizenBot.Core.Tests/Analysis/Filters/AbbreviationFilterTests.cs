using CitizenBot.Core.Analysis;
using CitizenBot.Core.Analysis.Filters;
using CitizenBot.Core.Tests.Catalogue;

namespace CitizenBot.Core.Tests.Analysis.Filters;

/// <summary>The abbreviations of index-data/analysis/abbreviations.txt, as officials curate them.</summary>
public sealed class AbbreviationFilterTests
{
    static readonly IReadOnlyDictionary<string, string[]> Abbreviations = LexiconLoader.Load(RepoFolders.Analysis).Abbreviations;

    static string[] Expand(string typed) => FilterTestHelpers.Terms(new AbbreviationFilter(FilterTestHelpers.Words(typed), Abbreviations));

    [Theory]
    [InlineData("dk", "đăng ký")]
    [InlineData("đk", "đăng ký")]
    [InlineData("ko", "không")]
    [InlineData("hok", "không")]
    [InlineData("dc", "được")]
    [InlineData("lm", "làm")]
    [InlineData("fep", "phép")]
    [InlineData("sanh", "sinh")]
    [InlineData("tphcm", "thành phố hồ chí minh")]
    [InlineData("bố", "cha")]
    public void Expands_chat_spellings(string typed, string expected) =>
        Assert.Equal(expected.Split(' '), Expand(typed));

    [Theory]
    // Document abbreviations stay as typed: synonyms, not this step, relate them to full names.
    [InlineData("gplx")]
    [InlineData("cccd")]
    [InlineData("a1")]
    [InlineData("b2")]
    // Matched exactly as written: "bố" (father) is listed, "bộ" (ministry) and "bo" are not.
    [InlineData("bộ")]
    [InlineData("bo")]
    [InlineData("khai")]
    public void Leaves_other_words_alone(string word) =>
        Assert.Equal([word], Expand(word));

    [Fact]
    public void A_multi_word_expansion_takes_consecutive_positions_and_the_offsets_of_the_word_typed() =>
        FilterTestHelpers.AssertTokenStreamContents(new AbbreviationFilter(FilterTestHelpers.Words("dk ket hon bộ"), Abbreviations),
            ["đăng", "ký", "ket", "hon", "bộ"],
            startOffsets: [0, 0, 3, 7, 11],
            endOffsets: [2, 2, 6, 10, 13],
            types: [AbbreviationFilter.ExpansionType, AbbreviationFilter.ExpansionType, "word", "word", "word"],
            positionIncrements: [1, 1, 1, 1, 1]);

    [Fact]
    public void A_one_word_replacement_is_an_ordinary_word() =>
        FilterTestHelpers.AssertTokenStreamContents(new AbbreviationFilter(FilterTestHelpers.Words("ko dc"), Abbreviations),
            ["không", "được"], startOffsets: [0, 3], endOffsets: [2, 5], types: ["word", "word"], positionIncrements: [1, 1]);

    [Fact]
    public void The_filter_can_be_reused_after_a_reset()
    {
        // Lucene reuses one chain per thread: an expansion cut short by an exception must not leak into the next text.
        var tokenizer = FilterTestHelpers.Words("tnhh");
        var filter = new AbbreviationFilter(tokenizer, Abbreviations);
        filter.Reset();
        Assert.True(filter.IncrementToken()); // "trách", the rest pending
        filter.End();
        filter.Dispose();
        tokenizer.SetReader(new StringReader("khai sinh"));
        FilterTestHelpers.AssertTokenStreamContents(filter, ["khai", "sinh"]);
    }
}
