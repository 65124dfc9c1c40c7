using CitizenBot.Core.Analysis;
using System.Text.RegularExpressions;

namespace CitizenBot.Core.Demand;

/// <summary>
/// Groups questions that ask for the same thing: near-duplicates, spelling variants and word-order changes
/// ("xin giấy phép nuôi chó" · "giay phep nuoi cho meo" · "xin giấy phép nuôi chố"). A question's signature is the
/// set of words of its folded normalized form (placeholders dropped); two signatures are alike when their fuzzy
/// Jaccard similarity, each word weighted by its rarity among the questions grouped (words one edit apart count as
/// equal), reaches <see cref="LinkThreshold"/>. Signatures are taken most frequent first (ties by text), and each joins
/// the cluster of its most similar signature so far or starts a new one — so the result does not depend on input order.
/// <see cref="Threshold"/> (unweighted) finds the cluster an official's mark names once its leader has changed.
/// </summary>
public static class QuestionClusterer
{
    /// <summary>How alike a mark's key must be to a cluster's leader (<see cref="Similarity"/>) to stay its mark.</summary>
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
        var matched = Matches(a, b).Count();
        return matched / (double)(a.Count + b.Count - matched);
    }

    /// <summary>Each word of <paramref name="a"/> paired with the same word of <paramref name="b"/>, else a spelling variant of it; each word of b used once.</summary>
    static IEnumerable<(string A, string B)> Matches(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        var used = new bool[b.Count];
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
            yield return (word, b[index]);
        }
    }

    /// <summary>Spelling variants: one edit apart for words of 4+ letters, two for words of 8+.</summary>
    static bool AreVariants(string a, string b)
    {
        var shorter = Math.Min(a.Length, b.Length);
        if (shorter < 4 || Math.Abs(a.Length - b.Length) > 2) return false;
        var allowed = shorter >= 8 ? 2 : 1;
        return Search.EditDistance.Levenshtein(a, b, allowed) <= allowed;
    }

    /// <summary>
    /// How alike two questions must be to join (<see cref="WeightedSimilarity"/>): the words they share must carry at
    /// least this share of the weight of all their words.
    /// </summary>
    /// <remarks>Chosen on tests/eval/unmet-clusters.tsv (the one global setting; README "Demand log" has the sweep).</remarks>
    public const double LinkThreshold = 0.35;

    /// <summary>
    /// Clusters items by the text <paramref name="textOf"/> gives; biggest clusters first. A signature joins the cluster
    /// holding its most similar signature (any member, not only the leader: paraphrases of one need resemble one another
    /// in a chain more than each resembles the first), when that similarity reaches <see cref="LinkThreshold"/>.
    /// Words are weighted by how rare they are among the questions being grouped, so "lớp 1" or "nghĩa vụ quân sự"
    /// decide and "xin", "đăng ký", "làm sao" barely count.
    /// </summary>
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
        var documentFrequency = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (words, grouped) in bySignature.Values)
            foreach (var w in words)
                documentFrequency[w] = documentFrequency.GetValueOrDefault(w) + grouped.Count;
        var total = bySignature.Values.Sum(g => g.Items.Count);
        // Smoothed inverse frequency: a word every question uses still counts a little, a rare one about three times more.
        var weights = documentFrequency.ToDictionary(w => w.Key, w => Math.Log(1.0 + total / (w.Value + 0.5)), StringComparer.Ordinal);
        double Weight(string word) => weights[word];

        var clusters = new List<(string Key, string[] Words, List<string> Members, List<T> Items)>();
        var members = new List<(string[] Words, double Weight, int Cluster)>();
        // Signatures are found through their words and word prefixes, so a signature is compared with few others.
        var index = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        foreach (var (key, (words, grouped)) in bySignature.OrderByDescending(g => g.Value.Items.Count).ThenBy(g => g.Key, StringComparer.Ordinal))
        {
            var best = -1;
            var bestSimilarity = 0.0;
            var weight = words.Sum(Weight);
            var candidates = new SortedSet<int>();
            foreach (var probe in Probes(words))
                if (index.TryGetValue(probe, out var list)) candidates.UnionWith(list);
            foreach (var m in candidates)
            {
                // The similarity is at most the lighter signature's weight over the heavier's (all of the lighter shared):
                // a member that cannot reach the threshold, or beat the best so far, is not compared (the margin covers rounding).
                var (other, otherWeight, cluster) = members[m];
                var bound = Math.Min(weight, otherWeight) / Math.Max(weight, otherWeight) + 1e-9;
                if (bound < LinkThreshold || bound <= bestSimilarity) continue;
                var similarity = WeightedSimilarity(words, other, Weight);
                if (similarity >= LinkThreshold && similarity > bestSimilarity)
                {
                    best = cluster;
                    bestSimilarity = similarity;
                }
            }
            if (best < 0)
            {
                clusters.Add((key, words, [key], [.. grouped]));
                best = clusters.Count - 1;
            }
            else
            {
                clusters[best].Members.Add(key);
                clusters[best].Items.AddRange(grouped);
            }
            members.Add((words, weight, best));
            foreach (var probe in Probes(words))
            {
                if (!index.TryGetValue(probe, out var list)) index[probe] = list = [];
                list.Add(members.Count - 1);
            }
        }
        return clusters
            .Select(c => new QuestionCluster<T>(c.Key, c.Words, c.Members, c.Items))
            .OrderByDescending(c => c.Items.Count).ThenBy(c => c.Key, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// Weighted Jaccard similarity of two word sets: the weight of the words they share (spelling variants count as
    /// shared) over the weight of all their words.
    /// </summary>
    public static double WeightedSimilarity(IReadOnlyList<string> a, IReadOnlyList<string> b, Func<string, double> weight)
    {
        if (a.Count == 0 || b.Count == 0) return a.Count == b.Count ? 1 : 0;
        var shared = Matches(a, b).Sum(m => Math.Min(weight(m.A), weight(m.B)));
        var union = a.Sum(weight) + b.Sum(weight) - shared;
        return union > 0 ? shared / union : 0;
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
