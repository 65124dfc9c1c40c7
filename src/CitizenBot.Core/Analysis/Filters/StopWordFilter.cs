using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace CitizenBot.Core.Analysis.Filters;

/// <summary>
/// Drops filler and politeness ("cho em hỏi", "ạ", "thì", "vậy") and intent phrases that name no topic
/// ("giấy tờ gì", "bao lâu"). Accent-aware, because folding merges words: an accented word is filler only as written
/// ("từ" is, "tử" is not); an unaccented word is filler when its folded form is on the list and no procedure name uses
/// it ("tu" stays, since it may be "tử"). A phrase is matched over the whole text, so the stream is read to its end
/// first. Removed words leave position gaps (their increments go to the next word kept), so the bigram step does not
/// join words the filler separated. Place after abbreviation expansion, before folding and bigrams.
/// </summary>
public sealed class StopWordFilter : TokenFilter
{
    readonly WordList _stopList;
    readonly IVocabulary _vocabulary;
    readonly ICharTermAttribute _term;
    readonly IPositionIncrementAttribute _position;
    readonly List<(State State, string Word, int Increment)> _tokens = [];
    bool[]? _stopped;
    int _next;

    public StopWordFilter(TokenStream input, WordList stopList, IVocabulary vocabulary) : base(input)
    {
        _stopList = stopList;
        _vocabulary = vocabulary;
        _term = AddAttribute<ICharTermAttribute>();
        _position = AddAttribute<IPositionIncrementAttribute>();
    }

    public override bool IncrementToken()
    {
        if (_stopped is null)
        {
            while (m_input.IncrementToken())
                _tokens.Add((CaptureState(), _term.ToString(), _position.PositionIncrement));
            _stopped = _stopList.MatchedIndexes(_tokens.Select(t => t.Word).ToList(), _vocabulary);
        }
        var skipped = 0;
        for (; _next < _tokens.Count; _next++)
        {
            if (_stopped[_next])
            {
                skipped += _tokens[_next].Increment;
                continue;
            }
            RestoreState(_tokens[_next++].State);
            _position.PositionIncrement += skipped;
            return true;
        }
        return false;
    }

    public override void Reset()
    {
        base.Reset();
        _tokens.Clear();
        _stopped = null;
        _next = 0;
    }
}

/// <summary>A lexicon list of words and phrases (stop words, weak words), each entry as written and folded.</summary>
public sealed class WordList(IEnumerable<LexiconWord> words, IReadOnlyList<LexiconWord[]> phrases)
{
    public static WordList Empty { get; } = new([], []);

    readonly HashSet<string> _written = words.Select(w => w.Written).ToHashSet(StringComparer.Ordinal);
    readonly HashSet<string> _folded = words.Select(w => w.Folded).ToHashSet(StringComparer.Ordinal);

    public IReadOnlyList<LexiconWord> Words { get; } = words.ToList();

    public IReadOnlyList<LexiconWord[]> Phrases { get; } = phrases;

    // Phrases by their first folded word, so a text is scanned once instead of once per phrase.
    readonly ILookup<string, LexiconWord[]> _phrasesByFirstWord = phrases.ToLookup(p => p[0].Folded, StringComparer.Ordinal);

    /// <summary>
    /// An exact entry, or an unaccented word whose folded form is an entry's — unless a procedure name uses that
    /// folded word (<paramref name="vocabulary"/>), since then it may be a topic typed without accents.
    /// </summary>
    public bool Contains(string word, IVocabulary vocabulary)
    {
        if (_written.Contains(word)) return true;
        var folded = VietnameseText.Fold(word);
        return folded == word && _folded.Contains(folded) && !vocabulary.IsTopicWord(folded);
    }

    /// <summary>
    /// An unaccented word that may be filler or a topic word: "khong" is "không" (filler) or the "không" of a name,
    /// "thi" is "thì" or "thi" (exam). Neither dropped nor trusted, it should count little.
    /// </summary>
    public bool MayBe(string word, IVocabulary vocabulary)
    {
        var folded = VietnameseText.Fold(word);
        return folded == word && !_written.Contains(word) && _folded.Contains(folded) && vocabulary.IsTopicWord(folded);
    }

    /// <summary>Which of the (lower-case, normalised) words are on the list, alone or as part of a listed phrase.</summary>
    public bool[] MatchedIndexes(IReadOnlyList<string> words, IVocabulary vocabulary)
    {
        var matched = new bool[words.Count];
        for (var i = 0; i < words.Count; i++)
        {
            if (Contains(words[i], vocabulary)) matched[i] = true;
            foreach (var phrase in _phrasesByFirstWord[VietnameseText.Fold(words[i])])
                if (PhraseAt(words, i, phrase))
                    for (var k = 0; k < phrase.Length; k++) matched[i + k] = true;
        }
        return matched;
    }

    static bool PhraseAt(IReadOnlyList<string> words, int start, LexiconWord[] phrase)
    {
        if (start + phrase.Length > words.Count) return false;
        for (var k = 0; k < phrase.Length; k++)
            if (!phrase[k].Matches(words[start + k])) return false;
        return true;
    }
}

/// <summary>
/// A lexicon word as written and folded. A written-with-accents entry matches the same accented word, or the word
/// typed without any accents; "làm" matches "làm" and "lam" but not "lâm".
/// </summary>
public readonly record struct LexiconWord(string Written, string Folded)
{
    public static LexiconWord From(string text)
    {
        var written = VietnameseText.Normalize(text.Trim()).ToLowerInvariant();
        return new LexiconWord(written, VietnameseText.Fold(written));
    }

    public bool Matches(string word) => word == Written || word == Folded && VietnameseText.Fold(word) == word;
}
