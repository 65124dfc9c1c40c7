using CitizenBot.Core.Analysis;

namespace CitizenBot.Core.Search;

/// <summary>
/// Orders FTS5's candidates by how well each procedure explains the question, from features that generalise:
/// <list type="bullet">
/// <item>name coverage: how much of the question (weighted by word rarity) the name or an alias contains;</item>
/// <item>evidence: the same over name, field and body, body counting least;</item>
/// <item>phrase: the question's adjacent word pairs ("khai sinh") found in the name;</item>
/// <item>title precision: how much of the best-matching title the question explains, so "đăng ký khai sinh"
///   prefers the plain procedure over "đăng ký khai sinh có yếu tố nước ngoài".</item>
/// </list>
/// </summary>
public sealed class Reranker(IndexVocabulary vocabulary)
{
    public RankFeatures Score(AnalyzedQuery query, FeatureRow doc)
    {
        double total = 0, inName = 0, anywhere = 0;
        foreach (var concept in query.Concepts)
        {
            var weight = ConceptWeight(concept);
            total += weight;
            var name = Coverage(concept, doc.NameTerms);
            inName += weight * name;
            anywhere += weight * Math.Max(name, Math.Max(0.8 * Coverage(concept, doc.FieldTerms), 0.6 * Coverage(concept, doc.BodyTerms)));
        }
        var nameCoverage = total > 0 ? inName / total : 0;
        var evidence = total > 0 ? anywhere / total : 0;
        var phrase = query.Bigrams.Count > 0 ? query.Bigrams.Count(doc.NameTerms.Contains) / (double)query.Bigrams.Count : nameCoverage;
        var precision = TitlePrecision(query, doc);
        var score = 0.40 * nameCoverage + 0.20 * evidence + 0.15 * phrase + 0.25 * precision;
        return new RankFeatures(score, nameCoverage, evidence, phrase, precision);
    }

    /// <summary>A concept weighs as its rarest way of being written (mean word weight of the best alternative).</summary>
    double ConceptWeight(QueryConcept concept) =>
        concept.Alternatives.Max(a => a.Average(vocabulary.Weight));

    /// <summary>Best share of an alternative's weight (words and word pairs) present in the term set.</summary>
    double Coverage(QueryConcept concept, HashSet<string> terms)
    {
        var best = 0.0;
        foreach (var alternative in concept.Alternatives)
        {
            double found = 0, all = 0;
            foreach (var word in alternative)
            {
                var w = vocabulary.Weight(word);
                all += w;
                if (terms.Contains(word)) found += w;
            }
            foreach (var bigram in QueryConcept.BigramsOf(alternative))
            {
                all += 0.5;
                if (terms.Contains(bigram)) found += 0.5;
            }
            best = Math.Max(best, all > 0 ? found / all : 0);
            if (best >= 1) break;
        }
        return best;
    }

    double TitlePrecision(AnalyzedQuery query, FeatureRow doc)
    {
        var queryWords = query.Concepts.SelectMany(c => c.Alternatives).SelectMany(a => a).ToHashSet(StringComparer.Ordinal);
        var best = 0.0;
        foreach (var title in doc.Titles)
        {
            double found = 0, all = 0;
            foreach (var word in title.Distinct())
            {
                var w = vocabulary.Weight(word);
                all += w;
                if (queryWords.Contains(word)) found += w;
            }
            best = Math.Max(best, all > 0 ? found / all : 0);
        }
        return best;
    }
}

/// <summary>The reranker's view of one candidate; <see cref="Score"/> orders, the rest explain and decide the verdict.</summary>
public sealed record RankFeatures(double Score, double NameCoverage, double Evidence, double Phrase, double TitlePrecision);
