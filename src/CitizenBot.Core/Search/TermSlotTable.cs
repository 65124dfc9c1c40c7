using System.Numerics;

namespace CitizenBot.Core.Search;

/// <summary>
/// The question's term ids mapped to their slots, as a small open-addressing table that stays in the L1 cache.
/// Probing costs a few nanoseconds, so a short document field (a name, a field) is checked by walking its terms once
/// instead of binary-searching it for every question term — the reranker's hottest loop.
/// </summary>
public sealed class TermSlotTable
{
    readonly int[] _keys; // term id + 1; 0 marks an empty cell
    readonly int[] _slots;
    readonly int _shift;

    /// <param name="termIds">Distinct term ids; the index of each is its slot.</param>
    public TermSlotTable(IReadOnlyList<int> termIds)
    {
        // At most a quarter full, so a probe for an absent id (the common case) almost always ends at once.
        var capacity = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, termIds.Count * 4));
        _keys = new int[capacity];
        _slots = new int[capacity];
        _shift = 32 - BitOperations.Log2((uint)capacity);
        for (var slot = 0; slot < termIds.Count; slot++)
        {
            var cell = Cell(termIds[slot]);
            while (_keys[cell] != 0) cell = (cell + 1) & (capacity - 1);
            _keys[cell] = termIds[slot] + 1;
            _slots[cell] = slot;
        }
    }

    /// <summary>The slot of <paramref name="termId"/>, or -1 when the question does not use it.</summary>
    public int SlotOf(int termId)
    {
        var mask = _keys.Length - 1;
        for (var cell = Cell(termId); ; cell = (cell + 1) & mask)
        {
            var key = _keys[cell];
            if (key == termId + 1) return _slots[cell];
            if (key == 0) return -1;
        }
    }

    // Fibonacci hashing: term ids are dense and sequential, the multiply spreads them over the table.
    int Cell(int termId) => (int)(((uint)termId * 2654435769u) >> _shift);
}
