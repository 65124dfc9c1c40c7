using CitizenBot.Core.Analysis;
using CitizenBot.Core.Catalogue;
using CitizenBot.Core.Search;
using CitizenBot.Core.Tests.Analysis.Filters;
using CitizenBot.Core.Tests.Catalogue;
using CitizenBot.Core.Tests.Search;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.TokenAttributes;

namespace CitizenBot.Core.Tests.Analysis;

public sealed class RecordedTokensTests(TinyIndex index) : IClassFixture<TinyIndex>
{
    [Fact]
    public void Plays_back_terms_offsets_increments_and_types_again_after_each_reset()
    {
        var recorded = RecordedTokens.Record(new LengthFilter(VietnameseAnalyzer.Version, FilterTestHelpers.Words("đăng ký a khai sinh"), 2, 10));
        Assert.Equal(4, recorded.Count);
        var stream = recorded.Replay();
        string[] terms = ["đăng", "ký", "khai", "sinh"];
        FilterTestHelpers.AssertTokenStreamContents(stream, terms, startOffsets: [0, 5, 10, 15], endOffsets: [4, 7, 14, 19],
            types: ["word", "word", "word", "word"], positionIncrements: [1, 1, 2, 1], finalOffset: 19);
        FilterTestHelpers.AssertTokenStreamContents(recorded.Replay(), terms, positionIncrements: [1, 1, 2, 1], finalOffset: 19);
    }

    [Fact]
    public void Nothing_recorded_nothing_played() =>
        FilterTestHelpers.AssertTokenStreamContents(RecordedTokens.Record(FilterTestHelpers.Words("")).Replay(), [], finalOffset: 0);

    [Fact]
    public void Long_words_and_many_tokens_are_kept_whole()
    {
        var words = Enumerable.Range(0, 300).Select(i => new string((char)('a' + i % 26), 1 + i % 40)).ToArray();
        FilterTestHelpers.AssertTokenStreamContents(RecordedTokens.Record(FilterTestHelpers.Words(words)).Replay(), words);
    }

    /// <summary>
    /// Why a catalogue text may be analysed once for several index fields: every field's tokens from the recorded words
    /// are the tokens the analyzer gives for the text, attribute for attribute, on every name and field of the national
    /// catalogue with its aliases and on random text.
    /// </summary>
    [Fact]
    public void Every_field_from_the_recorded_words_is_the_field_analysed_from_the_text()
    {
        var national = CatalogueLoader.Load(RepoFolders.NationalCatalogue, RepoFolders.IndexData).Catalogue.Procedures;
        var random = new RandomText(seed: 13);
        var texts = national.Select(p => string.Join(" . ", new[] { p.Name }.Concat(p.Aliases))).Concat(national.Select(p => p.Field))
            .Concat(Enumerable.Range(0, 500).Select(_ => random.Next(120))).ToList();
        var checkedTokens = 0;
        foreach (var text in texts)
        {
            var words = index.Analyzer.CatalogueWordsOf(text);
            foreach (var field in new[] { SearchIndex.Name, SearchIndex.Field, SearchIndex.Accented, VietnameseAnalyzer.FoldedWordsField })
            {
                var expected = Dump(index.Analyzer.GetTokenStream(field, text));
                Assert.Equal(expected, Dump(VietnameseAnalyzer.Field(words, field)));
                checkedTokens += expected.Count;
            }
        }
        Assert.True(checkedTokens > 100_000, $"{checkedTokens} tokens");
    }

    /// <summary>Each token as term, offsets, increment, length and type; then the offset and increment End() leaves.</summary>
    static List<string> Dump(TokenStream stream)
    {
        using (stream)
        {
            var term = stream.AddAttribute<ICharTermAttribute>();
            var offset = stream.AddAttribute<IOffsetAttribute>();
            var increment = stream.AddAttribute<IPositionIncrementAttribute>();
            var length = stream.AddAttribute<IPositionLengthAttribute>();
            var type = stream.AddAttribute<ITypeAttribute>();
            var tokens = new List<string>();
            stream.Reset();
            while (stream.IncrementToken())
                tokens.Add($"{term} {offset.StartOffset}-{offset.EndOffset} +{increment.PositionIncrement} {length.PositionLength} {type.Type}");
            stream.End();
            tokens.Add($"end {offset.StartOffset}-{offset.EndOffset} +{increment.PositionIncrement}");
            return tokens;
        }
    }
}
