namespace CitizenBot.Core.Analysis.Filters;

/// <summary>
/// Expands chat abbreviations and regional spellings from the lexicon: "dk" → "đăng ký", "ko" → "không",
/// "sanh" → "sinh". Matched exactly as written, so "bố" never rewrites "bộ". Replacements of several words take consecutive positions. Place after Telex repair.
/// </summary>
public sealed class AbbreviationFilter(IReadOnlyDictionary<string, string[]> abbreviations) : ITokenFilter
{
    public IEnumerable<Token> Apply(IEnumerable<Token> tokens)
    {
        var position = 0;
        foreach (var token in tokens)
        {
            if (abbreviations.TryGetValue(token.Text, out var words))
            {
                var first = position;
                foreach (var word in words)
                    yield return new Token(word, position++, Expansion: words.Length > 1 ? first : -1);
            }
            else
                yield return token with { Position = position++ };
        }
    }
}
