using System.Numerics;
using CitizenBot.Core.Analysis;

namespace CitizenBot.Core.Search;

/// <summary>
/// Orders FTS5's candidates by how well each procedure explains the question, from features that generalise:
/// <list type="bullet">
/// <item>title match: for the best of the name and aliases, an F-measure of how much of the question it contains and
///   how much of it the question explains — so "đăng ký khai sinh" prefers the plain procedure over
///   "… có yếu tố nước ngoài", and a variant ("cấp lại", "kết hợp") the question does not ask for counts against;</item>
/// <item>name coverage: the question's concepts (weighted by rarity) found anywhere in the name and aliases;</item>
/// <item>evidence: the same over name, field and body, body counting least;</item>
/// <item>phrase: the question's adjacent word pairs ("khai sinh") found in the name;</item>
/// <item>title pairs: the other way round, the share of the best title's own word pairs the question uses (part of
///   the title match, discounted like precision for a variant the question does not ask for).</item>
/// </list>
/// Everything that depends only on the question is prepared once (<see cref="Prepare"/>), everything that depends
/// only on the document once at load (<see cref="Profile"/>), so scoring a candidate is set look-ups.
/// </summary>
/// <param name="weights">The feature weights (<see cref="RankingWeights.Tuned"/> unless a tuning run tries others).</param>
public sealed class Reranker(IndexVocabulary vocabulary, TermIds ids, IReadOnlyList<string[]> modifiers, RankingWeights? weights = null)
{
    readonly RankingWeights _w = weights ?? RankingWeights.Tuned;

    public PreparedQuery Prepare(AnalyzedQuery query)
    {
        var slots = new Dictionary<int, int>(); // term id → slot in PreparedQuery.Terms
        var concepts = query.Concepts.Select(c => new PreparedConcept(
            c.Alternatives.Select(a => PrepareAlternative(a, slots)).ToArray(),
            c.Alternatives.Min(AlternativeWeight) * c.Emphasis)).ToArray();
        var alternatives = query.Concepts.SelectMany(c => c.Alternatives).ToList();
        var asked = modifiers.Select(m => alternatives.Any(a => ContainsPhrase(a, m))).ToArray();
        var terms = new int[slots.Count];
        foreach (var (id, slot) in slots) terms[slot] = id;
        var accents = query.Concepts
            .Where(c => c.Accented is not null && ids.Find(c.Alternatives[0][0]) >= 0)
            .Select(c => new AccentCheck(slots[ids.Find(c.Alternatives[0][0])], ids.Find(c.Accented!)))
            .ToArray();
        return new PreparedQuery(concepts, concepts.Sum(c => c.Weight), alternatives.SelectMany(a => a).Select(ids.Find).ToHashSet(),
            query.Bigrams.Select(ids.Find).ToArray(), asked, terms) { Accents = accents };
    }

    public DocumentProfile Profile(FeatureRow row, string[] fieldTerms)
    {
        // The field's terms count as every title's: held once per document, and the row's own field set when it is the
        // same (it is for all 2,642 national procedures: one analysis of the field), so a candidate's field is checked once, not per title.
        var field = ids.ToSet(fieldTerms);
        var sameAsRow = field.Ids.SequenceEqual(row.FieldTerms.Ids);
        return new(row, row.Titles.Select(ProfileTitle).ToArray()) { TitleField = sameAsRow ? row.FieldTerms : field, TitleFieldIsRowField = sameAsRow };
    }

    /// <param name="prior">Added to the score (the procedure's prior, independent of the question): the features are built
    /// once per candidate, hundreds per question.</param>
    public RankFeatures Score(PreparedQuery query, DocumentProfile doc, double prior = 0)
    {
        var row = doc.Row;
        var n = query.Terms.Length;
        // Scoring runs for hundreds of candidates per question: presence flags live on the stack, not the heap.
        Span<bool> flags = n <= 128 ? stackalloc bool[5 * n] : new bool[5 * n];
        // Each of the question's terms is looked up once per field; concepts then only read these flags.
        var inNameTerms = WithAccents(query, row, Presence(query, row.NameTerms, flags[..n]));
        var inFieldTerms = Presence(query, row.FieldTerms, flags.Slice(n, n));
        var inBodyTerms = Presence(query, row.BodyTerms, flags.Slice(2 * n, n));
        double inName = 0, anywhere = 0;
        foreach (var concept in query.Concepts)
        {
            var name = concept.Coverage(inNameTerms);
            inName += concept.Weight * name;
            var elsewhere = name >= 1 ? 0 : Math.Max(_w.FieldEvidence * concept.Coverage(inFieldTerms), _w.BodyEvidence * concept.Coverage(inBodyTerms));
            anywhere += concept.Weight * Math.Max(name, elsewhere);
        }
        var total = query.TotalWeight;
        var nameCoverage = total > 0 ? inName / total : 0;
        var evidence = total > 0 ? anywhere / total : 0;
        var phrase = query.Bigrams.Length > 0 ? (double)CountPresent(query.Bigrams, row.NameTerms) / query.Bigrams.Length : nameCoverage;
        var inTitleField = doc.TitleFieldIsRowField ? inFieldTerms : Presence(query, doc.TitleField, flags.Slice(4 * n, n));
        var (titleMatch, titleCoverage, titlePrecision) = BestTitle(query, doc, inTitleField, flags.Slice(3 * n, n));
        var score = _w.Title * titleMatch / (1 + _w.TitlePairs) + _w.NameCoverage * nameCoverage + _w.Evidence * evidence + _w.Phrase * phrase;
        return new RankFeatures(score + prior, nameCoverage, evidence, phrase, titleCoverage, titlePrecision);
    }

    /// <summary>
    /// F-measure leaning to coverage (β² = <see cref="RankingWeights.CoverageBias"/>): a title must contain the question and the
    /// question must explain the title, so a 1,000-character name that happens to contain every word does not win.
    /// </summary>
    double TitleMatch(double coverage, double precision) =>
        coverage + precision > 0 ? (1 + _w.CoverageBias) * coverage * precision / (_w.CoverageBias * precision + coverage) : 0;

    /// <returns>The best title's match (F-measure plus its word pairs, at most 1 + <see cref="RankingWeights.TitlePairs"/>), coverage and precision.</returns>
    /// <param name="inField">The question's terms the document's field holds (<see cref="DocumentProfile.TitleField"/>), part of every title.</param>
    (double Match, double Coverage, double Precision) BestTitle(PreparedQuery query, DocumentProfile doc, ReadOnlySpan<bool> inField, Span<bool> scratch)
    {
        (double Match, double Coverage, double Precision) best = (-1, 0, 0);
        var slots = query.Slots;
        foreach (var title in doc.Titles)
        {
            // One walk over the title's own terms marks which of the question's terms it holds, and on the way sums the
            // weight of its words the question uses (in the words' order, as they are listed) and counts its word pairs
            // the question has.
            inField.CopyTo(scratch);
            var own = title.Own;
            var words = title.Words;
            double explained = 0;
            var pairs = 0;
            for (var k = 0; k < own.Length; k++)
            {
                var slot = slots.SlotOf(own[k]);
                if (slot < 0) continue;
                scratch[slot] = true;
                if (k < words.Length && query.WordSlots[slot]) explained += words[k].Weight;
                if (title.IsPair[k]) pairs++;
            }
            var inTitle = WithAccents(query, doc.Row, scratch);
            double covered = 0;
            foreach (var concept in query.Concepts)
                covered += concept.Weight * concept.Coverage(inTitle);
            var coverage = query.TotalWeight > 0 ? covered / query.TotalWeight : 0;
            var precision = title.TotalWeight > 0 ? explained / title.TotalWeight : 0;
            var pairShare = title.PairCount > 0 ? (double)pairs / title.PairCount : 0;
            foreach (var modifier in title.Modifiers)
                if (!query.AskedModifiers[modifier]) { precision *= _w.UnaskedModifierFactor; pairShare *= _w.UnaskedModifierFactor; }
            var match = TitleMatch(coverage, precision) + _w.TitlePairs * pairShare;
            if (match > best.Match) best = (match, coverage, precision);
        }
        return best.Match < 0 ? (0, 0, 0) : best;
    }

    TitleProfile ProfileTitle(string[] title)
    {
        var qualifierStart = Array.IndexOf(title, IndexedDocument.QualifierMarker);
        var words = new List<(int, double)>();
        for (var k = 0; k < title.Length; k++)
        {
            if (title[k] == IndexedDocument.QualifierMarker || Array.IndexOf(title, title[k]) < k) continue;
            words.Add((ids.GetOrAdd(title[k]), vocabulary.Weight(title[k]) * (qualifierStart >= 0 && k > qualifierStart ? _w.Qualifier : 1.0)));
        }
        var plain = title.Where(w => w != IndexedDocument.QualifierMarker).ToArray();
        var modifierIndexes = Enumerable.Range(0, modifiers.Count).Where(i => ContainsPhrase(plain, modifiers[i])).ToArray();
        var core = qualifierStart >= 0 ? title[..qualifierStart] : title;
        var pairs = QueryConcept.BigramsOf(core).Select(ids.GetOrAdd).ToHashSet();
        // The words first, in their order, then the word pairs: each distinct term once.
        int[] own = [.. words.Select(w => w.Item1).Concat(QueryConcept.BigramsOf(plain).Select(ids.GetOrAdd)).Distinct()];
        return new TitleProfile(own, [.. own.Select(pairs.Contains)], words.ToArray(), words.Sum(w => w.Item2), pairs.Count, modifierIndexes);
    }

    PreparedAlternative PrepareAlternative(string[] words, Dictionary<int, int> slots)
    {
        var terms = new List<(int, double)>();
        void Add(string term, double weight)
        {
            var id = ids.Find(term);
            if (id < 0) { terms.Add((-1, weight)); return; } // In no document: never present, still weighs.
            if (!slots.TryGetValue(id, out var slot)) slots[id] = slot = slots.Count;
            terms.Add((slot, weight));
        }
        foreach (var word in words) Add(word, vocabulary.Weight(word));
        // Word order counts: each adjacent pair weighs as much as the lighter of its two words.
        for (var k = 0; k + 1 < words.Length; k++)
            Add(words[k] + "_" + words[k + 1], Math.Min(vocabulary.Weight(words[k]), vocabulary.Weight(words[k + 1])));
        return new PreparedAlternative(terms.ToArray(), terms.Sum(t => t.Item2));
    }

    /// <summary>
    /// A word typed with diacritics is in a name only as written: "giá vàng" does not match "tạm vắng". It may still
    /// count as evidence through the field and body, which are compared folded.
    /// </summary>
    static ReadOnlySpan<bool> WithAccents(PreparedQuery query, FeatureRow row, Span<bool> present)
    {
        foreach (var (slot, accented) in query.Accents)
            if (present[slot] && !row.NameAccentedWords.Contains(accented)) present[slot] = false;
        return present;
    }

    /// <summary>Which of the question's terms (by slot) the set holds.</summary>
    internal static Span<bool> Presence(PreparedQuery query, TermSet set, Span<bool> present)
    {
        var ids = set.Ids;
        present.Clear();
        // A short set (a name, a title) is walked against the question's table; a long one (a body's terms) is searched
        // for the question's terms in id order, each search starting where the last one ended.
        if (ids.Length <= query.Terms.Length * (BitOperations.Log2((uint)ids.Length) + 1))
        {
            foreach (var id in ids)
                if (query.Slots.SlotOf(id) is var slot and >= 0) present[slot] = true;
            return present;
        }
        var sorted = query.SortedTerms;
        for (var i = 0; i < sorted.Length && ids.Length > 0; i++)
        {
            var at = TermSet.LowerBound(ids, sorted[i].Id);
            if (at < ids.Length && ids[at] == sorted[i].Id)
            {
                present[sorted[i].Slot] = true;
                at++;
            }
            ids = ids[at..];
        }
        return present;
    }

    static int CountPresent(int[] terms, TermSet set)
    {
        var count = 0;
        foreach (var term in terms)
            if (set.Contains(term)) count++;
        return count;
    }

    /// <summary>
    /// A multi-word term weighs as rare as its word pairs are in names ("hộ chiếu" is rare though "hộ" is common);
    /// a pair no name has falls back to its words, so an unseen pairing is not mistaken for a rare term.
    /// </summary>
    double AlternativeWeight(string[] words)
    {
        if (words.Length == 1) return vocabulary.Weight(words[0]);
        var total = 0.0;
        for (var k = 0; k + 1 < words.Length; k++)
        {
            var pair = words[k] + "_" + words[k + 1];
            total += vocabulary.IsTopicWord(pair) ? vocabulary.Weight(pair) : (vocabulary.Weight(words[k]) + vocabulary.Weight(words[k + 1])) / 2;
        }
        return total / (words.Length - 1);
    }

    static bool ContainsPhrase(string[] words, string[] phrase)
    {
        for (var i = 0; i + phrase.Length <= words.Length; i++)
        {
            var k = 0;
            while (k < phrase.Length && words[i + k] == phrase[k]) k++;
            if (k == phrase.Length) return true;
        }
        return false;
    }
}

/// <summary>The question, ready for scoring many candidates: concept weights, the words it uses, asked-for variants.</summary>
/// <param name="Terms">The distinct term ids the concepts refer to by slot.</param>
public sealed record PreparedQuery(PreparedConcept[] Concepts, double TotalWeight, HashSet<int> Words, int[] Bigrams, bool[] AskedModifiers, int[] Terms)
{
    /// <summary>Words typed with diacritics: the slot of the folded word, and the id of the word as typed (-1: in no name).</summary>
    public AccentCheck[] Accents { get; init; } = [];

    /// <summary><see cref="Terms"/> the other way round: term id → slot.</summary>
    public TermSlotTable Slots { get; } = new(Terms);

    /// <summary>
    /// By slot, whether the term is one of <see cref="Words"/>: every word of the concepts has a slot (or no id), so a
    /// title's word is in <see cref="Words"/> exactly when its slot is marked here — one probe of <see cref="Slots"/>, the
    /// table the title's terms were just probed in, instead of a hash-set look-up per word of every title.
    /// </summary>
    public bool[] WordSlots { get; } = [.. Terms.Select(Words.Contains)];

    /// <summary><see cref="Terms"/> with their slots, in id order (term sets are sorted by id too).</summary>
    public (int Id, int Slot)[] SortedTerms { get; } = [.. Terms.Select((id, slot) => (id, slot)).OrderBy(t => t.id)];
}

/// <param name="Weight">How much the concept counts (its most common way of being written, times its emphasis).</param>
public sealed record PreparedConcept(PreparedAlternative[] Alternatives, double Weight)
{
    /// <summary>Best share of an alternative's weight (words and word pairs) present (by slot, see <see cref="PreparedQuery.Terms"/>).</summary>
    public double Coverage(ReadOnlySpan<bool> present)
    {
        var best = 0.0;
        foreach (var alternative in Alternatives)
        {
            if (alternative.TotalWeight <= 0) continue;
            double found = 0;
            foreach (var (slot, weight) in alternative.Terms)
                if (slot >= 0 && present[slot]) found += weight;
            best = Math.Max(best, found / alternative.TotalWeight);
            if (best >= 1) break;
        }
        return best;
    }
}

public readonly record struct AccentCheck(int Slot, int AccentedTerm);

/// <param name="Terms">Words and adjacent word pairs ("khai_sinh") as slots of <see cref="PreparedQuery.Terms"/> (-1: in no document) with their weights.</param>
public sealed record PreparedAlternative((int Term, double Weight)[] Terms, double TotalWeight);

/// <summary>A candidate's stored terms with its titles prepared for scoring.</summary>
public sealed record DocumentProfile(FeatureRow Row, TitleProfile[] Titles)
{
    /// <summary>The field's (lĩnh vực) terms, part of every title: "BHXH" in the field explains "bhxh" in the question.</summary>
    public TermSet TitleField { get; init; }

    /// <summary>Whether <see cref="TitleField"/> is <see cref="FeatureRow.FieldTerms"/>, whose presence the score has already read.</summary>
    public bool TitleFieldIsRowField { get; init; }
}

/// <param name="Own">The title's distinct words and adjacent word pairs: its words first, in <see cref="Words"/>' order
/// (entry k &lt; Words.Length is Words[k]), then its pairs. With the document's <see cref="DocumentProfile.TitleField"/>,
/// the terms the title holds.</param>
/// <param name="IsPair">By entry of <paramref name="Own"/>: an adjacent word pair of the title's core (before its
/// applicant clause), counted in the title-pair share.</param>
/// <param name="Words">Distinct words with their weight against a match (who-may-apply words weigh less).</param>
/// <param name="PairCount">How many distinct pairs the title's core has.</param>
/// <param name="Modifiers">Indexes of the variant markers (modifiers.txt) the title contains.</param>
public sealed record TitleProfile(int[] Own, bool[] IsPair, (int Word, double Weight)[] Words, double TotalWeight, int PairCount, int[] Modifiers);

/// <summary>The reranker's view of one candidate; <see cref="Score"/> orders, the rest explain and decide the verdict.</summary>
public sealed record RankFeatures(double Score, double NameCoverage, double Evidence, double Phrase, double TitleCoverage, double TitlePrecision);
