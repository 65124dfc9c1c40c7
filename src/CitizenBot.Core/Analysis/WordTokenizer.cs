namespace CitizenBot.Core.Analysis;

/// <summary>
/// Splits text into syllables: runs of letters and digits. Everything else (punctuation, FTS5 operators such as
/// quotes, '*', ':', '^', parentheses) separates tokens and never reaches the index query.
/// </summary>
public sealed class WordTokenizer
{
    public IEnumerable<Token> Tokenize(string text)
    {
        var position = 0;
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var inWord = i < text.Length && char.IsLetterOrDigit(text[i]);
            if (inWord && start < 0) start = i;
            else if (!inWord && start >= 0)
            {
                yield return new Token(text[start..i], position++);
                start = -1;
            }
        }
    }
}
