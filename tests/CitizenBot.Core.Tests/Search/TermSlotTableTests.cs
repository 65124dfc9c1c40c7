using CitizenBot.Core.Search;

namespace CitizenBot.Core.Tests.Search;

public sealed class TermSlotTableTests
{
    [Fact]
    public void Finds_every_term_at_its_slot_and_nothing_else()
    {
        // Dense runs and far-apart ids, as real term ids are: enough of them that cells collide.
        int[] ids = [.. Enumerable.Range(0, 40), .. Enumerable.Range(0, 40).Select(i => 1_000_000 + i * 4096)];
        var table = new TermSlotTable(ids);

        for (var slot = 0; slot < ids.Length; slot++)
            Assert.Equal(slot, table.SlotOf(ids[slot]));
        foreach (var absent in new[] { 40, 41, 999_999, 1_000_001, 1_000_000 + 40 * 4096, int.MaxValue - 1 })
            Assert.Equal(-1, table.SlotOf(absent));
    }

    [Fact]
    public void An_empty_question_finds_nothing() => Assert.Equal(-1, new TermSlotTable([]).SlotOf(7));
}
