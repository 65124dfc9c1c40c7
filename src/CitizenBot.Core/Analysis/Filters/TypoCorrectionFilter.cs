namespace CitizenBot.Core.Analysis.Filters;

/// <summary>
/// Corrects a word the index has never seen to the most frequent indexed word within edit distance 1 (2 for words
/// of 7+ letters), compared folded: "xinh" → "sinh", "ket hno" → "ket hon". Known words, numbers and very short words
/// are left alone. At index time the vocabulary is empty and the step does nothing. Place before folding.
/// </summary>
public sealed class TypoCorrectionFilter(IVocabulary vocabulary, IReadOnlySet<string> knownWords) : ITokenFilter
{
    public IEnumerable<Token> Apply(IEnumerable<Token> tokens)
    {
        foreach (var token in tokens)
        {
            var folded = VietnameseText.Fold(token.Text);
            if (folded.Length < 3 || folded.Any(char.IsDigit) || vocabulary.Contains(folded) || knownWords.Contains(folded))
            {
                yield return token;
                continue;
            }
            var correction = vocabulary.ClosestWord(folded, folded.Length >= 7 ? 2 : 1);
            yield return correction is null ? token : token with { Text = correction };
        }
    }
}

/// <summary>The folded words of the index, with how many documents use each.</summary>
public interface IVocabulary
{
    bool Contains(string foldedWord);
    /// <summary>Whether some procedure's name or alias uses the word: then an unaccented "tu" may be "tử", not filler "từ".</summary>
    bool IsTopicWord(string foldedWord);
    /// <summary>The most frequent word within <paramref name="maxDistance"/> edits, or null.</summary>
    string? ClosestWord(string foldedWord, int maxDistance);
}

/// <summary>No words: typo correction is a no-op (used when indexing).</summary>
public sealed class EmptyVocabulary : IVocabulary
{
    public static EmptyVocabulary Instance { get; } = new();
    public bool Contains(string foldedWord) => false;
    public bool IsTopicWord(string foldedWord) => false;
    public string? ClosestWord(string foldedWord, int maxDistance) => null;
}
