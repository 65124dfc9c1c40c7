using System.Globalization;
using System.Text;

namespace CitizenBot.Core.Analysis;

/// <summary>
/// Character-level facts about written Vietnamese, shared by the analysis steps: NFC with one tone placement
/// (lossless: "hoà" == "hòa", "thuý" == "thúy"), and folding (lossy: "Đăng ký" → "dang ky", đ → d).
/// </summary>
public static class VietnameseText
{
    const string Vowels = "aăâeêioôơuưy";
    // Combining tone marks: grave, acute, tilde, hook above, dot below.
    static readonly char[] ToneMarks = ['\u0300', '\u0301', '\u0303', '\u0309', '\u0323'];

    /// <summary>NFC, with the tone mark of every syllable moved to one canonical vowel.</summary>
    public static string Normalize(string text)
    {
        if (text.Length == 0) return text;
        var nfc = text.Normalize(NormalizationForm.FormC);
        var sb = new StringBuilder(nfc.Length);
        var start = -1;
        for (var i = 0; i <= nfc.Length; i++)
        {
            var isLetter = i < nfc.Length && char.IsLetter(nfc[i]);
            if (isLetter && start < 0) start = i;
            else if (!isLetter && start >= 0)
            {
                sb.Append(PlaceTone(nfc.AsSpan(start, i - start)));
                start = -1;
            }
            if (!isLetter && i < nfc.Length) sb.Append(nfc[i]);
        }
        return sb.ToString();
    }

    /// <summary>Removes every diacritic and maps đ/Đ to d/D ("Đường" → "Duong"); NFD alone keeps đ.</summary>
    public static string Fold(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            sb.Append(c switch { 'đ' => 'd', 'Đ' => 'D', _ => c });
        }
        return sb.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary>True when the text has any Vietnamese diacritic (so the user typed with accents).</summary>
    public static bool HasDiacritics(string text) => !string.Equals(Fold(text), text, StringComparison.Ordinal);

    /// <summary>Splits a syllable into its toneless form and its tone mark (or '\0').</summary>
    public static (string Toneless, char Tone) SplitTone(ReadOnlySpan<char> syllable)
    {
        var decomposed = syllable.ToString().Normalize(NormalizationForm.FormD);
        var tone = '\0';
        var sb = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (Array.IndexOf(ToneMarks, c) >= 0) tone = c;
            else sb.Append(c);
        }
        return (sb.ToString().Normalize(NormalizationForm.FormC), tone);
    }

    /// <summary>Puts the tone mark on the vowel the modern rule chooses ("hoà", "thuý", "khoẻ", "người").</summary>
    internal static string PlaceTone(ReadOnlySpan<char> syllable)
    {
        var (toneless, tone) = SplitTone(syllable);
        if (tone == '\0') return toneless;
        var target = ToneVowelIndex(toneless);
        if (target < 0) return syllable.ToString().Normalize(NormalizationForm.FormC);
        return (toneless[..(target + 1)] + tone).Normalize(NormalizationForm.FormC) + toneless[(target + 1)..];
    }

    static int ToneVowelIndex(string toneless)
    {
        var lower = toneless.ToLowerInvariant();
        var first = -1; var last = -1;
        for (var i = 0; i < lower.Length; i++)
        {
            if (!IsVowel(lower[i])) { if (first >= 0) break; continue; }
            // "qu" and "gi" + vowel: the u/i belongs to the initial consonant.
            if (first < 0 && i > 0 && ((lower[i] == 'u' && lower[i - 1] == 'q') || (lower[i] == 'i' && lower[i - 1] == 'g' && i + 1 < lower.Length && IsVowel(lower[i + 1]))))
                continue;
            if (first < 0) first = i;
            last = i;
        }
        if (first < 0) return -1;
        for (var i = first; i <= last; i++)
            if ("ăâêôơư".Contains(lower[i]))
                return lower[i] == 'ư' && i < last && lower[i + 1] == 'ơ' ? i + 1 : i;
        var count = last - first + 1;
        var hasFinal = last + 1 < lower.Length;
        if (count == 1) return first;
        if (hasFinal || count == 3) return first + 1;
        var pair = lower.Substring(first, 2);
        return pair is "oa" or "oe" or "uy" ? first + 1 : first;
    }

    public static bool IsVowel(char c) => Vowels.Contains(char.ToLowerInvariant(c));
}
