namespace CitizenBot.Core.Analysis.Filters;

/// <summary>
/// Expands chat abbreviations and regional spellings from the lexicon: "dk" → "đăng ký", "ko" → "không",
/// "sanh" → "sinh". Replacements of several words take consecutive positions. Place after Telex repair.
/// </summary>
public sealed class AbbreviationFilter(IReadOnlyDictionary<string, string[]> abbreviations) : ITokenFilter
{
    public IEnumerable<Token> Apply(IEnumerable<Token> tokens)
    {
        var position = 0;
        foreach (var token in tokens)
        {
            if (abbreviations.TryGetValue(VietnameseText.Fold(token.Text), out var words) && !IsAccentedWord(token.Text))
            {
                foreach (var word in words)
                    yield return new Token(word, position++);
            }
            else
                yield return token with { Position = position++ };
        }
    }

    // "đc" is still an abbreviation, but a word typed with tone marks ("kỳ") is a real word, not "k".
    static bool IsAccentedWord(string text) => VietnameseText.HasDiacritics(text.Replace('đ', 'd'));
}
