using CitizenBot.Core.Analysis.CharFilters;
using CitizenBot.Core.Analysis.Filters;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Util;

namespace CitizenBot.Core.Analysis;

/// <summary>
/// The Vietnamese analysis chain as a Lucene <see cref="Analyzer"/>, the one place it is assembled, used for catalogue
/// text (the index's fields) and citizens' questions alike:
/// control chars → NFC + tone placement (CharFilters) → <see cref="WordTokenizer"/> → lowercase (as Lucene's
/// <see cref="LowerCaseFilter"/>, <see cref="InvariantLowerCaseFilter"/>) → Telex/VNI repair → abbreviations → [questions: typo correction, against the index's
/// vocabulary] → [catalogue text: stop words → per field, below].
/// What a field holds depends on its name: <see cref="AccentedWordsField"/> the words written with diacritics, as
/// written; <see cref="FoldedWordsField"/> the folded words; any other field the folded words and their bigrams
/// ("dang", "ky", "dang_ky"). Questions are read by <see cref="AnalyzeQuery"/>, which takes the words of the chain and
/// finds concepts (lexicon phrases and their synonyms, filler, weak words, places) in them.
/// </summary>
public sealed class VietnameseAnalyzer : Analyzer
{
    public static readonly LuceneVersion Version = LuceneVersion.LUCENE_48;

    /// <summary>A field of this name holds the words that carry diacritics, as written (not folded, no bigrams).</summary>
    public const string AccentedWordsField = "accented";

    /// <summary>A field of this name holds the folded words only (no bigrams).</summary>
    public const string FoldedWordsField = "words";

    readonly Lexicon _lexicon;
    readonly SynonymMatcher _synonyms;
    readonly HashSet<string> _lexiconWords;
    readonly HashSet<string> _stopsAsWritten;
    readonly WordList _places;

    /// <summary>How much a weak word ("con", "vợ": who, not what) counts next to a topic word.</summary>
    public const double WeakWordEmphasis = 0.1;

    /// <summary>How much a word in a clause saying why ("… để vay ngân hàng") counts: it may still name the topic.</summary>
    public const double ReasonEmphasis = 0.5;

    public VietnameseAnalyzer(Lexicon lexicon) : base(PER_FIELD_REUSE_STRATEGY)
    {
        _lexicon = lexicon;
        _synonyms = new SynonymMatcher(lexicon.Synonyms);
        // Words the lexicon knows are never "corrected" into something else.
        _lexiconWords = lexicon.Synonyms.SelectMany(r => r.Phrases.Concat(r.Expansions))
            .Concat(lexicon.Stops.Phrases).Concat(lexicon.WeakWords.Phrases).SelectMany(p => p.Select(w => w.Folded))
            .Concat(lexicon.Abbreviations.Keys.Select(VietnameseText.Fold)).ToHashSet(StringComparer.Ordinal);
        // Expansions are the lexicon's own words, written as meant: "minh" in "chứng minh nhân dân" is not the filler "mình".
        _stopsAsWritten = lexicon.Stops.Words.Select(w => w.Written).ToHashSet(StringComparer.Ordinal);
        // Place names go through the same chain as a question ("TP.HCM" → "thành phố hồ chí minh") so they match as typed.
        var places = lexicon.PlaceNames.Select(n => Words(n, EmptyVocabulary.Instance).Select(w => LexiconWord.From(w.Text)).ToArray())
            .Where(p => p.Length > 0).ToList();
        _places = new WordList(places.Where(p => p.Length == 1).Select(p => p[0]), places.Where(p => p.Length > 1).ToList());
        // A place is not a typo of a catalogue word: "Sài Gòn" typed "sai gon" must not become "sai hôn".
        _lexiconWords.UnionWith(places.SelectMany(p => p.Select(w => w.Folded)));
    }

    public Lexicon Lexicon => _lexicon;

    protected override TextReader InitReader(string fieldName, TextReader reader) =>
        new VietnameseNormalizationCharFilter(new ControlCharacterCharFilter(reader));

    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        var source = new WordTokenizer(reader);
        var words = new StopWordFilter(Words(source), _lexicon.Stops, CatalogueWords.Instance);
        return new TokenStreamComponents(source, fieldName == WordsOnlyField ? words : FieldSteps(fieldName, words));
    }

    /// <summary>The steps after stop words, which depend on the field (see the class summary).</summary>
    static TokenStream FieldSteps(string fieldName, TokenStream words) => fieldName switch
    {
        AccentedWordsField => new AccentedWordFilter(words),
        FoldedWordsField => new DiacriticFoldingFilter(words),
        _ => new SyllableBigramFilter(new DiacriticFoldingFilter(words)),
    };

    /// <summary>The chain up to and including stop words, without any field's own steps (<see cref="CatalogueWordsOf"/>).</summary>
    const string WordsOnlyField = "\u0001words before the field steps";

    /// <summary>
    /// A catalogue text's words through the chain up to stop words, recorded once for the several index fields they
    /// feed (<see cref="Field(RecordedTokens, string)"/>): a name feeds three, a field (lĩnh vực) two and its term list.
    /// </summary>
    public RecordedTokens CatalogueWordsOf(string text)
    {
        using var stream = GetTokenStream(WordsOnlyField, text);
        return RecordedTokens.Record(stream);
    }

    /// <summary>What a field of this name holds for the text <paramref name="words"/> were recorded from: the same tokens as <see cref="Analyzer.GetTokenStream(string, string)"/>.</summary>
    public static TokenStream Field(RecordedTokens words, string fieldName) => FieldSteps(fieldName, words.Replay());

    /// <summary>The chain every text goes through after tokenising: lowercase → Telex/VNI repair → abbreviations → "mất" said of a relative is "chết".</summary>
    TokenStream Words(Tokenizer source) =>
        new DiedSenseFilter(new AbbreviationFilter(new TelexVniRepairFilter(new InvariantLowerCaseFilter(source)), _lexicon.Abbreviations));

    /// <summary>The terms a field of this name holds for <paramref name="text"/>, in order (repeats included).</summary>
    public List<string> Terms(string fieldName, string text)
    {
        var terms = new List<string>();
        using var stream = GetTokenStream(fieldName, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken()) terms.Add(term.ToString());
        stream.End();
        return terms;
    }

    /// <summary>
    /// The distinct terms a field of this name holds for <paramref name="text"/>, in the order first seen; a repeated
    /// term is recognised in the token's own buffer by a span look-up, without copying it (a HashSet's alternate
    /// look-up: the same as Lucene's CharArraySet, with one string made per new term instead of a string and a copy).
    /// </summary>
    public string[] DistinctTerms(string fieldName, string text) => DistinctTerms(GetTokenStream(fieldName, text));

    /// <summary>The distinct terms of <paramref name="stream"/> (disposed), as <see cref="DistinctTerms(string, string)"/>.</summary>
    public static string[] DistinctTerms(TokenStream stream)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        var terms = new List<string>();
        using var _ = stream;
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            var value = term.Buffer.AsSpan(0, term.Length);
            if (seen.Contains(value)) continue;
            seen.Add(value);
            seen.TryGetValue(value, out var added);
            terms.Add(added!);
        }
        stream.End();
        return [.. terms];
    }

    /// <summary>
    /// Catalogue text is written with its accents, so an unaccented word there ("thi hành án", "chứng minh", "do … cấp")
    /// is the word as written, never filler typed without accents: only exact stop words are dropped when indexing.
    /// Otherwise such words never reach the index, and a question using them could not keep them either.
    /// </summary>
    sealed class CatalogueWords : IVocabulary
    {
        public static readonly CatalogueWords Instance = new();
        public bool Contains(string foldedWord) => false;
        public bool IsTopicWord(string foldedWord) => true;
        public string? ClosestWord(string foldedWord, int maxDistance) => null;
    }

    /// <summary>
    /// Analyses a question into concepts (each word, or a lexicon phrase with its synonyms as alternatives) and the
    /// folded terms to retrieve candidates with.
    /// </summary>
    public AnalyzedQuery AnalyzeQuery(string text, IVocabulary vocabulary)
    {
        var words = Words(text, vocabulary);
        var folded = words.Select(w => VietnameseText.Fold(w.Text)).ToList();
        var texts = words.Select(w => w.Text).ToList();
        var stopped = _lexicon.Stops.MatchedIndexes(texts, vocabulary);
        // "ở Hà Nội", "vào Sài Gòn": where the citizen is says nothing about which procedure they need.
        var places = _places.MatchedIndexes(texts, EmptyVocabulary.Instance);
        for (var i = 0; i < texts.Count; i++) stopped[i] |= places[i];
        var weak = _lexicon.WeakWords.MatchedIndexes(texts, EmptyVocabulary.Instance);
        for (var i = 0; i < texts.Count; i++)
            weak[i] |= _lexicon.Stops.MayBe(texts[i], vocabulary);
        var reason = InReasonClause(texts, vocabulary);
        // Weak when every word is weak (or filler inside a phrase); half when it starts in a reason clause.
        double EmphasisOf(int start, int length) =>
            Enumerable.Range(start, length).All(i => weak[i] || stopped[i]) ? WeakWordEmphasis : reason[start] ? ReasonEmphasis : 1.0;
        var concepts = new List<QueryConcept>();
        var matches = FindLexiconPhrases(texts, stopped);
        var next = 0;
        foreach (var (match, matched) in matches.Append((new SynonymMatch(folded.Count, 0, []), [])))
        {
            while (next < match.Start)
            {
                if (stopped[next]) { next++; continue; }
                var length = ExpansionLength(words, stopped, next, match.Start);
                concepts.Add(new QueryConcept([folded.GetRange(next, length).ToArray()], next)
                {
                    Emphasis = EmphasisOf(next, length),
                    Accented = length == 1 && VietnameseText.HasDiacritics(texts[next]) ? texts[next] : null,
                });
                next += length;
            }
            if (match.Length == 0) break;
            // Filler inside a phrase that also says something is part of it ("thế" in "thế chấp"); a phrase of filler only is not.
            var original = matched.Any(i => !stopped[i]) ? matched.Select(i => folded[i]).ToArray() : [];
            var expansions = match.Expansions.Select(e => e.Where(w => !_stopsAsWritten.Contains(w.Written)).Select(w => w.Folded).ToArray());
            var alternatives = (match.KeepsOriginal ? new[] { original } : []).Concat(expansions).Where(a => a.Length > 0).ToList();
            // A phrase that is all filler ("mất bao lâu") asks nothing, whatever else its words could mean.
            if (alternatives.Count > 0 && original.Length > 0)
                concepts.Add(new QueryConcept(alternatives, match.Start)
                {
                    FromLexicon = true,
                    Emphasis = EmphasisOf(match.Start, match.Length),
                });
            next = match.Start + match.Length;
        }

        concepts = JoinCompounds(concepts, vocabulary);

        // Bigrams across adjacent content words as typed ("khai sinh"), not across removed filler.
        var contentPositions = Enumerable.Range(0, folded.Count).Where(i => !stopped[i]).ToList();
        var bigrams = contentPositions.Zip(contentPositions.Skip(1))
            .Where(p => p.Second == p.First + 1)
            .Select(p => folded[p.First] + "_" + folded[p.Second])
            .Distinct().ToList();

        var normalized = string.Join(' ', words.Where((_, i) => !stopped[i]).Select(w => w.Text));
        var typed = Words(text, EmptyVocabulary.Instance).Select(w => w.Text).ToList();
        return new AnalyzedQuery(normalized, concepts, bigrams, words.Any(w => VietnameseText.HasDiacritics(w.Text)))
        {
            OutOfScope = Uses(_lexicon.OutOfScope, texts, typed),
            Unserved = _lexicon.KnownGaps.Select(g => Named(g, typed) ?? Named(g, texts)).FirstOrDefault(n => n is not null),
        };

    }

    /// <summary>
    /// The list's words or phrases occur in the question, as corrected or as typed: correcting a word the catalogue never
    /// uses ("gia xang" → "gia dang") must not hide the phrase.
    /// </summary>
    static bool Uses(WordList list, List<string> corrected, List<string> typed) =>
        list.MatchedIndexes(corrected, EmptyVocabulary.Instance).Contains(true) || list.MatchedIndexes(typed, EmptyVocabulary.Instance).Contains(true);

    /// <summary>The need of <paramref name="gap"/> the words name: its first run of matched words, as written; null when none.</summary>
    static UnservedNeed? Named(KnownGap gap, List<string> words)
    {
        var matched = gap.Phrases.MatchedIndexes(words, EmptyVocabulary.Instance);
        var start = Array.IndexOf(matched, true);
        if (start < 0) return null;
        var end = start;
        while (end + 1 < matched.Length && matched[end + 1]) end++;
        return new UnservedNeed(string.Join(' ', words.Skip(start).Take(end - start + 1)), gap.AskWhere);
    }

    /// <summary>
    /// Lexicon phrases in the question, matched over its content words: filler inside a phrase does not hide it
    /// ("tiền bị rách" is "tiền rách"). Words of a phrase that itself holds filler ("thế chấp", "làm lại") stay in
    /// the sequence, so such phrases match as typed. Positions in the result are the question's own.
    /// </summary>
    /// <returns>Each match with the positions of the words that matched (filler skipped over is not among them).</returns>
    IReadOnlyList<(SynonymMatch Match, int[] Words)> FindLexiconPhrases(List<string> texts, bool[] stopped)
    {
        var inPhrase = new bool[texts.Count];
        foreach (var m in _synonyms.FindMatches(texts))
            for (var k = m.Start; k < m.Start + m.Length; k++) inPhrase[k] = true;
        var kept = Enumerable.Range(0, texts.Count).Where(i => !stopped[i] || inPhrase[i]).ToList();
        return _synonyms.FindMatches(kept.Select(i => texts[i]).ToList())
            .Select(m => (m with { Start = kept[m.Start], Length = kept[m.Start + m.Length - 1] - kept[m.Start] + 1 },
                kept.GetRange(m.Start, m.Length).ToArray()))
            .ToList();
    }

    /// <summary>Which words follow the first reason marker: "đăng ký thế chấp sổ đỏ để vay ngân hàng" asks about the mortgage.</summary>
    bool[] InReasonClause(List<string> texts, IVocabulary vocabulary)
    {
        var markers = _lexicon.ReasonMarkers.MatchedIndexes(texts, vocabulary);
        var first = Array.IndexOf(markers, true);
        return Enumerable.Range(0, texts.Count).Select(i => first >= 0 && i > first && !markers[i]).ToArray();
    }

    /// <summary>
    /// Adjacent one-word concepts that the catalogue writes as one word ("ngân hàng", "khai sinh") become one concept:
    /// a word of two syllables is one thing asked about, and must not outweigh a one-syllable word beside it.
    /// </summary>
    static List<QueryConcept> JoinCompounds(List<QueryConcept> concepts, IVocabulary vocabulary)
    {
        var joined = new List<QueryConcept>(concepts.Count);
        for (var i = 0; i < concepts.Count; i++)
        {
            var (first, second) = (concepts[i], i + 1 < concepts.Count ? concepts[i + 1] : null);
            if (second is not null && IsSingleWord(first) && IsSingleWord(second) && second.Position == first.Position + 1
                && vocabulary.IsCompound(first.Alternatives[0][0], second.Alternatives[0][0]))
            {
                joined.Add(new QueryConcept([[first.Alternatives[0][0], second.Alternatives[0][0]]], first.Position)
                {
                    Emphasis = Math.Max(first.Emphasis, second.Emphasis),
                });
                i++;
            }
            else joined.Add(first);
        }
        return joined;
    }

    static bool IsSingleWord(QueryConcept concept) => !concept.FromLexicon && concept.Alternatives is [{ Length: 1 }];

    /// <summary>How many words from <paramref name="start"/> one abbreviation became ("tnhh" → 3): one concept, not three.</summary>
    static int ExpansionLength(List<Word> words, bool[] stopped, int start, int limit)
    {
        var expansion = words[start].Expansion;
        if (expansion < 0) return 1;
        var end = start + 1;
        while (end < limit && words[end].Expansion == expansion && !stopped[end]) end++;
        return end - start;
    }

    /// <summary>
    /// A question's words through the chain (typo correction included, against <paramref name="vocabulary"/>; no stop
    /// words: <see cref="AnalyzeQuery"/> weighs filler itself). The chain is built per question because the vocabulary
    /// is the searcher's, not the analyzer's.
    /// </summary>
    List<Word> Words(string text, IVocabulary vocabulary)
    {
        var source = new WordTokenizer(InitReader("", new StringReader(text)));
        using var stream = new TypoCorrectionFilter(Words(source), vocabulary, _lexiconWords);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var type = stream.AddAttribute<ITypeAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        var words = new List<Word>();
        stream.Reset();
        while (stream.IncrementToken())
            words.Add(new Word(term.ToString(), type.Type == AbbreviationFilter.ExpansionType ? offset.StartOffset : -1));
        stream.End();
        return words;
    }

    /// <param name="Expansion">For the words an abbreviation became ("tnhh" → "trách nhiệm hữu hạn"), where the typed
    /// word starts, shared by all of them: together they are one word the user typed. -1 otherwise.</param>
    readonly record struct Word(string Text, int Expansion);
}

/// <param name="Normalized">The question as the engine understood it (filler removed, abbreviations expanded, typos fixed).</param>
/// <param name="Concepts">What the question asks about, one concept per content word or lexicon phrase.</param>
/// <param name="Bigrams">Folded bigrams of adjacent content words as typed.</param>
/// <param name="HasDiacritics">Whether the citizen typed accents (accented matches then count a little more).</param>
public sealed record AnalyzedQuery(string Normalized, IReadOnlyList<QueryConcept> Concepts, IReadOnlyList<string> Bigrams, bool HasDiacritics)
{
    /// <summary>The question uses a phrase of something no public service answers (outofscope.txt: "giá vàng", "thời tiết").</summary>
    public bool OutOfScope { get; init; }

    /// <summary>The question names a need of gaps.txt the catalogue may lack: that need and where to ask instead; null otherwise.</summary>
    public UnservedNeed? Unserved { get; init; }

    /// <summary>Every folded word and bigram any alternative could match: what candidate retrieval asks the index for.</summary>
    public IEnumerable<string> RetrievalTerms() =>
        Concepts.SelectMany(c => c.Alternatives).SelectMany(a => a.Concat(QueryConcept.BigramsOf(a))).Concat(Bigrams).Distinct();
}

/// <summary>One thing the question asks about, with the ways it may be written (alternatives are folded word sequences).</summary>
public sealed record QueryConcept(IReadOnlyList<string[]> Alternatives, int Position)
{
    public bool FromLexicon { get; init; }

    /// <summary>How much the concept counts: 1, or less for words that say who it is for ("cho con") rather than what.</summary>
    public double Emphasis { get; init; } = 1.0;

    /// <summary>The word as typed, when it is one word typed with diacritics: "vàng" must not match "vắng" in a name.</summary>
    public string? Accented { get; init; }

    public static IEnumerable<string> BigramsOf(string[] words)
    {
        for (var i = 0; i + 1 < words.Length; i++)
            yield return words[i] + "_" + words[i + 1];
    }
}
