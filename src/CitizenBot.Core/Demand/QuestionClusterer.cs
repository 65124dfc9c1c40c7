using CitizenBot.Core.Analysis;
using System.Text.RegularExpressions;

namespace CitizenBot.Core.Demand;

/// <summary>
/// Groups questions that ask for the same thing: near-duplicates, spelling variants and word-order changes
/// ("xin giấy phép nuôi chó" · "giay phep nuoi cho meo" · "xin giấy phép nuôi chố"). A question's signature is the
/// set of words of its folded normalized form (placeholders dropped); two signatures are alike when their fuzzy
/// Jaccard similarity (words one edit apart count as equal) reaches <see cref="Threshold"/>. Leader clustering:
/// signatures are taken most frequent first (ties by text), and each joins the most similar cluster leader or
/// leads a new cluster — so the result does not depend on input order.
/// </summary>
public static class QuestionClusterer
{
    public const double Threshold = 0.5;

    static readonly Regex Placeholder = new(@"\[[^\]]*\]", RegexOptions.CultureInvariant);
    static readonly Regex NonWord = new(@"[^\p{L}\p{N}]+", RegexOptions.CultureInvariant);

    /// <summary>The sorted distinct folded words of a text, without placeholders: the identity of a question for grouping.</summary>
    public static string[] Words(string text) =>
        NonWord.Split(VietnameseText.FoldEachCharacter(Placeholder.Replace(text.Normalize(System.Text.NormalizationForm.FormC), " ")).ToLowerInvariant())
            .Where(w => w.Length > 1 || w.Length == 1 && char.IsDigit(w[0]))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToArray();

    public static string Signature(string text) => string.Join(' ', Words(text));

    /// <summary>Fuzzy Jaccard similarity of two word sets: |matched| / (|a| + |b| − |matched|).</summary>
    public static double Similarity(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        if (a.Count == 0 || b.Count == 0) return a.Count == b.Count ? 1 : 0;
        var used = new bool[b.Count];
        var matched = 0;
        foreach (var word in a)
        {
            var index = -1;
            for (var j = 0; j < b.Count; j++)
                if (!used[j] && b[j] == word) { index = j; break; }
            if (index < 0)
                for (var j = 0; j < b.Count; j++)
                    if (!used[j] && AreVariants(word, b[j])) { index = j; break; }
            if (index < 0) continue;
            used[index] = true;
            matched++;
        }
        return matched / (double)(a.Count + b.Count - matched);
    }

    /// <summary>Spelling variants: one edit apart for words of 4+ letters, two for words of 8+.</summary>
    static bool AreVariants(string a, string b)
    {
        var shorter = Math.Min(a.Length, b.Length);
        if (shorter < 4 || Math.Abs(a.Length - b.Length) > 2) return false;
        var allowed = shorter >= 8 ? 2 : 1;
        return Search.EditDistance.Levenshtein(a, b, allowed) <= allowed;
    }

    /// <summary>Clusters items by the text <paramref name="textOf"/> gives; biggest clusters first.</summary>
    public static IReadOnlyList<QuestionCluster<T>> Cluster<T>(IEnumerable<T> items, Func<T, string> textOf)
    {
        var bySignature = new Dictionary<string, (string[] Words, List<T> Items)>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            var words = Words(textOf(item));
            var key = string.Join(' ', words);
            if (!bySignature.TryGetValue(key, out var group)) bySignature[key] = group = (words, []);
            group.Items.Add(item);
        }

        var clusters = new List<(string Key, string[] Words, List<string> Members, List<T> Items)>();
        // Leaders are found through their words and word prefixes, so a signature is compared with few leaders.
        var index = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        foreach (var (key, (words, members)) in bySignature.OrderByDescending(g => g.Value.Items.Count).ThenBy(g => g.Key, StringComparer.Ordinal))
        {
            var best = -1;
            var bestSimilarity = 0.0;
            var candidates = new SortedSet<int>();
            foreach (var probe in Probes(words))
                if (index.TryGetValue(probe, out var list)) candidates.UnionWith(list);
            foreach (var c in candidates)
            {
                var similarity = Similarity(words, clusters[c].Words);
                if (similarity >= Threshold && similarity > bestSimilarity)
                {
                    best = c;
                    bestSimilarity = similarity;
                }
            }
            if (best < 0)
            {
                clusters.Add((key, words, [key], [.. members]));
                foreach (var probe in Probes(words))
                {
                    if (!index.TryGetValue(probe, out var list)) index[probe] = list = [];
                    list.Add(clusters.Count - 1);
                }
            }
            else
            {
                clusters[best].Members.Add(key);
                clusters[best].Items.AddRange(members);
            }
        }
        return clusters
            .Select(c => new QuestionCluster<T>(c.Key, c.Words, c.Members, c.Items))
            .OrderByDescending(c => c.Items.Count).ThenBy(c => c.Key, StringComparer.Ordinal)
            .ToList();
    }

    static IEnumerable<string> Probes(string[] words)
    {
        if (words.Length == 0) yield return "";
        foreach (var w in words)
        {
            yield return w;
            if (w.Length >= 4) yield return "^" + w[..3];
        }
    }
}

/// <param name="Key">The leader's signature: the cluster's stable name (marks refer to it).</param>
/// <param name="Words">The leader's words.</param>
/// <param name="Signatures">Every signature in the cluster, the leader first.</param>
public sealed record QuestionCluster<T>(string Key, IReadOnlyList<string> Words, IReadOnlyList<string> Signatures, IReadOnlyList<T> Items);
