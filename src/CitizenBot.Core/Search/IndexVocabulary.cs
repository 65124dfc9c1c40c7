using CitizenBot.Core.Analysis;
using CitizenBot.Core.Analysis.Filters;
using Lucene.Net.Index;

namespace CitizenBot.Core.Search;

/// <summary>
/// The folded words of the index with their document frequencies: the reference for typo correction and the source
/// of each word's weight (inverse document frequency over names, so words that name few procedures count most).
/// </summary>
public sealed class IndexVocabulary : IVocabulary
{
    readonly Dictionary<string, int> _documentFrequency;
    readonly Dictionary<string, int> _nameFrequency;
    readonly ILookup<int, string> _byLength;
    readonly int _documents;
    readonly double _unseenWeight;

    /// <param name="documentFrequency">Per folded word, how many procedures use it in name, field or body.</param>
    /// <param name="nameFrequency">Per folded word or word pair, how many procedure names (with aliases) use it.</param>
    public IndexVocabulary(int documents, Dictionary<string, int> documentFrequency, Dictionary<string, int> nameFrequency)
    {
        _documents = Math.Max(1, documents);
        _documentFrequency = documentFrequency;
        _nameFrequency = nameFrequency;
        _byLength = _documentFrequency.Keys.ToLookup(w => w.Length);
        _unseenWeight = Math.Log(1 + _documents / 0.5);
    }

    /// <summary>The vocabulary of a Lucene index: the document frequencies of its words (counted by the caller from
    /// the documents' term sets) and of its name terms (read from the index; each as its copy in <paramref name="ids"/>).</summary>
    public static IndexVocabulary Read(IndexReader reader, Dictionary<string, int> wordFrequencies, TermIds ids) =>
        new(reader.NumDocs, wordFrequencies, DocumentFrequencies(reader, SearchIndex.Name, ids));

    static Dictionary<string, int> DocumentFrequencies(IndexReader reader, string field, TermIds ids)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var terms = MultiFields.GetTerms(reader, field)?.GetEnumerator();
        while (terms is not null && terms.MoveNext())
            counts[SearchIndex.SharedTerm(ids, terms.Term.Utf8ToString())] = terms.DocFreq;
        return counts;
    }

    public int Count => _documentFrequency.Count;

    /// <summary>Each word with its document frequency, in the order typo correction meets them.</summary>
    internal IEnumerable<KeyValuePair<string, int>> DocumentFrequencies() => _documentFrequency;

    public bool Contains(string foldedWord) => _documentFrequency.ContainsKey(foldedWord);

    public bool IsTopicWord(string foldedWord) => _nameFrequency.ContainsKey(foldedWord);

    /// <summary>How many procedure names (with aliases) use the word or word pair.</summary>
    public int NameFrequency(string term) => _nameFrequency.GetValueOrDefault(term);

    /// <summary>
    /// Weight of a folded word or bigram: rare in names → high. Words no name uses but the body does sit in the
    /// middle; words the index has never seen weigh most, since they are what makes a question unanswerable.
    /// </summary>
    public double Weight(string term)
    {
        // Numbers ("15 tuổi", "lớp 1") qualify a question but rarely name its topic.
        if (term.Any(char.IsDigit)) return 1.0;
        return _nameFrequency.TryGetValue(term, out var inNames) ? Math.Log(1 + _documents / (inNames + 0.5)) : _unseenWeight;
    }

    /// <summary>Names that must use a pair before it can count as one word.</summary>
    const int MinCompoundNames = 3;
    /// <summary>Share of the rarer syllable's names in which the pair appears for the two to count as one word.</summary>
    const double CompoundCohesion = 0.6;

    /// <summary>
    /// A pair is one word when the rarer of its syllables mostly appears in it: "ngân" is nearly always in "ngân
    /// hàng"; "con" and "gái" are two words.
    /// </summary>
    public bool IsCompound(string first, string second)
    {
        if (first.Any(char.IsDigit) || second.Any(char.IsDigit)) return false;
        var pair = NameFrequency(first + "_" + second);
        return pair >= MinCompoundNames && pair >= CompoundCohesion * Math.Min(NameFrequency(first), NameFrequency(second));
    }

    public string? ClosestWord(string foldedWord, int maxDistance)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        var bestFrequency = 0;
        var bestLengthDelta = int.MaxValue;
        for (var length = foldedWord.Length - maxDistance; length <= foldedWord.Length + maxDistance; length++)
            foreach (var candidate in _byLength[length])
            {
                var distance = EditDistance.Compute(foldedWord, candidate, maxDistance);
                if (distance > maxDistance) continue;
                // Closest first; among equals prefer a same-length word (a swapped or mistyped letter, "hno" → "hon")
                // over a dropped or added one, then the more frequent.
                var frequency = _documentFrequency[candidate];
                var lengthDelta = Math.Abs(candidate.Length - foldedWord.Length);
                if (distance < bestDistance || distance == bestDistance && (lengthDelta < bestLengthDelta || lengthDelta == bestLengthDelta && frequency > bestFrequency))
                    (best, bestDistance, bestFrequency, bestLengthDelta) = (candidate, distance, frequency, lengthDelta);
            }
        return best;
    }
}

/// <summary>A procedure's terms as id sets (its name, field and body terms, read from the index's postings once at open), and its titles.</summary>
/// <param name="NameAccentedWords">The accented words its name and aliases hold as written (see <see cref="SearchIndex.Accented"/>).</param>
public sealed record FeatureRow(string Code, TermSet NameTerms, string[][] Titles, TermSet FieldTerms, TermSet BodyTerms, TermSet NameAccentedWords);
