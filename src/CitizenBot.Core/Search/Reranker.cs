using CitizenBot.Core.Analysis;

namespace CitizenBot.Core.Search;

/// <summary>
/// Orders FTS5's candidates by how well each procedure explains the question, from features that generalise:
/// <list type="bullet">
/// <item>title match: for the best of the name and aliases, how much of the question it contains and how much of it
///   the question explains — so "đăng ký khai sinh" prefers the plain procedure over "… có yếu tố nước ngoài";</item>
/// <item>name coverage: the question's concepts (weighted by rarity) found anywhere in the name and aliases;</item>
/// <item>evidence: the same over name, field and body, body counting least;</item>
/// <item>phrase: the question's adjacent word pairs ("khai sinh") found in the name.</item>
/// </list>
/// </summary>
public sealed class Reranker(IndexVocabulary vocabulary, IReadOnlyList<string[]> modifiers)
{
    public RankFeatures Score(AnalyzedQuery query, FeatureRow doc)
    {
        var weights = query.Concepts.Select(ConceptWeight).ToArray();
        var total = weights.Sum();
        double inName = 0, anywhere = 0;
        for (var i = 0; i < weights.Length; i++)
        {
            var name = Coverage(query.Concepts[i], doc.NameTerms.Contains);
            inName += weights[i] * name;
            anywhere += weights[i] * Math.Max(name, Math.Max(0.8 * Coverage(query.Concepts[i], doc.FieldTerms.Contains), 0.6 * Coverage(query.Concepts[i], doc.BodyTerms.Contains)));
        }
        var nameCoverage = total > 0 ? inName / total : 0;
        var evidence = total > 0 ? anywhere / total : 0;
        var phrase = query.Bigrams.Count > 0 ? query.Bigrams.Count(doc.NameTerms.Contains) / (double)query.Bigrams.Count : nameCoverage;
        var (titleCoverage, titlePrecision) = BestTitle(query, weights, total, doc);
        var titleMatch = TitleMatch(titleCoverage, titlePrecision);
        var score = 0.70 * titleMatch + 0.10 * nameCoverage + 0.15 * evidence + 0.05 * phrase;
        return new RankFeatures(score, nameCoverage, evidence, phrase, titleCoverage, titlePrecision);
    }

    /// <summary>
    /// A concept weighs as its most common way of being written (lowest mean word weight): "xin" is rare in names but
    /// means "cấp", which is everywhere, so it should not dominate the question.
    /// </summary>
    public double ConceptWeight(QueryConcept concept) =>
        concept.Alternatives.Min(AlternativeWeight) * concept.Emphasis;

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

    /// <summary>Best share of an alternative's weight (words and word pairs) that <paramref name="has"/> finds.</summary>
    double Coverage(QueryConcept concept, Func<string, bool> has)
    {
        var best = 0.0;
        foreach (var alternative in concept.Alternatives)
        {
            double found = 0, all = 0;
            foreach (var word in alternative)
            {
                var w = vocabulary.Weight(word);
                all += w;
                if (has(word)) found += w;
            }
            // Word order counts: each adjacent pair weighs as much as the lighter of its two words.
            for (var k = 0; k + 1 < alternative.Length; k++)
            {
                var w = Math.Min(vocabulary.Weight(alternative[k]), vocabulary.Weight(alternative[k + 1]));
                all += w;
                if (has(alternative[k] + "_" + alternative[k + 1])) found += w;
            }
            best = Math.Max(best, all > 0 ? found / all : 0);
            if (best >= 1) break;
        }
        return best;
    }

    /// <summary>
    /// F-measure leaning to coverage (β² = 2.25): a title must contain the question and the question must explain the
    /// title, so a 1,000-character name that happens to contain every word does not win.
    /// </summary>
    static double TitleMatch(double coverage, double precision) =>
        coverage + precision > 0 ? 3.25 * coverage * precision / (2.25 * precision + coverage) : 0;

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

    /// <summary>The title (name or alias) that matches best: its coverage of the question and its precision.</summary>
    (double Coverage, double Precision) BestTitle(AnalyzedQuery query, double[] weights, double total, FeatureRow doc)
    {
        var queryWords = query.Concepts.SelectMany(c => c.Alternatives).SelectMany(a => a).ToHashSet(StringComparer.Ordinal);
        // A modifier is asked for only as a phrase: "lái" and "lại" fold alike, so "lai" alone does not ask for "cấp lại".
        var askedModifiers = modifiers.Where(m => query.Concepts.SelectMany(c => c.Alternatives).Any(a => ContainsPhrase(a, m))).ToList();
        (double Coverage, double Precision) best = (0, 0);
        var bestMatch = -1.0;
        foreach (var title in doc.Titles)
        {
            // The field (lĩnh vực) is part of what the procedure is: "BHXH" in the field explains "bhxh" in the question.
            var terms = title.Concat(QueryConcept.BigramsOf(title)).Concat(doc.FieldTerms).ToHashSet(StringComparer.Ordinal);
            var qualifierStart = Array.IndexOf(title, IndexedDocument.QualifierMarker);
            double covered = 0;
            for (var i = 0; i < weights.Length; i++)
                covered += weights[i] * Coverage(query.Concepts[i], terms.Contains);
            double explained = 0, all = 0;
            for (var k = 0; k < title.Length; k++)
            {
                var word = title[k];
                if (word == IndexedDocument.QualifierMarker || Array.IndexOf(title, word) < k) continue;
                // Who-may-apply words count a third against the match: citizens rarely say them.
                var w = vocabulary.Weight(word) * (qualifierStart >= 0 && k > qualifierStart ? 0.3 : 1.0);
                all += w;
                if (queryWords.Contains(word)) explained += w;
            }
            var coverage = total > 0 ? covered / total : 0;
            var precision = all > 0 ? explained / all : 0;
            // A variant ("cấp lại", "kết hợp") the question does not ask for is a different procedure.
            foreach (var modifier in modifiers)
                if (!askedModifiers.Contains(modifier) && ContainsPhrase(title, modifier))
                    precision *= 0.8;
            var match = TitleMatch(coverage, precision);
            if (match > bestMatch) (bestMatch, best) = (match, (coverage, precision));
        }
        return best;
    }
}

/// <summary>The reranker's view of one candidate; <see cref="Score"/> orders, the rest explain and decide the verdict.</summary>
public sealed record RankFeatures(double Score, double NameCoverage, double Evidence, double Phrase, double TitleCoverage, double TitlePrecision);
