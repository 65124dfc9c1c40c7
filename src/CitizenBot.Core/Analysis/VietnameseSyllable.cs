using System.Text.RegularExpressions;

namespace CitizenBot.Core.Analysis;

/// <summary>Whether a folded word has the shape of a Vietnamese syllable: initial? + 1–3 vowels + final?.</summary>
public static partial class VietnameseSyllable
{
    [GeneratedRegex("^(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?[aeiouy]{1,3}(ng|nh|ch|[cmnptiyou])?$")]
    private static partial Regex Shape();

    const int MaxLength = 7;

    public static bool IsValid(ReadOnlySpan<char> word)
    {
        if (word.Length is 0 or > MaxLength) return false;
        Span<char> folded = stackalloc char[MaxLength];
        return Shape().IsMatch(folded[..VietnameseText.Fold(word, folded)]);
    }
}
