namespace CitizenBot.Core.Search;

/// <summary>
/// Every distinct index term (folded word or "word_word" pair) numbered once, so each document keeps its terms as a
/// sorted int array: a few MB for the national catalogue where per-document string sets took tens.
/// </summary>
public sealed class TermIds
{
    readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);

    public int Count => _ids.Count;

    public int GetOrAdd(string term)
    {
        if (!_ids.TryGetValue(term, out var id)) _ids[term] = id = _ids.Count;
        return id;
    }

    /// <summary>The term's id, or -1 when no document has it (then no document contains it).</summary>
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
    public bool Contains(int id) => id >= 0 && Array.BinarySearch(sortedIds, id) >= 0;
}
