using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace CitizenBot.Core.Search;

/// <summary>
/// Terms (folded word or "word_word" pair) numbered once, so a document's terms are a sorted int array. Every term of
/// the index is numbered at open (<see cref="LuceneSearcher"/>, on every core); questions only read the numbering
/// (<see cref="Find"/>), so they run side by side.
/// </summary>
public sealed class TermIds
{
    // Read without a lock (questions, and the documents prepared on every core at open); numbered under one.
    readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _ids = new(StringComparer.Ordinal);
    /// <summary>Each id's term (index = id).</summary>
    readonly List<string> _terms = [];
    int _count;

    public int Count => _count;

    /// <summary>The term numbered <paramref name="id"/>; not while terms are being numbered on another thread.</summary>
    public string TermOf(int id) => _terms[id];

    public int GetOrAdd(string term)
    {
        if (_ids.TryGetValue(term, out var id)) return id;
        lock (_ids)
        {
            if (!_ids.TryGetValue(term, out id))
            {
                _ids[term] = id = _count++;
                _terms.Add(term);
            }
        }
        return id;
    }

    /// <summary>The term's id, or -1 when it has none (then no document contains it).</summary>
    public int Find(string term) => _ids.TryGetValue(term, out var id) ? id : -1;

    public TermSet ToSet(IEnumerable<string> terms)
    {
        var ids = terms.Select(GetOrAdd).Distinct().ToArray();
        Array.Sort(ids);
        return new TermSet(ids);
    }
}

/// <summary>A document's terms as sorted ids; membership by binary search.</summary>
public readonly struct TermSet(int[] sortedIds)
{
    public ReadOnlySpan<int> Ids => sortedIds;

    public bool Contains(int id) => id >= 0 && Search(sortedIds, id) >= 0;

    /// <summary>
    /// As <see cref="MemoryExtensions.BinarySearch{T}(ReadOnlySpan{T}, IComparable{T})"/> on sorted distinct ids: the
    /// index of <paramref name="id"/>, else the complement of where it would go. Hand-written: this runs tens of
    /// thousands of times per question, and the generic search goes through a comparer (2 % of the load host's CPU).
    /// </summary>
    public static int Search(ReadOnlySpan<int> sorted, int id)
    {
        int low = 0, high = sorted.Length - 1;
        while (low <= high)
        {
            var middle = (low + high) >>> 1;
            var value = sorted[middle];
            if (value == id) return middle;
            if (value < id) low = middle + 1;
            else high = middle - 1;
        }
        return ~low;
    }

    /// <summary>
    /// Where <paramref name="id"/> is or would go in sorted distinct ids: the index of the first id not below it
    /// (<c>sorted.Length</c> when all are). Without an early exit, so each step's choice is a conditional move, not a
    /// branch the processor mispredicts half the time: the reranker searches every candidate's body this way.
    /// </summary>
    public static int LowerBound(ReadOnlySpan<int> sorted, int id)
    {
        if (sorted.IsEmpty) return 0;
        ref var first = ref MemoryMarshal.GetReference(sorted);
        int start = 0, length = sorted.Length;
        while (length > 1)
        {
            var half = length >>> 1;
            start = Unsafe.Add(ref first, start + half - 1) < id ? start + half : start;
            length -= half;
        }
        return Unsafe.Add(ref first, start) < id ? start + 1 : start;
    }
}
