using System.Globalization;
using System.Text;

namespace CitizenBot.Core.Analysis;

/// <summary>
/// Per-character facts about Vietnamese letters, computed once from Unicode decomposition so that folding and tone
/// placement — run on every word of every document — are table look-ups instead of string normalisation.
/// </summary>
internal static class VietnameseCharacters
{
    const int Size = 0x1F00; // Latin blocks up to Latin Extended Additional (ạ … ỹ end at U+1EF9).

    static readonly char[] FoldedChar = new char[Size];
    static readonly char[] TonelessChar = new char[Size];
    static readonly char[] ToneMark = new char[Size];
    static readonly Dictionary<(char Letter, char Tone), char> Composed = [];

    static VietnameseCharacters()
    {
        for (var i = 0; i < Size; i++)
        {
            var c = (char)i;
            FoldedChar[i] = c;
            TonelessChar[i] = c;
            if (i < 0xC0 || char.IsSurrogate(c)) continue;
            var decomposed = c.ToString().Normalize(NormalizationForm.FormD);
            var folded = new StringBuilder();
            var toneless = new StringBuilder();
            foreach (var d in decomposed)
            {
                if (CharUnicodeInfo.GetUnicodeCategory(d) != UnicodeCategory.NonSpacingMark) folded.Append(d);
                if (IsToneMark(d)) ToneMark[i] = d;
                else toneless.Append(d);
            }
            if (folded.Length == 1) FoldedChar[i] = folded[0];
            var tonelessText = toneless.ToString().Normalize(NormalizationForm.FormC);
            if (tonelessText.Length == 1) TonelessChar[i] = tonelessText[0];
            if (ToneMark[i] != '\0' && tonelessText.Length == 1) Composed[(tonelessText[0], ToneMark[i])] = c;
        }
        FoldedChar['đ'] = 'd';
        FoldedChar['Đ'] = 'D';
    }

    public static bool IsToneMark(char c) => c is '\u0300' or '\u0301' or '\u0303' or '\u0309' or '\u0323';

    /// <summary>The letter without any diacritic (đ → d); other characters unchanged.</summary>
    public static char Fold(char c) => c < Size ? FoldedChar[c] : c;

    /// <summary>The letter without its tone mark, keeping its vowel marks (ấ → â).</summary>
    public static char WithoutTone(char c) => c < Size ? TonelessChar[c] : c;

    /// <summary>The combining tone mark the letter carries, or '\0'.</summary>
    public static char Tone(char c) => c < Size ? ToneMark[c] : '\0';

    /// <summary>The precomposed letter with the tone mark, or the letter itself when Unicode has none.</summary>
    public static char WithTone(char letter, char tone) => Composed.TryGetValue((letter, tone), out var c) ? c : letter;
}
