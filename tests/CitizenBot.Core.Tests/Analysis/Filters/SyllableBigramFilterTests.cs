using CitizenBot.Core.Analysis;
using CitizenBot.Core.Analysis.Filters;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.TokenAttributes;

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
    public void A_word_after_a_gap_keeps_its_whole_increment_and_pairs_with_the_next_word()
    {
        var withoutFiller = new StopFilter(VietnameseAnalyzer.Version, FilterTestHelpers.Words("khai thì là sinh con"),
            new Lucene.Net.Analysis.Util.CharArraySet(VietnameseAnalyzer.Version, ["thì", "là"], false));
        FilterTestHelpers.AssertTokenStreamContents(new SyllableBigramFilter(withoutFiller), ["khai", "sinh", "sinh_con", "con"],
            startOffsets: [0, 12, 12, 17], endOffsets: [4, 16, 20, 20], positionIncrements: [1, 3, 0, 1]);
    }

    [Fact]
    public void A_pair_spans_two_positions_as_ShingleFilters_do()
    {
        using var stream = new SyllableBigramFilter(FilterTestHelpers.Words("khai sinh"));
        var length = stream.AddAttribute<IPositionLengthAttribute>();
        var lengths = new List<int>();
        stream.Reset();
        while (stream.IncrementToken()) lengths.Add(length.PositionLength);
        stream.End();
        Assert.Equal([1, 2, 1], lengths);
    }

    [Fact]
    public void Words_longer_than_its_buffers_pair_whole()
    {
        var (first, second, third) = (new string('a', 70), new string('b', 90), "c");
        FilterTestHelpers.AssertTokenStreamContents(new SyllableBigramFilter(FilterTestHelpers.Words(first, second, third)),
            [first, first + "_" + second, second, second + "_" + third, third]);
    }

    [Fact]
    public void One_word_is_a_word_and_no_word_is_nothing()
    {
        FilterTestHelpers.AssertTokenStreamContents(new SyllableBigramFilter(FilterTestHelpers.Words("passport")), ["passport"]);
        FilterTestHelpers.AssertTokenStreamContents(new SyllableBigramFilter(FilterTestHelpers.Words("")), []);
    }
}
