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

    /// <summary>
    /// NFC, with the tone mark of every syllable moved to one canonical vowel, and the final i/y of a syllable spelled
    /// one way: "lí lịch" == "lý lịch", "liệt sĩ" == "liệt sỹ", "kĩ" == "kỹ", "quí" == "quý" (both spellings are in use).
    /// </summary>
    public static string Normalize(string text)
    {
        if (text.Length == 0) return text;
        var nfc = text.IsNormalized(NormalizationForm.FormC) ? text : text.Normalize(NormalizationForm.FormC);
        StringBuilder? sb = null; // Allocated only when some syllable's tone moves.
        // Each syllable is placed in this buffer, not in a string of its own: this runs on every word indexed.
        Span<char> placed = stackalloc char[MaxStackSyllable];
        var start = -1;
        for (var i = 0; i <= nfc.Length; i++)
        {
            var isLetter = i < nfc.Length && char.IsLetter(nfc[i]);
            if (isLetter && start < 0) start = i;
            else if (!isLetter && start >= 0)
            {
                var syllable = nfc.AsSpan(start, i - start);
                var output = syllable.Length <= MaxStackSyllable ? placed[..syllable.Length] : new char[syllable.Length];
                if (Place(syllable, output) && sb is null)
                    sb = new StringBuilder(nfc.Length).Append(nfc, 0, start);
                sb?.Append(output);
                start = -1;
            }
            if (!isLetter && i < nfc.Length) sb?.Append(nfc[i]);
        }
        return sb?.ToString() ?? nfc;
    }

    const int MaxStackSyllable = 64;

    /// <summary>Removes every diacritic and maps đ/Đ to d/D ("Đường" → "Duong"); NFD alone keeps đ.</summary>
    public static string Fold(string text)
    {
        var i = FoldedLength(text);
        if (i == text.Length) return text; // Already folded: the common case for index terms.
        var sb = new StringBuilder(text.Length).Append(text, 0, i);
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            sb.Append(VietnameseCharacters.Fold(c));
        }
        return sb.ToString();
    }

    /// <summary>
    /// <see cref="Fold(string)"/> into <paramref name="destination"/> (at least as long as the text: folding never
    /// lengthens; it may be the text itself, since each character is written at or before where it was read), for the
    /// analysis steps that fold or look up a word once per token.
    /// </summary>
    /// <returns>The folded length.</returns>
    public static int Fold(ReadOnlySpan<char> text, Span<char> destination)
    {
        var length = 0;
        foreach (var c in text)
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark) destination[length++] = VietnameseCharacters.Fold(c);
        return length;
    }

    /// <summary>Whether <see cref="Fold(string)"/> leaves the text as it is (it has no diacritic), without folding it.</summary>
    public static bool IsFolded(ReadOnlySpan<char> text) => FoldedLength(text) == text.Length;

    /// <summary>How many characters at the start of the text folding leaves as they are.</summary>
    static int FoldedLength(ReadOnlySpan<char> text)
    {
        var i = 0;
        while (i < text.Length && (text[i] < 0x80 || VietnameseCharacters.Fold(text[i]) == text[i]
                                   && CharUnicodeInfo.GetUnicodeCategory(text[i]) != UnicodeCategory.NonSpacingMark)) i++;
        return i;
    }

    /// <summary>
    /// Vietnamese letters without their marks, one character for one, so an index in the folded copy is an index in
    /// the original ("Nguyễn Đức" → "Nguyen Duc"); for finding spans to replace. Expects NFC text.
    /// </summary>
    public static string FoldEachCharacter(string text)
    {
        var chars = new char[text.Length];
        for (var i = 0; i < text.Length; i++) chars[i] = VietnameseCharacters.Fold(text[i]);
        return new string(chars);
    }

    /// <summary>
    /// The form in which two spellings of the same words compare equal: one tone placement, lower case, folded
    /// ("Thanh Hoá", "thanh hoa" and "THANH HÓA" → "thanh hoa").
    /// </summary>
    public static string Comparable(string text) => Fold(Normalize(text).ToLowerInvariant());

    /// <summary>True when the text has any Vietnamese diacritic (so the user typed with accents).</summary>
    public static bool HasDiacritics(string text) => !IsFolded(text);

    /// <summary>
    /// Initials after which a syllable's lone final vowel is written either i or y ("lí"/"lý"); never "thy", "chy".
    /// Not "v": "vì" (because) is never written "vỳ".
    /// </summary>
    const string IOrYInitials = "hklmst";

    /// <summary>
    /// "lí" → "lý", "sĩ" → "sỹ", "qui" → "quy": a one-letter initial (or "qu") followed by a lone i, with its tone;
    /// rewritten in place.
    /// </summary>
    static void FinalIAsY(Span<char> syllable)
    {
        var initial = syllable.Length == 3 && LowerInvariant(syllable[0]) == 'q' && LowerInvariant(syllable[1]) == 'u' ? 2
            : syllable.Length == 2 && IOrYInitials.Contains(LowerInvariant(syllable[0])) ? 1 : -1;
        if (initial < 0) return;
        var vowel = syllable[initial];
        var toneless = VietnameseCharacters.WithoutTone(vowel);
        if (toneless is not ('i' or 'I')) return;
        syllable[initial] = VietnameseCharacters.WithTone(toneless == 'I' ? 'Y' : 'y', VietnameseCharacters.Tone(vowel));
    }

    /// <summary>Splits a syllable into its toneless form and its tone mark (or '\0').</summary>
    public static (string Toneless, char Tone) SplitTone(ReadOnlySpan<char> syllable)
    {
        var tone = '\0';
        var chars = new char[syllable.Length];
        for (var i = 0; i < syllable.Length; i++)
        {
            var t = VietnameseCharacters.Tone(syllable[i]);
            if (t != '\0') tone = t;
            chars[i] = VietnameseCharacters.WithoutTone(syllable[i]);
        }
        return (new string(chars), tone);
    }

    /// <summary>
    /// Writes the syllable with its tone mark on the vowel the modern rule chooses ("hoà", "thuý", "khoẻ", "người") and a
    /// lone final i spelled y where both are in use (<see cref="FinalIAsY"/>) into <paramref name="output"/> (as long as
    /// the syllable: neither step changes its length).
    /// </summary>
    /// <returns>Whether the output differs from the syllable.</returns>
    static bool Place(ReadOnlySpan<char> syllable, Span<char> output)
    {
        var toned = -1;
        for (var i = 0; i < syllable.Length; i++)
            if (VietnameseCharacters.Tone(syllable[i]) != '\0') { toned = i; break; }
        var moved = false;
        if (toned >= 0)
        {
            // The toneless syllable, then its tone (the last mark, if it carries several) on the chosen vowel.
            var tone = '\0';
            for (var i = 0; i < syllable.Length; i++)
            {
                var t = VietnameseCharacters.Tone(syllable[i]);
                if (t != '\0') tone = t;
                output[i] = VietnameseCharacters.WithoutTone(syllable[i]);
            }
            var target = ToneVowelIndex(output);
            if (target >= 0 && target != toned)
            {
                output[target] = VietnameseCharacters.WithTone(output[target], tone);
                moved = true;
            }
        }
        if (!moved) syllable.CopyTo(output); // No tone mark, or it is where it belongs: the syllable as written.
        FinalIAsY(output);
        return !syllable.SequenceEqual(output);
    }

    /// <summary>Where the tone mark of a toneless syllable goes, or -1 when it has no vowel.</summary>
    static int ToneVowelIndex(ReadOnlySpan<char> toneless)
    {
        var first = -1; var last = -1;
        for (var i = 0; i < toneless.Length; i++)
        {
            var c = LowerInvariant(toneless[i]);
            if (!IsVowel(c)) { if (first >= 0) break; continue; }
            // "qu" and "gi" + vowel: the u/i belongs to the initial consonant.
            if (first < 0 && i > 0 && ((c == 'u' && Lower(toneless, i - 1) == 'q') || (c == 'i' && Lower(toneless, i - 1) == 'g' && i + 1 < toneless.Length && IsVowel(toneless[i + 1]))))
                continue;
            if (first < 0) first = i;
            last = i;
        }
        if (first < 0) return -1;
        for (var i = first; i <= last; i++)
            if ("ăâêôơư".Contains(Lower(toneless, i)))
                return Lower(toneless, i) == 'ư' && i < last && Lower(toneless, i + 1) == 'ơ' ? i + 1 : i;
        var count = last - first + 1;
        var hasFinal = last + 1 < toneless.Length;
        if (count == 1) return first;
        if (hasFinal || count == 3) return first + 1;
        var (a, b) = (Lower(toneless, first), Lower(toneless, first + 1));
        return (a, b) is ('o', 'a') or ('o', 'e') or ('u', 'y') ? first + 1 : first;
    }

    static char Lower(ReadOnlySpan<char> text, int i) => LowerInvariant(text[i]);

    public static bool IsVowel(char c) => Vowels.Contains(LowerInvariant(c));

    /// <summary>
    /// <see cref="char.ToLowerInvariant"/>, from a table of every UTF-16 unit made once: the runtime calls into ICU for
    /// every letter outside ASCII, that is for most Vietnamese letters, and the analysis lowercases every word indexed
    /// (<see cref="Filters.InvariantLowerCaseFilter"/>) and places each syllable's tone (7 % of an index build's CPU
    /// together, README "Indexing, session 10").
    /// </summary>
    public static char LowerInvariant(char c) => LowerTable[c];

    static readonly char[] LowerTable = MakeLowerTable();

    static char[] MakeLowerTable()
    {
        var table = new char[char.MaxValue + 1];
        for (var c = 0; c < table.Length; c++) table[c] = char.ToLowerInvariant((char)c);
        return table;
    }
}
