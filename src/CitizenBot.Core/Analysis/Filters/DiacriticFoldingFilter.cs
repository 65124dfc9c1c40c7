namespace CitizenBot.Core.Analysis.Filters;

/// <summary>
/// Lossy: adds the diacritic-free form at the same position ("đăng" → "đăng", "dang"), like Lucene's
/// ASCIIFoldingFilter with preserveOriginal, so "dang ky" finds "đăng ký" and accented queries still prefer
/// accented matches. Words without diacritics come out once, as <see cref="TokenKind.Folded"/>.
/// </summary>
public sealed class DiacriticFoldingFilter : ITokenFilter
{
    public IEnumerable<Token> Apply(IEnumerable<Token> tokens)
    {
        foreach (var token in tokens)
        {
            var folded = VietnameseText.Fold(token.Text);
            if (folded != token.Text) yield return token;
            yield return new Token(folded, token.Position, TokenKind.Folded);
        }
    }
}
