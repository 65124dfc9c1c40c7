using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace CitizenBot.Core.Analysis.Filters;

/// <summary>
/// Lossy: each word becomes its diacritic-free form ("đăng" → "dang", "người" → "nguoi"), so "dang ky" finds
/// "đăng ký". The accented form is not lost: the index keeps it in a field of its own (<see cref="AccentedWordFilter"/>),
/// since the pairs after this step (<see cref="SyllableBigramFilter"/>) need one token per position. This and not
/// Lucene's ASCIIFoldingFilter because questions, lexicon phrases and titles are folded with the same
/// <see cref="VietnameseText.Fold"/>: ASCIIFoldingFilter also rewrites letters Vietnamese does not use ("ø", "ß",
/// full-width forms), and the index would then hold words no question could produce.
/// </summary>
public sealed class DiacriticFoldingFilter : TokenFilter
{
    readonly ICharTermAttribute _term;

    public DiacriticFoldingFilter(TokenStream input) : base(input) => _term = AddAttribute<ICharTermAttribute>();

    public override bool IncrementToken()
    {
        if (!m_input.IncrementToken()) return false;
        // In the token's own buffer: folding never lengthens a word, and writes each character at or before where it read it.
        var word = _term.Buffer.AsSpan(0, _term.Length);
        if (!VietnameseText.IsFolded(word)) _term.Length = VietnameseText.Fold(word, word);
        return true;
    }
}
