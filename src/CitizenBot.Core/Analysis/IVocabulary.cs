namespace CitizenBot.Core.Analysis;

/// <summary>The folded words of the index, with how many documents use each.</summary>
public interface IVocabulary
{
    bool Contains(string foldedWord);
    /// <summary>Whether some procedure's name or alias uses the word: then an unaccented "tu" may be "tử", not filler "từ".</summary>
    bool IsTopicWord(string foldedWord);
    /// <summary>The most frequent word within <paramref name="maxDistance"/> edits, or null.</summary>
    string? ClosestWord(string foldedWord, int maxDistance);
    /// <summary>
    /// Whether two adjacent syllables are one word in the catalogue's names ("ngân hàng", "đăng ký"): then a question
    /// using them asks about one thing, not two.
    /// </summary>
    bool IsCompound(string first, string second) => false;
}

/// <summary>No words: typo correction is a no-op (used when indexing).</summary>
public sealed class EmptyVocabulary : IVocabulary
{
    public static EmptyVocabulary Instance { get; } = new();
    public bool Contains(string foldedWord) => false;
    public bool IsTopicWord(string foldedWord) => false;
    public string? ClosestWord(string foldedWord, int maxDistance) => null;
}
