using CitizenBot.Core.Analysis;
using CitizenBot.Core.Analysis.Filters;
using CitizenBot.Core.Tests.Catalogue;

namespace CitizenBot.Core.Tests.Analysis.Filters;

/// <summary>The abbreviations of index-data/analysis/abbreviations.txt, as officials curate them.</summary>
public sealed class AbbreviationFilterTests
{
    readonly AbbreviationFilter _filter = new(LexiconLoader.Load(RepoFolders.Analysis).Abbreviations);

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
        Assert.Equal(expected.Split(' '), _filter.Apply(FilterTestHelpers.Words(typed)).Texts());

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
        Assert.Equal([word], _filter.Apply(FilterTestHelpers.Words(word)).Texts());

    [Fact]
    public void A_multi_word_expansion_takes_consecutive_positions_and_shifts_what_follows()
    {
        var output = _filter.Apply(FilterTestHelpers.Words("dk", "ket", "hon", "bộ")).Describe();
        Assert.Equal(["đăng@0:Word", "ký@1:Word", "ket@2:Word", "hon@3:Word", "bộ@4:Word"], output);
    }
}
