namespace CitizenBot.Core.Analysis;

/// <summary>
/// Whether a folded word has the shape of a Vietnamese syllable: initial? + 1–3 vowels + final?, i.e.
/// <c>^(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?[aeiouy]{1,3}(ng|nh|ch|[cmnptiyou])?$</c>.
/// Asked for every word of every indexed text (Telex/VNI repair), so it tries each initial and final the word begins
/// and ends with instead of running that expression: the same words, without a regex engine's per-call setup.
/// </summary>
public static class VietnameseSyllable
{
    const int MaxLength = 7;

    /// <summary>The initials, longest first where one begins another ("ngh", "ng"); the empty initial last.</summary>
    static readonly string[] Initials =
        ["ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr",
         "b", "c", "d", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", ""];

    static readonly string[] Finals = ["ng", "nh", "ch", "c", "m", "n", "p", "t", "i", "y", "o", "u", ""];

    const string Vowels = "aeiouy";

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
        foreach (var initial in Initials)
        {
            if (!word.StartsWith(initial, StringComparison.Ordinal)) continue;
            var rest = word[initial.Length..];
            foreach (var final in Finals)
            {
                if (!rest.EndsWith(final, StringComparison.Ordinal)) continue;
                var vowels = rest[..^final.Length];
                if (vowels.Length is >= 1 and <= 3 && !vowels.ContainsAnyExcept(Vowels)) return true;
            }
        }
        return false;
    }
}
