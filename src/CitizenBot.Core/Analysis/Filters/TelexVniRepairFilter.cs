using Lucene.Net.Analysis;

namespace CitizenBot.Core.Analysis.Filters;

/// <summary>
/// Repairs words typed with the Vietnamese IME switched off: Telex ("ddawng kys tamj trus" → "đăng ký tạm trú") and
/// VNI ("d9a8ng ky1" → "đăng ký"; 9 = đ, 8 = ă, 6 = â/ê/ô, 7 = ơ/ư, 1–5 = tones). A word is rewritten only when it
/// is not a Vietnamese syllable as typed and becomes one after repair, so abbreviations ("gplx", "cccd") and licence
/// classes ("a1", "b2") pass unchanged. Place after lowercasing and before abbreviation expansion and folding.
/// </summary>
public sealed class TelexVniRepairFilter(TokenStream input) : TermRewriteFilter(input)
{
    protected override string Rewrite(string word) => Repair(word);

    protected override bool MayRewrite(ReadOnlySpan<char> word) => !IsWellFormed(word);

    static readonly (string Keys, string Letter)[] TelexLetters =
        [("dd", "đ"), ("uow", "ươ"), ("aw", "ă"), ("aa", "â"), ("ee", "ê"), ("oo", "ô"), ("ow", "ơ"), ("uw", "ư")];
    static readonly Dictionary<char, char> TelexTones = new() { ['s'] = '\u0301', ['f'] = '\u0300', ['r'] = '\u0309', ['x'] = '\u0303', ['j'] = '\u0323' };
    static readonly (string Keys, string Letter)[] VniLetters =
        [("d9", "đ"), ("a8", "ă"), ("a6", "â"), ("e6", "ê"), ("o6", "ô"), ("o7", "ơ"), ("u7", "ư")];
    static readonly Dictionary<char, char> VniTones = new() { ['1'] = '\u0301', ['2'] = '\u0300', ['3'] = '\u0309', ['4'] = '\u0303', ['5'] = '\u0323' };

    public static string Repair(string word)
    {
        if (IsWellFormed(word)) return word;
        var repaired = HasVniDigits(word) ? Apply(word, VniLetters, VniTones) : Apply(word, TelexLetters, TelexTones);
        return repaired is not null && VietnameseSyllable.IsValid(repaired) ? VietnameseText.Normalize(repaired) : word;
    }

    /// <summary>Too short to repair, or a Vietnamese syllable as typed: left as it is.</summary>
    static bool IsWellFormed(ReadOnlySpan<char> word) => word.Length < 2 || VietnameseSyllable.IsValid(word) && !HasVniDigits(word);

    // VNI needs at least two letters around a digit, so "a1", "b2" (licence classes) and "15" are left alone.
    static bool HasVniDigits(ReadOnlySpan<char> word)
    {
        int digits = 0, letters = 0;
        foreach (var c in word)
        {
            if (char.IsDigit(c)) digits++;
            else if (char.IsLetter(c)) letters++;
        }
        return digits > 0 && letters >= 2 && char.IsLetter(word[0]);
    }

    static string? Apply(string word, (string Keys, string Letter)[] letters, Dictionary<char, char> tones)
    {
        var text = word;
        var tone = '\0';
        // The tone key is typed last (or, in VNI, anywhere after its vowel): take it out first.
        for (var i = text.Length - 1; i > 0; i--)
        {
            if (!tones.TryGetValue(text[i], out var mark)) continue;
            if (letters == TelexLetters && i != text.Length - 1) break;
            tone = mark;
            text = text.Remove(i, 1);
            break;
        }
        foreach (var (keys, letter) in letters)
            text = text.Replace(keys, letter, StringComparison.Ordinal);
        if (text.Any(char.IsDigit)) return null;
        if (tone == '\0') return text == word ? null : text;
        var firstVowel = text.IndexOfAny("aăâeêioôơuưy".ToCharArray());
        if (firstVowel < 0) return null;
        // Attach the mark to any vowel; the normaliser composes it (NFC) and moves it to the vowel the spelling rules choose.
        return VietnameseText.Normalize(text.Insert(firstVowel + 1, tone.ToString()));
    }
}
