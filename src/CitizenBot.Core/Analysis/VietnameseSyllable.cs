namespace CitizenBot.Core.Analysis;

/// <summary>
/// Whether a folded word has the shape of a Vietnamese syllable: initial? + 1–3 vowels + final?, i.e.
/// <c>^(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?[aeiouy]{1,3}(ng|nh|ch|[cmnptiyou])?$</c>.
/// Asked for every word of every indexed text (Telex/VNI repair), so it tries each initial (0–3 letters) and final
/// (0–2) the word begins and ends with instead of running that expression: the same words, without a regex engine.
/// </summary>
public static class VietnameseSyllable
{
    const int MaxLength = 7;

    const string SingleInitials = "bcdghklmnprstvx", SingleFinals = "cmnptiyou", Vowels = "aeiouy";

    static readonly string[] DoubleInitials = ["ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr"];

    static readonly string[] DoubleFinals = ["ng", "nh", "ch"];

    public static bool IsValid(ReadOnlySpan<char> word)
    {
        if (word.Length is 0 or > MaxLength) return false;
        Span<char> buffer = stackalloc char[MaxLength];
        var folded = buffer[..VietnameseText.Fold(word, buffer)];
        // As the expression's '$' does, a line break ending the word may follow the syllable.
        return HasShape(folded) || folded is [.. var line, '\n'] && HasShape(line);
    }

    static bool HasShape(ReadOnlySpan<char> word)
    {
        // The initial may be 0 to 3 letters long and the final 0 to 2: each length the word allows is tried.
        for (var initial = 0; initial <= 3 && initial < word.Length; initial++)
        {
            if (!IsInitial(word[..initial])) continue;
            for (var final = 0; final <= 2 && initial + final < word.Length; final++)
            {
                if (!IsFinal(word[(word.Length - final)..])) continue;
                var vowels = word[initial..(word.Length - final)];
                if (vowels.Length <= 3 && !vowels.ContainsAnyExcept(Vowels)) return true;
            }
        }
        return false;
    }

    static bool IsInitial(ReadOnlySpan<char> letters) => letters.Length switch
    {
        0 => true,
        1 => SingleInitials.Contains(letters[0]),
        2 => Contains(DoubleInitials, letters),
        _ => letters.SequenceEqual("ngh"),
    };

    static bool IsFinal(ReadOnlySpan<char> letters) => letters.Length switch
    {
        0 => true,
        1 => SingleFinals.Contains(letters[0]),
        _ => Contains(DoubleFinals, letters),
    };

    static bool Contains(string[] pairs, ReadOnlySpan<char> letters)
    {
        foreach (var pair in pairs)
            if (letters.SequenceEqual(pair)) return true;
        return false;
    }
}
