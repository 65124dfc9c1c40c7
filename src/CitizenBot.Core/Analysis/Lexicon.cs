using CitizenBot.Core.Analysis.Filters;
using CitizenBot.Core.Search;

namespace CitizenBot.Core.Analysis;

/// <summary>
/// The analysis lexicon officials can extend, loaded once from index-data/analysis/: stop words, abbreviations and
/// chat spellings (one word → its standard form), and synonym groups (phrase ↔ phrase). Entries written with
/// diacritics also match text typed without any (see <see cref="LexiconWord"/>).
/// </summary>
public sealed class Lexicon
{
    public static Lexicon Empty { get; } = new(WordList.Empty, WordList.Empty, new Dictionary<string, string[]>(), []);

    /// <summary>Folded phrases that mark a variant of a basic procedure ("cap lai", "ket hop"); see modifiers.txt.</summary>
    public IReadOnlyList<string[]> Modifiers { get; init; } = [];

    /// <summary>Words that start a clause saying why ("để", "vì"): what follows is the reason, not the procedure.</summary>
    public WordList ReasonMarkers { get; init; } = WordList.Empty;

    public Lexicon(WordList stops, WordList weakWords, IReadOnlyDictionary<string, string[]> abbreviations, IReadOnlyList<SynonymRule> synonyms)
    {
        Stops = stops;
        WeakWords = weakWords;
        Abbreviations = abbreviations;
        Synonyms = synonyms;
    }

    /// <summary>Filler words and phrases ("cho", "ạ", "thì", "giấy tờ gì").</summary>
    public WordList Stops { get; }
    /// <summary>Words that say who a question is for, not what it is about ("con", "vợ"): they count less.</summary>
    public WordList WeakWords { get; }
    /// <summary>Word as written (lower-case) → replacement words ("dk" → ["đăng", "ký"]); exact, so "bố" never rewrites "bộ".</summary>
    public IReadOnlyDictionary<string, string[]> Abbreviations { get; }
    public IReadOnlyList<SynonymRule> Synonyms { get; }

    /// <summary>
    /// Phrases of questions no public service answers ("giá vàng", "thời tiết", "xổ số"); see outofscope.txt. A question
    /// using one is out of scope unless a procedure clearly matches it.
    /// </summary>
    public WordList OutOfScope { get; init; } = WordList.Empty;

    /// <summary>
    /// Needs a public service meets that a catalogue often lacks (gaps.txt: unemployment benefit, school enrolment,
    /// military service …), each with where to ask. A question naming one that no procedure clearly matches is unmet.
    /// </summary>
    public IReadOnlyList<KnownGap> KnownGaps { get; init; } = [];

    /// <summary>
    /// Province and city names as written in provinces.json ("Sài Gòn", "Quảng Nam"): where the citizen is, never what
    /// they ask about.
    /// </summary>
    public IReadOnlyList<string> PlaceNames { get; init; } = [];

    /// <summary>
    /// The ages a question states and a procedure's name is for, with the words of ages.txt: what the searcher orders
    /// candidates by (<see cref="LuceneSearcher"/> requires it). Null only for a lexicon not read from a folder
    /// (<see cref="Empty"/>); <see cref="LexiconLoader"/> always sets it.
    /// </summary>
    public StatedAge? StatedAge { get; init; }

    /// <summary>A fingerprint of the content, so an index built with another lexicon is seen as stale.</summary>
    public string Fingerprint { get; init; } = "";
}

/// <summary>
/// When a query contains one of <paramref name="Phrases"/>, it also means each of <paramref name="Expansions"/>.
/// Equivalence lines ("a, b, c") make every phrase both; "a => b" is one-way.
/// </summary>
public sealed record SynonymRule(IReadOnlyList<LexiconWord[]> Phrases, IReadOnlyList<LexiconWord[]> Expansions, string Source)
{
    /// <summary>"a, b, c": every phrase means every other (and itself).</summary>
    public bool IsEquivalence => ReferenceEquals(Phrases, Expansions);
}

/// <summary>A need the catalogue served may lack, by the phrases that name it, and where the citizen can ask instead.</summary>
public sealed record KnownGap(string AskWhere, WordList Phrases)
{
    public const string FileName = "gaps.txt";
}

/// <summary>A need of gaps.txt a question names: its words as the search reads them ("tro cap that nghiep", "vao lop một"),
/// and where to ask.</summary>
public sealed record UnservedNeed(string Need, string AskWhere);
