using CitizenBot.Core.Analysis.Filters;

namespace CitizenBot.Core.Tests.Analysis.Filters;

public sealed class AccentedWordFilterTests
{
    [Fact]
    public void Keeps_the_words_written_with_diacritics_as_written_and_leaves_gaps_for_the_others() =>
        FilterTestHelpers.AssertTokenStreamContents(new AccentedWordFilter(FilterTestHelpers.Words("cấp giấy phép kinh doanh vàng")),
            ["cấp", "giấy", "phép", "vàng"], startOffsets: [0, 4, 9, 25], endOffsets: [3, 8, 13, 29], positionIncrements: [1, 1, 1, 3]);

    [Fact]
    public void Unaccented_text_keeps_nothing() =>
        FilterTestHelpers.AssertTokenStreamContents(new AccentedWordFilter(FilterTestHelpers.Words("gplx b2 khai sinh")), []);
}
