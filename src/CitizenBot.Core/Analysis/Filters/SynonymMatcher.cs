namespace CitizenBot.Core.Analysis.Filters;

/// <summary>
/// Finds lexicon phrases in the question's words (accent-aware, see <see cref="LexiconWord"/>), longest match first, left to right:
/// "rut bhxh mot lan" finds "bhxh" (→ "bao hiem xa hoi") and "mot lan". Query time only (expanding at index time
/// too would double-count).
/// </summary>
public sealed class SynonymMatcher(IReadOnlyList<SynonymRule> rules)
{
    readonly ILookup<string, (LexiconWord[] Phrase, SynonymRule Rule)> _byFirstWord =
        rules.SelectMany(r => r.Phrases.Select(p => (Phrase: p, Rule: r))).ToLookup(x => x.Phrase[0].Folded, StringComparer.Ordinal);

    /// <summary>Phrases of two words or more by the sound of their first word (see <see cref="SoundAlikeSpelling"/>).</summary>
    readonly ILookup<string, (LexiconWord[] Phrase, SynonymRule Rule)> _byFirstSound =
        rules.SelectMany(r => r.Phrases.Where(p => p.Length > 1).Select(p => (Phrase: p, Rule: r)))
            .ToLookup(x => SoundAlikeSpelling.Key(x.Phrase[0].Folded), StringComparer.Ordinal);

    /// <param name="words">The question's words, lower-case and normalised (accented where the user typed accents).</param>
    public IReadOnlyList<SynonymMatch> FindMatches(IReadOnlyList<string> words)
    {
        var matches = new List<SynonymMatch>();
        // A word heard alike must be typed with accents (see MatchesByEar): without any, there is nothing to try.
        var accented = words.Any(VietnameseText.HasDiacritics);
        for (var i = 0; i < words.Count;)
        {
            var folded = VietnameseText.Fold(words[i]);
            var candidates = _byFirstWord[folded].Where(c => Matches(words, i, c.Phrase)).ToList();
            // Only where nothing matches as written: a phrase with one word misspelt by ear ("xổ hồng"). The sound
            // index also holds the phrases whose first word is the one typed, so the slip may be in a later word.
            if (candidates.Count == 0 && accented)
                candidates = _byFirstSound[SoundAlikeSpelling.Key(folded)].Where(c => MatchesByEar(words, i, c.Phrase)).ToList();
            if (candidates.Count == 0) { i++; continue; }
            // Every rule whose phrase is the longest match contributes its expansions.
            var length = candidates.Max(c => c.Phrase.Length);
            var phrase = candidates.First(c => c.Phrase.Length == length).Phrase;
            var rules = candidates.Where(c => c.Phrase.Length == length).Select(c => c.Rule).ToList();
            var all = rules.SelectMany(r => r.Expansions).ToList();
            var keepsOriginal = rules.Any(r => r.IsEquivalence) || all.Any(e => SameWords(e, phrase));
            var expansions = all
                .Where(e => !SameWords(e, phrase))
                .DistinctBy(e => string.Join(' ', e.Select(w => w.Folded)))
                .ToList();
            // "a => b" replaces a (Solr semantics): "nhập khẩu => đăng ký thường trú" must not also search imports.
            matches.Add(new SynonymMatch(i, length, expansions, keepsOriginal));
            i += length;
        }
        return matches;
    }

    static bool SameWords(LexiconWord[] a, LexiconWord[] b) => a.Select(w => w.Folded).SequenceEqual(b.Select(w => w.Folded));

    /// <summary>
    /// Every word matches as written but one, typed with its accents, which sounds like the phrase's word: same tone
    /// and rhyme, an initial heard alike ("xổ" for "sổ"). Typed without accents a word says too little: "nhà cho" is
    /// not "nhà trọ".
    /// </summary>
    static bool MatchesByEar(IReadOnlyList<string> words, int start, LexiconWord[] phrase)
    {
        if (start + phrase.Length > words.Count) return false;
        var byEar = 0;
        for (var k = 0; k < phrase.Length; k++)
        {
            if (phrase[k].Matches(words[start + k])) continue;
            if (++byEar > 1 || !SoundsLike(words[start + k], phrase[k])) return false;
        }
        return byEar == 1;
    }

    static bool SoundsLike(string word, LexiconWord meant) =>
        VietnameseText.HasDiacritics(word) && word != meant.Written && SoundAlikeSpelling.Key(word) == SoundAlikeSpelling.Key(meant.Written);

    static bool Matches(IReadOnlyList<string> words, int start, LexiconWord[] phrase)
    {
        if (start + phrase.Length > words.Count) return false;
        for (var k = 0; k < phrase.Length; k++)
            if (!phrase[k].Matches(words[start + k])) return false;
        return true;
    }
}

/// <param name="Start">Index of the first matched word.</param>
/// <param name="Length">How many words matched.</param>
/// <param name="Expansions">What the phrase also means.</param>
/// <param name="KeepsOriginal">False when only one-way rules matched: the phrase then means its expansions only.</param>
public sealed record SynonymMatch(int Start, int Length, IReadOnlyList<LexiconWord[]> Expansions, bool KeepsOriginal = true);
