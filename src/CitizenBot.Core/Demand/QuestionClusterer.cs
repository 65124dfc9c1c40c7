using CitizenBot.Core.Analysis;
using CitizenBot.Core.Analysis.Filters;
using CitizenBot.Core.Catalogue;
using CitizenBot.Core.Dialogs;
using System.Text.RegularExpressions;

namespace CitizenBot.Core.Demand;

/// <summary>
/// Groups questions that ask for the same thing: near-duplicates, spelling variants and word-order changes
/// ("xin giấy phép nuôi chó" · "giay phep nuoi cho meo" · "xin giấy phép nuôi chố"), and paraphrases that bring up
/// the same procedures in the search. A question's signature is the set of words of its folded normalized form
/// (placeholders dropped): its identity, which marks name. <see cref="Cluster{T}"/> groups signatures;
/// <see cref="Threshold"/> (unweighted Jaccard) finds the cluster an official's mark names once its leader has changed.
/// </summary>
public static class QuestionClusterer
{
    /// <summary>How alike a mark's key must be to a cluster's leader (<see cref="Similarity"/>) to stay its mark.</summary>
    public const double Threshold = 0.5;

    static readonly Regex Placeholder = new(@"\[[^\]]*\]", RegexOptions.CultureInvariant);
    static readonly Regex NonWord = new(@"[^\p{L}\p{N}]+", RegexOptions.CultureInvariant);

    /// <summary>The sorted distinct folded words of a text, without placeholders: the identity of a question for grouping.</summary>
    public static string[] Words(string text) =>
        Tokens(text).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();

    /// <summary>The folded words of a text in their order, without placeholders (one letter only when a digit).</summary>
    public static string[] Tokens(string text) =>
        NonWord.Split(VietnameseText.FoldEachCharacter(Placeholder.Replace(text.Normalize(System.Text.NormalizationForm.FormC), " ")).ToLowerInvariant())
            .Where(w => w.Length > 1 || w.Length == 1 && char.IsDigit(w[0]))
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
    /// Clusters items by what <paramref name="textOf"/> gives (the question as the search normalized it) and the
    /// procedures the search ranked for it (<paramref name="candidatesOf"/>); biggest clusters first.
    /// </summary>
    /// <remarks>
    /// A question is described by features: its folded words without the story words (<paramref name="storyWords"/>:
    /// the search lexicon's stop and weak words, "cho em hỏi", "con", "xã", "online", which say who asks and how, not
    /// what is needed), and, when <see cref="ClusterSettings.CandidateWeight"/> is above 0, the codes of its first
    /// <see cref="ClusterSettings.Candidates"/> search candidates (by default not: an unmet question's candidates are
    /// near-misses that split paraphrases more often than they join them, measured on both labelled sets), and, when
    /// <see cref="ClusterSettings.BigramWeight"/> is above 0, each two of its need words side by side (by default not:
    /// on the held-out set they raised precision a little but not F1; see <see cref="NeedFeatures"/>). Each
    /// feature is weighted by how rare it is among the questions grouped (smoothed inverse frequency), so "lớp 1" or a procedure ranked for few questions decide and "xin", "đăng ký" or
    /// a procedure that every second question brings up barely count; candidate codes are scaled by
    /// <see cref="ClusterSettings.CandidateWeight"/>. Two questions are alike by the weighted cosine similarity of their
    /// features (<see cref="WeightedSimilarity"/>; spelling is left to the search's normalization, which repairs typos
    /// and Telex against the catalogue's words). Clusters then merge by
    /// average link: the two whose questions are most alike on average merge first, until no two reach
    /// <see cref="ClusterSettings.Threshold"/> — a need's paraphrases join through what they share with all of it,
    /// not through a chain of look-alikes; two clusters holding questions that name contradicting requests or numbers
    /// (<see cref="StoryWords.Contradictions"/>: "tạm hoãn" / "miễn", "lớp 1" / "lớp 10") never merge, however alike on
    /// average. A feature only one question has counts <see cref="ClusterSettings.LoneWeight"/> of its weight (it can
    /// join nothing, and would only push a long question away from a short one). Signatures are numbered most frequent first (ties by text) and ties go to
    /// the lower numbers, so the result does not depend on input order; a cluster's leader is its most asked signature.
    /// Only pairs sharing one of the heavy features are compared (prefix filtering, exact for the pair floor), which
    /// keeps grouping near-linear in the distinct questions instead of comparing all pairs.
    /// </remarks>
    public static IReadOnlyList<QuestionCluster<T>> Cluster<T>(IEnumerable<T> items, Func<T, string> textOf,
        Func<T, IReadOnlyList<DemandCandidate>>? candidatesOf = null, ClusterSettings? settings = null, StoryWords? storyWords = null)
    {
        settings ??= ClusterSettings.Default;
        storyWords ??= StoryWords.None;
        var bySignature = new Dictionary<string, (string[] Words, List<T> Items, string Text)>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            var text = textOf(item);
            var words = Words(text);
            var key = string.Join(' ', words);
            if (!bySignature.TryGetValue(key, out var group)) bySignature[key] = group = (words, [], text);
            group.Items.Add(item);
            // The words in order of the signature's first text by ordinal order, so the input order does not matter.
            if (string.CompareOrdinal(text, group.Text) < 0) bySignature[key] = group with { Text = text };
        }
        var signatures = bySignature
            .OrderByDescending(g => g.Value.Items.Count).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, g.Value.Words, g.Value.Items, Tokens: Tokens(g.Value.Text),
                Codes: CandidateCodes(g.Value.Items, candidatesOf, settings.CandidateWeight > 0 ? settings.Candidates : 0)))
            .ToList();

        // Features as numbers, each with its weight; a signature's features sorted by number (shared ones found by a merge).
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var frequency = new List<int>();
        var featuresOf = new int[signatures.Count][];
        for (var i = 0; i < signatures.Count; i++)
        {
            var features = new List<int>();
            foreach (var f in NeedFeatures(signatures[i].Tokens, storyWords, settings.BigramWeight > 0).Distinct(StringComparer.Ordinal).Concat(signatures[i].Codes))
            {
                if (!ids.TryGetValue(f, out var id)) { ids[f] = id = frequency.Count; frequency.Add(0); }
                frequency[id] += signatures[i].Items.Count;
                features.Add(id);
            }
            features.Sort();
            featuresOf[i] = [.. features];
        }
        var total = signatures.Sum(s => s.Items.Count);
        // Smoothed inverse frequency: a feature every question has still counts a little, a rare one about three times
        // more; one no other question has (it can join nothing) counts LoneWeight of that.
        var weight = new double[frequency.Count];
        foreach (var (feature, id) in ids)
            weight[id] = Math.Log(1.0 + total / (frequency[id] + 0.5))
                * (feature.StartsWith(CodeMark, StringComparison.Ordinal) ? settings.CandidateWeight : feature.Contains(' ') ? settings.BigramWeight : 1.0)
                * (frequency[id] == 1 ? settings.LoneWeight : 1.0);
        var weightOf = featuresOf.Select(f => f.Sum(id => weight[id])).ToArray();

        // 1. The pairs of signatures alike enough to count (similarity at least the floor), each found through a heavy feature.
        var floor = settings.Threshold * PairFloor;
        var index = new List<int>?[frequency.Count];
        var neighbours = new Dictionary<int, double>[signatures.Count];
        var seen = new int[signatures.Count];
        Array.Fill(seen, -1);
        for (var i = 0; i < signatures.Count; i++)
        {
            neighbours[i] = [];
            // A pair at the floor shares weight ≥ floor × √(w·w') ≥ floor² × w (as w' ≥ floor² × w): one of the
            // features outside a tail lighter than that. Heaviest first, ties by number.
            var rest = weightOf[i];
            foreach (var probe in featuresOf[i].OrderByDescending(id => weight[id]).ThenBy(id => id))
            {
                if (rest < weightOf[i] * floor * floor) break;
                rest -= weight[probe];
                if (index[probe] is not { } list) continue;
                foreach (var j in list)
                {
                    if (seen[j] == i) continue;
                    seen[j] = i;
                    // At most √(lighter / heavier) (all of the lighter shared); the margin covers rounding.
                    if (Math.Sqrt(Math.Min(weightOf[i], weightOf[j]) / Math.Max(weightOf[i], weightOf[j])) + 1e-9 < floor) continue;
                    var similarity = Cosine(SharedWeight(featuresOf[i], featuresOf[j], weight), weightOf[i], weightOf[j]);
                    if (similarity < floor) continue;
                    neighbours[i][j] = similarity;
                    neighbours[j][i] = similarity;
                }
            }
            foreach (var f in featuresOf[i]) (index[f] ??= []).Add(i);
        }

        // 2. Average-link agglomeration: the two clusters whose signatures are most alike on average (pairs below the
        // floor count as 0) merge, until no two reach the threshold. Ties go to the lowest cluster numbers.
        var size = Enumerable.Repeat(1, signatures.Count).ToArray();
        var members = Enumerable.Range(0, signatures.Count).Select(i => new List<int> { i }).ToArray();
        // What each cluster names that can contradict another ("hoãn" / "miễn", "lớp 1" / "lớp 10"): such two never merge.
        var named = signatures.Select(s => Contradictions.Group.Of(storyWords.Contradictions.Named(s.Tokens))).ToArray();
        var version = new int[signatures.Count];
        var queue = new PriorityQueue<(int A, int B, int VersionA, int VersionB), (double, int, int)>();
        void Push(int a, int b)
        {
            if (a > b) (a, b) = (b, a);
            var average = neighbours[a][b] / (size[a] * (double)size[b]);
            if (average >= settings.Threshold) queue.Enqueue((a, b, version[a], version[b]), (-average, a, b));
        }
        for (var i = 0; i < signatures.Count; i++)
            foreach (var j in neighbours[i].Keys)
                if (i < j) Push(i, j);
        while (queue.TryDequeue(out var pair, out _))
        {
            var (a, b) = (pair.A, pair.B);
            if (version[a] != pair.VersionA || version[b] != pair.VersionB || members[a].Count == 0 || members[b].Count == 0) continue;
            // A contradiction stays once in a cluster, so the pair is dropped for good (it comes back only if pushed again).
            if (named[a] is { } ofA && named[b] is { } ofB && ofA.Contradicts(ofB)) continue;
            // b joins a (the lower number: the more asked signature leads).
            members[a].AddRange(members[b]);
            members[b].Clear();
            if (named[a] is null) named[a] = named[b];
            else if (named[b] is { } joining) named[a]!.Add(joining);
            named[b] = null;
            size[a] += size[b];
            version[a]++;
            version[b]++;
            neighbours[a].Remove(b);
            foreach (var (c, sum) in neighbours[b])
            {
                if (c == a) continue;
                neighbours[a][c] = neighbours[a].GetValueOrDefault(c) + sum;
                neighbours[c].Remove(b);
            }
            neighbours[b].Clear();
            foreach (var (c, sum) in neighbours[a])
            {
                neighbours[c][a] = sum;
                Push(a, c);
            }
        }

        return members.Where(m => m.Count > 0)
            .Select(m => m.Order().ToList())
            .Select(m => new QuestionCluster<T>(signatures[m[0]].Key, signatures[m[0]].Words, m.Select(i => signatures[i].Key).ToList(),
                m.SelectMany(i => signatures[i].Items).ToList()))
            .OrderByDescending(c => c.Items.Count).ThenBy(c => c.Key, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// How well a key (a mark's, a regrouping's) names a cluster: 3 its own key, 2 one of its signatures, else the
    /// similarity of the key's words to the leader's (<see cref="Similarity"/>) when at least <see cref="Threshold"/>,
    /// else 0 — a cluster's leader can change as questions come and go.
    /// </summary>
    public static double Naming<T>(string key, QuestionCluster<T> cluster)
    {
        if (key == cluster.Key) return 3;
        if (cluster.Signatures.Contains(key, StringComparer.Ordinal)) return 2;
        var similarity = Similarity(key.Split(' ', StringSplitOptions.RemoveEmptyEntries), cluster.Words);
        return similarity >= Threshold ? similarity : 0;
    }

    /// <summary>Pairs less alike than this share of the threshold count as not alike at all in the averages (0.3–0.7 measured alike).</summary>
    const double PairFloor = 0.7;

    /// <summary>
    /// A question's need features: its folded words that are not story words, the need words of the initials it uses
    /// spelled out ("nvqs": "nghia vu … su", <see cref="StoryWords.SpelledOut"/>), then (with <paramref name="bigrams"/>)
    /// each two need words side by side in the question, joined by a space ("lop mot", "tiem chung", "khuyet tat"): a
    /// need is often named by a word of two syllables, and the pair can tell "lớp 1" from "lớp 10" or "tiêm chủng"
    /// from "tiêm phòng dại" where single syllables are shared.
    /// </summary>
    static IEnumerable<string> NeedFeatures(string[] tokens, StoryWords storyWords, bool bigrams)
    {
        var need = storyWords.NeedMask(tokens);
        for (var i = 0; i < tokens.Length; i++)
            if (need[i]) yield return tokens[i];
        foreach (var token in tokens)
            foreach (var word in storyWords.SpelledOut(token))
                yield return word;
        if (!bigrams) yield break;
        for (var i = 0; i + 1 < tokens.Length; i++)
            if (need[i] && need[i + 1]) yield return tokens[i] + " " + tokens[i + 1];
    }

    /// <summary>Marks a candidate code among a signature's features (folded words never hold it).</summary>
    const string CodeMark = "#";

    /// <summary>The codes most often among the first <paramref name="take"/> candidates of a signature's questions (ties by code).</summary>
    static string[] CandidateCodes<T>(List<T> items, Func<T, IReadOnlyList<DemandCandidate>>? candidatesOf, int take) =>
        candidatesOf is null || take <= 0 ? []
        : items.SelectMany(i => candidatesOf(i).Take(take))
            .GroupBy(c => c.Code, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Take(take).Select(g => CodeMark + g.Key).ToArray();

    /// <summary>The weight of the features two sorted feature lists share.</summary>
    static double SharedWeight(int[] a, int[] b, double[] weight)
    {
        var shared = 0.0;
        for (int i = 0, j = 0; i < a.Length && j < b.Length;)
            if (a[i] == b[j]) { shared += weight[a[i]]; i++; j++; }
            else if (a[i] < b[j]) i++;
            else j++;
        return shared;
    }

    /// <summary>
    /// Weighted cosine similarity of two feature sets, as <see cref="Cluster{T}"/> measures questions: the weight of the
    /// features they share over the geometric mean of their weights. Unlike Jaccard, a long question with a story
    /// around the need is not pushed away from a short one by its extra words alone.
    /// </summary>
    public static double WeightedSimilarity(IReadOnlyList<string> a, IReadOnlyList<string> b, Func<string, double> weight)
    {
        if (a.Count == 0 || b.Count == 0) return a.Count == b.Count ? 1 : 0;
        return Cosine(a.Intersect(b, StringComparer.Ordinal).Sum(weight), a.Sum(weight), b.Sum(weight));
    }

    /// <summary>The weight two feature sets share over the geometric mean of their weights (0 when either weighs nothing).</summary>
    static double Cosine(double shared, double weightA, double weightB) =>
        weightA * weightB > 0 ? shared / Math.Sqrt(weightA * weightB) : 0;

}

/// <summary>How <see cref="QuestionClusterer.Cluster{T}"/> groups.</summary>
/// <param name="Threshold">How alike on average (weighted cosine) the questions of two clusters must be to merge.</param>
/// <param name="CandidateWeight">A shared search candidate counts this much as a shared word of the same rarity.</param>
/// <param name="Candidates">How many of each question's search candidates describe it.</param>
/// <param name="BigramWeight">Two need words side by side count this much as a need word of the same rarity (0: words alone).</param>
/// <param name="LoneWeight">A feature only one question has counts this much of its rarity's weight (1: as any other).</param>
public sealed record ClusterSettings(double Threshold, double CandidateWeight, int Candidates, double BigramWeight = 0.0, double LoneWeight = 1.0)
{
    /// <summary>
    /// Chosen on the tuning sets tests/eval/unmet-clusters.tsv, unmet-clusters-b.tsv and holdout-clusters-d.tsv
    /// (src/CitizenBot/Demand/README.md has the sweeps and the held-out figures).
    /// </summary>
    public static readonly ClusterSettings Default = new(0.3, 0.0, 3, LoneWeight: 0.5);
}

/// <summary>
/// The words that tell a question's story, not its need: the lexicon's stop words and weak words ("cho em hỏi",
/// "con", "xã", "online"), phrases too — the same lists the search discounts, matched by the same walk
/// (<see cref="WordList.MatchedIndexes"/>); grouping leaves them out of a question's features. With them, the
/// initials grouping spells out (index-data/demand/abbreviations.txt: "nvqs => nghĩa vụ quân sự"), beside the
/// initials themselves, so "nvqs" meets "nghĩa vụ quân sự" written out; the search does not read that file. Grouping
/// compares folded words, so an entry matches by its folded form alone (no vocabulary: "dang" is left out like "đang").
/// And the requests and numbers that keep two needs on one topic apart (<see cref="Contradictions"/>,
/// index-data/demand/contradictions.txt).
/// </summary>
public sealed class StoryWords(IReadOnlyList<WordList> lists, IReadOnlyDictionary<string, string[]>? initials = null, Contradictions? contradictions = null)
{
    public static StoryWords None { get; } = new([]);

    /// <summary>The lexicon's story words only (no initials spelled out).</summary>
    public static StoryWords From(Lexicon lexicon) => new([lexicon.Stops, lexicon.WeakWords]);

    /// <summary>
    /// The lexicon's story words with the initials grouping spells out, from <c>{indexDataPath}/demand/abbreviations.txt</c>,
    /// and the contradictions of <c>{indexDataPath}/demand/contradictions.txt</c> (none when a file is missing). A
    /// malformed line stops loading with the file, line and reason.
    /// </summary>
    public static StoryWords Load(Lexicon lexicon, string indexDataPath)
    {
        var errors = new List<CatalogueError>();
        var initialsFile = Path.Combine(indexDataPath, DemandFolder, InitialsFile);
        var initials = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var (number, line, _) in File.Exists(initialsFile) ? SectionedText.Read(initialsFile) : [])
        {
            var parts = line.Split("=>");
            var key = parts.Length == 2 ? QuestionClusterer.Tokens(parts[0]) : [];
            var words = parts.Length == 2 ? QuestionClusterer.Tokens(parts[1]) : [];
            if (key.Length != 1 || words.Length == 0)
                errors.Add(new CatalogueError(initialsFile, $"line {number}", "", "expected \"initials => words\""));
            else if (initials.TryGetValue(key[0], out var earlier) && !earlier.SequenceEqual(words))
                errors.Add(new CatalogueError(initialsFile, $"line {number}", "", $"'{key[0]}' is spelled out twice, differently"));
            else initials[key[0]] = words;
        }
        if (errors.Count > 0) throw new CatalogueLoadException(errors);
        return new([lexicon.Stops, lexicon.WeakWords], initials, Contradictions.Load(Path.Combine(indexDataPath, DemandFolder, Contradictions.FileName)));
    }

    /// <summary>What keeps needs on one topic apart (none unless loaded or given).</summary>
    public Contradictions Contradictions { get; } = contradictions ?? Contradictions.None;

    /// <summary>These story words and initials with other contradictions (<see cref="Contradictions.None"/>: grouping without them).</summary>
    public StoryWords With(Contradictions other) => new(lists, initials, other);

    /// <summary>The folder of index-data with grouping's own files.</summary>
    public const string DemandFolder = "demand";
    const string InitialsFile = "abbreviations.txt";

    /// <summary>Story words from entries as written ("cho em hỏi", "con"): a word or a phrase each.</summary>
    public static StoryWords Of(params string[] entries) => new([ListOf(entries)]);

    /// <summary>These story words with initials spelled out, as written ("nvqs" → "nghĩa vụ quân sự").</summary>
    public StoryWords With(IReadOnlyDictionary<string, string> spelledOut) =>
        new(lists, spelledOut.ToDictionary(p => QuestionClusterer.Tokens(p.Key).Single(), p => QuestionClusterer.Tokens(p.Value), StringComparer.Ordinal), contradictions);

    /// <summary>A word list of entries as written (a word or a phrase each), matched as the lexicon's lists are.</summary>
    internal static WordList ListOf(IEnumerable<string> entries)
    {
        var split = entries.Select(e => e.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(LexiconWord.From).ToArray()).Where(e => e.Length > 0).ToList();
        return new WordList(split.Where(e => e.Length == 1).Select(e => e[0]), split.Where(e => e.Length > 1).ToList());
    }

    // Each initials' words that are not story words ("nvqs": "nghia vu su", "quan" read as "quận").
    readonly Dictionary<string, string[]> _spelledOut = (initials ?? new Dictionary<string, string[]>())
        .ToDictionary(p => p.Key, p =>
        {
            var need = NeedMaskOf(lists, p.Value);
            return p.Value.Where((_, i) => need[i]).ToArray();
        }, StringComparer.Ordinal);

    /// <summary>The need words of what a folded word spells out, when it is listed initials ("nvqs"); none otherwise.</summary>
    public IReadOnlyList<string> SpelledOut(string word) => _spelledOut.TryGetValue(word, out var need) ? need : [];

    /// <summary>The folded words that are on no list, alone or as part of a listed phrase.</summary>
    public IEnumerable<string> Drop(IReadOnlyList<string> words)
    {
        var need = NeedMask(words);
        return words.Where((_, i) => need[i]);
    }

    /// <summary>For each folded word, whether it is on no list, alone or as part of a listed phrase (a need word).</summary>
    public bool[] NeedMask(IReadOnlyList<string> words) => NeedMaskOf(lists, words);

    static bool[] NeedMaskOf(IReadOnlyList<WordList> lists, IReadOnlyList<string> words)
    {
        var need = new bool[words.Count];
        Array.Fill(need, true);
        foreach (var list in lists)
        {
            var inList = list.MatchedIndexes(words, EmptyVocabulary.Instance);
            for (var i = 0; i < need.Length; i++) need[i] &= !inList[i];
        }
        return need;
    }
}

/// <param name="Key">The leader's signature: the cluster's stable name (marks refer to it).</param>
/// <param name="Words">The leader's words.</param>
/// <param name="Signatures">Every signature in the cluster, the leader first.</param>
public sealed record QuestionCluster<T>(string Key, IReadOnlyList<string> Words, IReadOnlyList<string> Signatures, IReadOnlyList<T> Items);
