namespace CitizenBot.Core.Analysis;

/// <summary>
/// Initial consonants Vietnamese speakers write interchangeably because they sound alike in their region: s/x,
/// ch/tr, d/gi/r, l/n, c/k ("xổ hồng" for "sổ hồng", "nái xe" for "lái xe"). Such a misspelling is itself a real word,
/// so typo correction (which only touches words the index has never seen) cannot catch it; a lexicon phrase can.
/// </summary>
public static class SoundAlikeSpelling
{
    static readonly (string Written, string Heard)[] Initials = [("tr", "ch"), ("gi", "d"), ("x", "s"), ("r", "d"), ("k", "c")];

    /// <summary>The word with its initial replaced by the one it sounds like ("xổ" → "sổ", "trứng" → "chứng").</summary>
    public static string Key(string word)
    {
        foreach (var (written, heard) in Initials)
            if (word.StartsWith(written, StringComparison.Ordinal) && word.Length > written.Length)
                return heard + word[written.Length..];
        // "n" alone sounds like "l"; "ng" and "nh" are other initials.
        if (word.Length > 1 && word[0] == 'n' && word[1] is not ('g' or 'h')) return "l" + word[1..];
        return word;
    }
}
