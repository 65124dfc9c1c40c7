using CitizenBot.Core.Analysis.CharFilters;
using CitizenBot.Core.Analysis.Filters;

namespace CitizenBot.Core.Analysis;

/// <summary>
/// The one place the analysis chain is assembled, used identically for catalogue text and citizens' questions:
/// control chars → NFC + tone placement → tokenise → lowercase → Telex/VNI repair → abbreviations → typo correction
/// (query only: needs the index vocabulary) → stop words → folding (original kept) → syllable bigrams.
/// Queries additionally get synonym expansion (<see cref="AnalyzeQuery"/>).
/// </summary>
public sealed class VietnameseAnalyzer
{
    readonly ICharFilter[] _charFilters = [new ControlCharacterCharFilter(), new VietnameseNormalizationCharFilter()];
    readonly WordTokenizer _tokenizer = new();
    readonly Lexicon _lexicon;
    readonly SynonymMatcher _synonyms;
    readonly HashSet<string> _lexiconWords;
    readonly HashSet<string> _stopsAsWritten;

    /// <summary>How much a weak word ("con", "vợ": who, not what) counts next to a topic word.</summary>
    public const double WeakWordEmphasis = 0.15;

    public VietnameseAnalyzer(Lexicon lexicon)
    {
        _lexicon = lexicon;
        _synonyms = new SynonymMatcher(lexicon.Synonyms);
        // Words the lexicon knows are never "corrected" into something else.
        _lexiconWords = lexicon.Synonyms.SelectMany(r => r.Phrases.Concat(r.Expansions))
            .Concat(lexicon.Stops.Phrases).Concat(lexicon.WeakWords.Phrases).SelectMany(p => p.Select(w => w.Folded))
            .Concat(lexicon.Abbreviations.Keys.Select(VietnameseText.Fold)).ToHashSet(StringComparer.Ordinal);
        // Expansions are the lexicon's own words, written as meant: "minh" in "chứng minh nhân dân" is not the filler "mình".
        _stopsAsWritten = lexicon.Stops.Words.Select(w => w.Written).ToHashSet(StringComparer.Ordinal);
    }

    public Lexicon Lexicon => _lexicon;

    /// <summary>The full chain for indexing: words (accented and folded) and folded bigrams.</summary>
    public IReadOnlyList<Token> Analyze(string text) =>
        Chain(Words(text, EmptyVocabulary.Instance), new StopWordFilter(_lexicon.Stops, CatalogueWords.Instance), new DiacriticFoldingFilter(), new SyllableBigramFilter()).ToList();

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
        var words = Words(text, vocabulary).ToList();
        var folded = words.Select(w => VietnameseText.Fold(w.Text)).ToList();
        var texts = words.Select(w => w.Text).ToList();
        var stopped = _lexicon.Stops.MatchedIndexes(texts, vocabulary);
        var weak = _lexicon.WeakWords.MatchedIndexes(texts, EmptyVocabulary.Instance);
        var concepts = new List<QueryConcept>();
        var matches = _synonyms.FindMatches(texts);
        var next = 0;
        foreach (var match in matches.Append(new SynonymMatch(folded.Count, 0, [])))
        {
            for (; next < match.Start; next++)
                if (!stopped[next])
                    concepts.Add(new QueryConcept([[folded[next]]], next)
                    {
                        Emphasis = weak[next] ? WeakWordEmphasis : 1.0,
                        Accented = VietnameseText.HasDiacritics(texts[next]) ? texts[next] : null,
                    });
            if (match.Length == 0) break;
            var original = folded.Skip(match.Start).Take(match.Length).Where((_, k) => !stopped[match.Start + k]).ToArray();
            var expansions = match.Expansions.Select(e => e.Where(w => !_stopsAsWritten.Contains(w.Written)).Select(w => w.Folded).ToArray());
            var alternatives = (match.KeepsOriginal ? new[] { original } : []).Concat(expansions).Where(a => a.Length > 0).ToList();
            // A phrase that is all filler ("mất bao lâu") asks nothing, whatever else its words could mean.
            if (alternatives.Count > 0 && original.Length > 0)
                concepts.Add(new QueryConcept(alternatives, match.Start)
                {
                    FromLexicon = true,
                    Emphasis = Enumerable.Range(match.Start, match.Length).All(i => weak[i] || stopped[i]) ? WeakWordEmphasis : 1.0,
                });
            next = match.Start + match.Length;
        }

        // Bigrams across adjacent content words as typed ("khai sinh"), not across removed filler.
        var contentPositions = Enumerable.Range(0, folded.Count).Where(i => !stopped[i]).ToList();
        var bigrams = contentPositions.Zip(contentPositions.Skip(1))
            .Where(p => p.Second == p.First + 1)
            .Select(p => folded[p.First] + "_" + folded[p.Second])
            .Distinct().ToList();

        var normalized = string.Join(' ', words.Where((_, i) => !stopped[i]).Select(w => w.Text));
        return new AnalyzedQuery(normalized, concepts, bigrams, words.Any(w => VietnameseText.HasDiacritics(w.Text)));

    }

    IEnumerable<Token> Words(string text, IVocabulary vocabulary)
    {
        foreach (var filter in _charFilters)
            text = filter.Apply(text);
        return Chain(_tokenizer.Tokenize(text),
            new LowercaseFilter(),
            new TelexVniRepairFilter(),
            new AbbreviationFilter(_lexicon.Abbreviations),
            new TypoCorrectionFilter(vocabulary, _lexiconWords));
    }

    static IEnumerable<Token> Chain(IEnumerable<Token> tokens, params ITokenFilter[] filters) =>
        filters.Aggregate(tokens, (stream, filter) => filter.Apply(stream));
}

/// <param name="Normalized">The question as the engine understood it (filler removed, abbreviations expanded, typos fixed).</param>
/// <param name="Concepts">What the question asks about, one concept per content word or lexicon phrase.</param>
/// <param name="Bigrams">Folded bigrams of adjacent content words as typed.</param>
/// <param name="HasDiacritics">Whether the citizen typed accents (accented matches then count a little more).</param>
public sealed record AnalyzedQuery(string Normalized, IReadOnlyList<QueryConcept> Concepts, IReadOnlyList<string> Bigrams, bool HasDiacritics)
{
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
