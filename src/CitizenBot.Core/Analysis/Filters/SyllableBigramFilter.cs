namespace CitizenBot.Core.Analysis.Filters;

/// <summary>
/// Adds folded syllable bigrams for adjacent positions ("khai sinh" → "khai_sinh"), so documents with the
/// multi-syllable word outrank those that merely contain both syllables. Words separated by a removed stop word
/// are not joined. Place last, after folding.
/// </summary>
public sealed class SyllableBigramFilter : ITokenFilter
{
    public IEnumerable<Token> Apply(IEnumerable<Token> tokens)
    {
        Token? previous = null;
        foreach (var token in tokens)
        {
            yield return token;
            if (token.Kind != TokenKind.Folded) continue;
            if (previous is { } p && p.Position == token.Position - 1)
                yield return new Token(p.Text + "_" + token.Text, p.Position, TokenKind.Bigram);
            previous = token;
        }
    }
}
