namespace CitizenBot.Core.Analysis.Filters;

/// <summary>
/// Drops filler and politeness ("cho em hỏi", "ạ", "thì", "vậy") and intent phrases that name no topic
/// ("giấy tờ gì", "bao lâu"), compared folded. Positions keep their gaps so the bigram step does not join words the
/// filler separated. Place after abbreviation expansion, before folding and bigrams.
/// </summary>
public sealed class StopWordFilter(IReadOnlySet<string> stopWords, IReadOnlyList<string[]> stopPhrases) : ITokenFilter
{
    public IEnumerable<Token> Apply(IEnumerable<Token> tokens)
    {
        var list = tokens.ToList();
        var folded = list.Select(t => VietnameseText.Fold(t.Text)).ToList();
        var stopped = StoppedIndexes(folded, stopWords, stopPhrases);
        return list.Where((_, i) => !stopped[i]);
    }

    /// <summary>Which of the folded words are filler, by single word or as part of a stop phrase.</summary>
    public static bool[] StoppedIndexes(IReadOnlyList<string> folded, IReadOnlySet<string> stopWords, IReadOnlyList<string[]> stopPhrases)
    {
        var stopped = folded.Select(stopWords.Contains).ToArray();
        foreach (var phrase in stopPhrases)
            for (var i = 0; i + phrase.Length <= folded.Count; i++)
                if (phrase.Select((w, k) => folded[i + k] == w).All(x => x))
                    for (var k = 0; k < phrase.Length; k++) stopped[i + k] = true;
        return stopped;
    }
}
