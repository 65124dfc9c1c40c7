namespace CitizenBot.Core.Analysis;

/// <summary>
/// The analysis lexicon officials can extend, loaded once from index-data/analysis/: stop words, abbreviations and
/// chat spellings (one word → its standard form), and synonym groups (phrase ↔ phrase). All keys are folded, so a
/// lexicon entry written with diacritics also matches text typed without them.
/// </summary>
public sealed class Lexicon
{
    public static Lexicon Empty { get; } = new(new HashSet<string>(), [], new Dictionary<string, string[]>(), []);

    public Lexicon(IReadOnlySet<string> stopWords, IReadOnlyList<string[]> stopPhrases, IReadOnlyDictionary<string, string[]> abbreviations, IReadOnlyList<SynonymRule> synonyms)
    {
        StopWords = stopWords;
        StopPhrases = stopPhrases;
        Abbreviations = abbreviations;
        Synonyms = synonyms;
    }

    /// <summary>Folded stop words ("cho", "a", "thi").</summary>
    public IReadOnlySet<string> StopWords { get; }
    /// <summary>Folded multi-word filler ("giay to gi", "bao lau").</summary>
    public IReadOnlyList<string[]> StopPhrases { get; }
    /// <summary>Folded word → replacement words as written ("dk" → ["đăng", "ký"]).</summary>
    public IReadOnlyDictionary<string, string[]> Abbreviations { get; }
    public IReadOnlyList<SynonymRule> Synonyms { get; }

    /// <summary>A fingerprint of the content, so an index built with another lexicon is seen as stale.</summary>
    public string Fingerprint { get; init; } = "";
}

/// <summary>
/// When a query contains one of <paramref name="Phrases"/> (folded word sequences), it also means each of
/// <paramref name="Expansions"/>. Equivalence lines ("a, b, c") make every phrase both; "a => b" is one-way.
/// </summary>
public sealed record SynonymRule(IReadOnlyList<string[]> Phrases, IReadOnlyList<string[]> Expansions, string Source);
