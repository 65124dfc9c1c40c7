using CitizenBot.Core.Analysis;
using CitizenBot.Core.Analysis.Filters;
using Lucene.Net.Analysis.Core;

namespace CitizenBot.Core.Tests.Analysis.Filters;

public sealed class InvariantLowerCaseFilterTests
{
    [Fact]
    public void Each_word_is_lowercased_at_its_own_position_and_offsets() =>
        FilterTestHelpers.AssertTokenStreamContents(new InvariantLowerCaseFilter(FilterTestHelpers.Words("ĐĂNG Ký KHAI sinh")),
            ["đăng", "ký", "khai", "sinh"], startOffsets: [0, 5, 8, 13], endOffsets: [4, 7, 12, 17], positionIncrements: [1, 1, 1, 1],
            types: ["word", "word", "word", "word"], finalOffset: 17);

    [Theory]
    [InlineData("NGƯỜI", "người")]
    [InlineData("Đường", "đường")]
    [InlineData("ẤP", "ấp")]
    [InlineData("B2", "b2")]
    [InlineData("İ", "İ")] // the invariant culture keeps the dotted capital I, as LowerCaseFilter does
    [InlineData("ΣΟΦΊΑ", "σοφία")] // no final sigma: one character at a time
    [InlineData("𐐀𐐁", "𐐨𐐩")] // beyond the BMP (Deseret): as LowerCaseFilter
    public void Lowercases_as_the_invariant_culture(string word, string lowered) =>
        Assert.Equal([lowered], FilterTestHelpers.Terms(new InvariantLowerCaseFilter(FilterTestHelpers.Words(word))));

    [Fact]
    public void Every_character_of_the_BMP_is_lowercased_as_LowerCaseFilter_does()
    {
        // Every UTF-16 unit in tokens of 100 (surrogates included, unpaired), and a surrogate pair beside an unpaired half.
        var units = Enumerable.Range(0, char.MaxValue + 1).Select(c => (char)c).ToArray();
        var words = units.Chunk(100).Select(chunk => new string(chunk)).Append("\uD801\uDC00x\uD801").ToArray();
        Assert.Equal(Lucene(words), Ours(words));
    }

    [Fact]
    public void Random_text_through_the_tokenizer_is_lowercased_as_LowerCaseFilter_does()
    {
        var random = new RandomText(seed: 13);
        for (var i = 0; i < 500; i++)
        {
            var text = random.Next(200);
            Assert.Equal(FilterTestHelpers.Terms(new LowerCaseFilter(VietnameseAnalyzer.Version, new WordTokenizer(new StringReader(text)))),
                FilterTestHelpers.Terms(new InvariantLowerCaseFilter(new WordTokenizer(new StringReader(text)))));
        }
    }

    static string[] Lucene(string[] words) =>
        FilterTestHelpers.Terms(new LowerCaseFilter(VietnameseAnalyzer.Version, new TermListTokenStream(words)));

    static string[] Ours(string[] words) => FilterTestHelpers.Terms(new InvariantLowerCaseFilter(new TermListTokenStream(words)));
}
