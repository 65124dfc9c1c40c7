namespace CitizenBot.Core.Search;

/// <summary>
/// How many edits turn one word into another, with an early exit once the distance exceeds <c>max</c> (then
/// <c>max + 1</c> is returned). One dynamic programme, two ways of counting:
/// <see cref="Compute"/> for typing slips (the query's typo correction) and <see cref="Levenshtein"/> for spelling
/// variants (clustering the demand log's questions).
/// </summary>
public static class EditDistance
{
    /// <summary>
    /// Optimal string alignment distance for typing slips: a swap of two neighbouring letters counts as one edit, and
    /// substituting a letter counts as one only when it is a likely slip (<see cref="Analysis.TypingSlips"/>), else two.
    /// </summary>
    public static int Compute(string a, string b, int max) => Distance(a, b, max, typingSlips: true);

    /// <summary>Plain Levenshtein distance: every insertion, deletion and substitution counts as one edit.</summary>
    public static int Levenshtein(string a, string b, int max) => Distance(a, b, max, typingSlips: false);

    static int Distance(string a, string b, int max, bool typingSlips)
    {
        if (Math.Abs(a.Length - b.Length) > max) return max + 1;
        var previous2 = new int[b.Length + 1];
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMin = current[0];
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : !typingSlips || Analysis.TypingSlips.IsLikelySubstitution(a[i - 1], b[j - 1]) ? 1 : 2;
                current[j] = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (typingSlips && i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    current[j] = Math.Min(current[j], previous2[j - 2] + 1);
                rowMin = Math.Min(rowMin, current[j]);
            }
            if (rowMin > max) return max + 1;
            (previous2, previous, current) = (previous, current, previous2);
        }
        return previous[b.Length];
    }
}
