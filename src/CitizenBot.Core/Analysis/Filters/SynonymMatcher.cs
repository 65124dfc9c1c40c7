namespace CitizenBot.Core.Analysis.Filters;

/// <summary>
/// Finds lexicon phrases in a folded word sequence, longest match first, left to right:
/// "rut bhxh mot lan" finds "bhxh" (→ "bao hiem xa hoi") and "mot lan". Query time only (expanding at index time
/// too would double-count).
/// </summary>
public sealed class SynonymMatcher(IReadOnlyList<SynonymRule> rules)
{
    readonly ILookup<string, (string[] Phrase, SynonymRule Rule)> _byFirstWord =
        rules.SelectMany(r => r.Phrases.Select(p => (Phrase: p, Rule: r))).ToLookup(x => x.Phrase[0], StringComparer.Ordinal);

    public IReadOnlyList<SynonymMatch> FindMatches(IReadOnlyList<string> foldedWords)
    {
        var matches = new List<SynonymMatch>();
        for (var i = 0; i < foldedWords.Count;)
        {
            var candidates = _byFirstWord[foldedWords[i]].Where(c => Matches(foldedWords, i, c.Phrase)).ToList();
            if (candidates.Count == 0) { i++; continue; }
            // Every rule whose phrase is the longest match contributes its expansions.
            var length = candidates.Max(c => c.Phrase.Length);
            var phrase = candidates.First(c => c.Phrase.Length == length).Phrase;
            var expansions = candidates.Where(c => c.Phrase.Length == length)
                .SelectMany(c => c.Rule.Expansions)
                .Where(e => !e.SequenceEqual(phrase))
                .DistinctBy(e => string.Join(' ', e))
                .ToList();
            matches.Add(new SynonymMatch(i, length, expansions));
            i += length;
        }
        return matches;
    }

    static bool Matches(IReadOnlyList<string> words, int start, string[] phrase)
    {
        if (start + phrase.Length > words.Count) return false;
        for (var k = 0; k < phrase.Length; k++)
            if (!string.Equals(words[start + k], phrase[k], StringComparison.Ordinal)) return false;
        return true;
    }
}

/// <param name="Start">Index of the first matched word.</param>
/// <param name="Length">How many words matched.</param>
/// <param name="Expansions">What the phrase also means (folded word sequences).</param>
public sealed record SynonymMatch(int Start, int Length, IReadOnlyList<string[]> Expansions);
