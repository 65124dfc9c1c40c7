using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Util;

namespace CitizenBot.Core.Analysis.Filters;

/// <summary>
/// Drops filler and politeness ("cho em hỏi", "ạ", "thì", "vậy") and intent phrases that name no topic
/// ("giấy tờ gì", "bao lâu"). Accent-aware, because folding merges words: an accented word is filler only as written
/// ("từ" is, "tử" is not); an unaccented word is filler when its folded form is on the list and no procedure name uses
/// it ("tu" stays, since it may be "tử"). A word that may begin a listed phrase makes the filter look ahead as far as
/// the longest phrase (those tokens are copied aside, the others pass straight through). Removed words leave position gaps
/// (their increments go to the next word kept), so the bigram step does not join words the filler separated. Place
/// after abbreviation expansion, before folding and bigrams.
/// </summary>
public sealed class StopWordFilter : TokenFilter
{
    readonly WordList _stopList;
    readonly IVocabulary _vocabulary;
    readonly ICharTermAttribute _term;
    readonly IPositionIncrementAttribute _position;
    /// <summary>Tokens read ahead to match a phrase, not yet passed on: each one's attributes, word and increment.</summary>
    readonly List<(AttributeSource Copy, string Word, int Increment)> _ahead = [];
    /// <summary>
    /// Copies of the stream's attributes no longer holding a token, for the next one read ahead in the same text: a token
    /// is copied into one (<see cref="AttributeSource.CopyTo"/>) instead of captured as a new
    /// <see cref="AttributeSource.State"/>, which clones every attribute, for each word that may begin a phrase.
    /// </summary>
    readonly Stack<AttributeSource> _spare = [];
    readonly List<string> _window = [];
    /// <summary>How many words from here on a phrase already matched covers.</summary>
    int _covered;

    public StopWordFilter(TokenStream input, WordList stopList, IVocabulary vocabulary) : base(input)
    {
        _stopList = stopList;
        _vocabulary = vocabulary;
        _term = AddAttribute<ICharTermAttribute>();
        _position = AddAttribute<IPositionIncrementAttribute>();
    }

    public override bool IncrementToken()
    {
        var skipped = 0;
        while (true)
        {
            // A word read ahead has its string already; a word read now is looked at in the token's buffer, and made
            // a string only when it may start a phrase (most words of a text are neither filler nor a phrase's start).
            string? word = null;
            int increment;
            if (_ahead.Count > 0)
            {
                (var copy, word, increment) = _ahead[0];
                _ahead.RemoveAt(0);
                Restore(copy);
            }
            else
            {
                if (!m_input.IncrementToken()) return false;
                increment = _position.PositionIncrement;
            }
            if (_stopList.MayStartPhrase(word is null ? _term.Buffer.AsSpan(0, _term.Length) : word))
                _covered = Math.Max(_covered, PhraseLengthFrom(word ?? _term.ToString()));
            // The buffer is read again: reading ahead may have replaced it.
            var stopped = _covered > 0 || _stopList.Contains(word is null ? _term.Buffer.AsSpan(0, _term.Length) : word, _vocabulary);
            if (_covered > 0) _covered--;
            if (!stopped)
            {
                _position.PositionIncrement = increment + skipped;
                return true;
            }
            skipped += increment;
        }
    }

    /// <summary>
    /// The longest listed phrase starting at the current word, reading ahead only while the words so far still begin
    /// a listed phrase longer than them ("cho" + "em" may go on to "cho em hỏi"; "cho" + "phép" goes nowhere): most
    /// words that may start a phrase are followed by one that ends the look-ahead.
    /// </summary>
    int PhraseLengthFrom(string word)
    {
        _window.Clear();
        _window.Add(word);
        foreach (var (_, next, _) in _ahead) _window.Add(next);
        if (_window.Count < _stopList.LongestPhrase && _stopList.LongerPhraseMayFollow(_window))
        {
            var current = Copy();
            while (_window.Count < _stopList.LongestPhrase && _stopList.LongerPhraseMayFollow(_window) && m_input.IncrementToken())
            {
                var next = _term.ToString();
                _ahead.Add((Copy(), next, _position.PositionIncrement));
                _window.Add(next);
            }
            Restore(current);
        }
        return _stopList.LongestPhraseAt(_window, 0);
    }

    /// <summary>The current token's attributes, in a spare copy when there is one.</summary>
    AttributeSource Copy()
    {
        if (_spare.TryPop(out var copy))
        {
            try
            {
                CopyTo(copy);
                return copy;
            }
            catch (Exception e) when (e is ArgumentException or KeyNotFoundException)
            {
                // The stream gained an attribute since the copy was made (a consumer may add one once reading began).
            }
        }
        return CloneAttributes();
    }

    /// <summary>Makes the copied token the current one again; the copy becomes spare.</summary>
    void Restore(AttributeSource copy)
    {
        copy.CopyTo(this);
        _spare.Push(copy);
    }

    public override void Reset()
    {
        base.Reset();
        // Copies are made afresh for each text: its consumer may have added attributes the last one did not have.
        _spare.Clear();
        _ahead.Clear();
        _covered = 0;
    }
}

/// <summary>A lexicon list of words and phrases (stop words, weak words), each entry as written and folded.</summary>
public sealed class WordList(IEnumerable<LexiconWord> words, IReadOnlyList<LexiconWord[]> phrases)
{
    public static WordList Empty { get; } = new([], []);

    readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _written =
        words.Select(w => w.Written).ToHashSet(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
    readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _folded =
        words.Select(w => w.Folded).ToHashSet(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();

    public IReadOnlyList<LexiconWord> Words { get; } = words.ToList();

    public IReadOnlyList<LexiconWord[]> Phrases { get; } = phrases;

    // Phrases by their first folded word, so a text is scanned once instead of once per phrase.
    readonly ILookup<string, LexiconWord[]> _phrasesByFirstWord = phrases.ToLookup(p => p[0].Folded, StringComparer.Ordinal);

    /// <summary>The first folded words of phrases, looked up by span: asked for every word of every indexed text.</summary>
    readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _phraseStarts =
        phrases.Select(p => p[0].Folded).ToHashSet(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>
    /// An exact entry, or an unaccented word whose folded form is an entry's — unless a procedure name uses that
    /// folded word (<paramref name="vocabulary"/>), since then it may be a topic typed without accents.
    /// </summary>
    public bool Contains(ReadOnlySpan<char> word, IVocabulary vocabulary)
    {
        if (_written.Contains(word)) return true;
        // Folded only when folding leaves it as it is.
        return VietnameseText.IsFolded(word) && _folded.Contains(word) && !vocabulary.IsTopicWord(word.ToString());
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

    /// <summary>How many words the longest phrase has (0 without phrases).</summary>
    public int LongestPhrase { get; } = phrases.Select(p => p.Length).DefaultIfEmpty(0).Max();

    /// <summary>Whether some listed phrase begins with a word folded like this one.</summary>
    public bool MayStartPhrase(ReadOnlySpan<char> word)
    {
        if (word.Length > MaxStackWord) return _phraseStarts.Contains(VietnameseText.Fold(word.ToString()));
        Span<char> folded = stackalloc char[word.Length];
        return _phraseStarts.Contains(folded[..VietnameseText.Fold(word, folded)]);
    }

    const int MaxStackWord = 256;

    /// <summary>The length of the longest listed phrase at <paramref name="start"/>, or 0.</summary>
    public int LongestPhraseAt(IReadOnlyList<string> words, int start)
    {
        var longest = 0;
        foreach (var phrase in _phrasesByFirstWord[VietnameseText.Fold(words[start])])
            if (phrase.Length > longest && PhraseAt(words, start, phrase)) longest = phrase.Length;
        return longest;
    }

    /// <summary>
    /// Whether a listed phrase longer than <paramref name="words"/> begins with them: if none does, no word after them
    /// can make a longer phrase match at their start.
    /// </summary>
    public bool LongerPhraseMayFollow(IReadOnlyList<string> words)
    {
        foreach (var phrase in _phrasesByFirstWord[VietnameseText.Fold(words[0])])
            if (phrase.Length > words.Count && PhraseAt(words, 0, phrase.AsSpan(0, words.Count))) return true;
        return false;
    }

    /// <summary>Which of the (lower-case, normalised) words are on the list, alone or as part of a listed phrase.</summary>
    public bool[] MatchedIndexes(IReadOnlyList<string> words, IVocabulary vocabulary)
    {
        var matched = new bool[words.Count];
        for (var i = 0; i < words.Count; i++)
        {
            if (Contains(words[i], vocabulary)) matched[i] = true;
            for (var k = LongestPhraseAt(words, i) - 1; k >= 0; k--) matched[i + k] = true;
        }
        return matched;
    }

    static bool PhraseAt(IReadOnlyList<string> words, int start, ReadOnlySpan<LexiconWord> phrase)
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
