using Lucene.Net.Analysis;

namespace CitizenBot.Core.Analysis.Filters;

/// <summary>
/// Lossy: each word becomes its diacritic-free form ("đăng" → "dang", "người" → "nguoi"), so "dang ky" finds
/// "đăng ký". The accented form is not lost: the index keeps it in a field of its own (<see cref="AccentedWordFilter"/>),
/// since the pairs after this step (<see cref="SyllableBigramFilter"/>) need one token per position. This and not
/// Lucene's ASCIIFoldingFilter because questions, lexicon phrases and titles are folded with the same
/// <see cref="VietnameseText.Fold"/>: ASCIIFoldingFilter also rewrites letters Vietnamese does not use ("ø", "ß",
/// full-width forms), and the index would then hold words no question could produce.
/// </summary>
public sealed class DiacriticFoldingFilter(TokenStream input) : TermRewriteFilter(input)
{
    protected override string Rewrite(string word) => VietnameseText.Fold(word);

    protected override bool MayRewrite(ReadOnlySpan<char> word) => !VietnameseText.IsFolded(word);
}
