using CitizenBot.Core.Analysis;
using CitizenBot.Core.Analysis.Filters;
using Lucene.Net.Analysis.Core;

namespace CitizenBot.Core.Tests.Analysis.Filters;

public sealed class SyllableBigramFilterTests
{
    [Fact]
    public void Adds_each_pair_of_adjacent_syllables_at_the_first_ones_position() =>
        FilterTestHelpers.AssertTokenStreamContents(new SyllableBigramFilter(FilterTestHelpers.Words("khai sinh con")),
            ["khai", "khai_sinh", "sinh", "sinh_con", "con"],
            startOffsets: [0, 0, 5, 5, 10],
            endOffsets: [4, 9, 9, 13, 13],
            types: ["word", "shingle", "word", "shingle", "word"],
            positionIncrements: [1, 0, 1, 0, 1]);

    [Fact]
    public void Does_not_join_across_a_gap_left_by_a_removed_stop_word()
    {
        // Lucene's StopFilter leaves the gap, as our StopWordFilter does.
        var withoutFiller = new StopFilter(VietnameseAnalyzer.Version, FilterTestHelpers.Words("khai thì sinh"),
            new Lucene.Net.Analysis.Util.CharArraySet(VietnameseAnalyzer.Version, ["thì"], false));
        FilterTestHelpers.AssertTokenStreamContents(new SyllableBigramFilter(withoutFiller), ["khai", "sinh"], positionIncrements: [1, 2]);
    }

    [Fact]
    public void One_word_is_a_word_and_no_word_is_nothing()
    {
        FilterTestHelpers.AssertTokenStreamContents(new SyllableBigramFilter(FilterTestHelpers.Words("passport")), ["passport"]);
        FilterTestHelpers.AssertTokenStreamContents(new SyllableBigramFilter(FilterTestHelpers.Words("")), []);
    }
}
