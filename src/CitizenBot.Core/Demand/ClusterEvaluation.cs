namespace CitizenBot.Core.Demand;

/// <summary>One labelled question: the need it expresses (gold group) and the field an official would file it under.</summary>
public sealed record LabelledQuestion(string Question, string Group, string Field)
{
    /// <summary>Out-of-scope and chit-chat groups are named "ngoai-pham-vi-…" in the labelled sets.</summary>
    public bool OutOfScope => Group.StartsWith("ngoai-pham-vi-", StringComparison.Ordinal);
}

/// <summary>What the demand log keeps of a question's search: the normalized question and the candidates, best first.</summary>
public sealed record Searched(string Normalized, IReadOnlyList<DemandCandidate> Candidates)
{
    public static Searched From(Search.SearchResult result) =>
        new(result.Normalized, result.Hits.Select(h => new DemandCandidate(h.Procedure.Code, h.Score)).ToList());
}

/// <summary>Pairwise precision and recall of a grouping against gold groups, over <see cref="Rows"/> questions.</summary>
/// <param name="Precision">Of the pairs put in one cluster, the share that are one need.</param>
/// <param name="Recall">Of the pairs that are one need, the share put in one cluster.</param>
public sealed record ClusterScore(int Rows, int GoldGroups, int Clusters, int Singletons, double Precision, double Recall)
{
    public double F1 => Precision + Recall > 0 ? 2 * Precision * Recall / (Precision + Recall) : 0;
}

/// <summary>
/// Measures <see cref="QuestionClusterer"/> on a labelled set (tests/eval/unmet-clusters.tsv: question, group, field,
/// '#' comment lines and a header): the questions are grouped exactly as the unmet-needs report groups them, then
/// every pair of questions is checked against the gold groups.
/// </summary>
public static class ClusterEvaluation
{
    public static IReadOnlyList<LabelledQuestion> Read(string path)
    {
        var rows = new List<LabelledQuestion>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (line.Length == 0 || line.StartsWith('#') || line.StartsWith("question\t", StringComparison.Ordinal)) continue;
            var cells = line.Split('\t');
            if (cells.Length < 2 || cells[0].Trim().Length == 0 || cells[1].Trim().Length == 0)
                throw new FormatException($"{path}:{lineNumber}: expected question<TAB>group[<TAB>field]");
            rows.Add(new LabelledQuestion(cells[0].Trim(), cells[1].Trim(), cells.Length > 2 ? cells[2].Trim() : ""));
        }
        return rows;
    }

    /// <param name="search">What the log stores for a question: its normalized form and candidates as the search gives
    /// them, clustered as the report does; null: the raw question without candidates.</param>
    /// <param name="storyWords">Words left out of the grouping, as the report leaves them (the search lexicon's).</param>
    public static ClusterScore Score(IReadOnlyList<LabelledQuestion> rows, Func<string, Searched>? search = null, ClusterSettings? settings = null, StoryWords? storyWords = null)
    {
        var searched = new Dictionary<LabelledQuestion, Searched>(ReferenceEqualityComparer.Instance);
        foreach (var r in rows) searched[r] = search?.Invoke(r.Question) is { } s ? s : new Searched("", []);
        var clusters = QuestionClusterer.Cluster(rows, r => searched[r].Normalized is { Length: > 0 } n ? n : r.Question, r => searched[r].Candidates, settings, storyWords);
        var predicted = new Dictionary<LabelledQuestion, int>(ReferenceEqualityComparer.Instance);
        for (var c = 0; c < clusters.Count; c++)
            foreach (var row in clusters[c].Items)
                predicted[row] = c;
        long together = 0, goldTogether = 0, both = 0;
        for (var i = 0; i < rows.Count; i++)
            for (var j = i + 1; j < rows.Count; j++)
            {
                var same = predicted[rows[i]] == predicted[rows[j]];
                var gold = rows[i].Group == rows[j].Group;
                if (same) together++;
                if (gold) goldTogether++;
                if (same && gold) both++;
            }
        return new ClusterScore(rows.Count, rows.Select(r => r.Group).Distinct().Count(), clusters.Count, clusters.Count(c => c.Items.Count == 1),
            together > 0 ? both / (double)together : 1, goldTogether > 0 ? both / (double)goldTogether : 1);
    }
}
