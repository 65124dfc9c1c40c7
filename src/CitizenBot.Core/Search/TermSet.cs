namespace CitizenBot.Core.Search;

/// <summary>
/// Terms (folded word or "word_word" pair) numbered once, so a document's terms are a sorted int array. The titles'
/// terms are numbered once at open (<see cref="LuceneSearcher"/>); each question numbers its own on top of them
/// (<see cref="TermIds(TermIds)"/>), leaving the shared numbering untouched so questions run side by side.
/// </summary>
public sealed class TermIds
{
    readonly TermIds? _shared;
    readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);

    public TermIds() { }

    /// <summary>Extends <paramref name="shared"/>, which is only read: its terms keep their ids, new ones follow.</summary>
    public TermIds(TermIds shared) => _shared = shared;

    public int Count => (_shared?.Count ?? 0) + _ids.Count;

    public int GetOrAdd(string term)
    {
        if (_shared?.Find(term) is >= 0 and var shared) return shared;
        if (!_ids.TryGetValue(term, out var id)) _ids[term] = id = Count;
        return id;
    }

    /// <summary>The term's id, or -1 when it has none (then no document contains it).</summary>
    public int Find(string term) => _shared?.Find(term) is >= 0 and var shared ? shared : _ids.TryGetValue(term, out var id) ? id : -1;

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

    public bool Contains(int id)
    {
        if (id < 0) return false;
        // Hand-written: this runs tens of thousands of times per question, and the generic Array.BinarySearch
        // goes through a comparer.
        int low = 0, high = sortedIds.Length - 1;
        while (low <= high)
        {
            var middle = (low + high) >>> 1;
            var value = sortedIds[middle];
            if (value == id) return true;
            if (value < id) low = middle + 1;
            else high = middle - 1;
        }
        return false;
    }
}
