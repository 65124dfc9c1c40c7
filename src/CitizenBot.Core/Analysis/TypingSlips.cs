namespace CitizenBot.Core.Analysis;

/// <summary>
/// Which letter a citizen plausibly typed for another: a neighbouring key on a QWERTY keyboard (phones included), or
/// a spelling people confuse by ear (s/x, i/y, l/n, d/r/gi/v in the South, c/k, final c/t). Typo correction treats
/// any other substitution as two edits, so "cúp" (power cut) is not "corrected" into "cấp" — a real but different word
/// is far likelier than a slip from u to a.
/// </summary>
public static class TypingSlips
{
    static readonly string[] Rows = ["qwertyuiop", "asdfghjkl", "zxcvbnm"];

    static readonly HashSet<(char, char)> SoundAlike = Pairs("sx", "iy", "ln", "dr", "dg", "dv", "ck", "ct");

    static readonly HashSet<(char, char)> Neighbours = KeyboardNeighbours();

    /// <summary>Whether typing <paramref name="typed"/> for <paramref name="meant"/> (folded, lower-case) is a likely slip.</summary>
    public static bool IsLikelySubstitution(char typed, char meant) =>
        Neighbours.Contains((typed, meant)) || SoundAlike.Contains((typed, meant));

    static HashSet<(char, char)> Pairs(params string[] pairs)
    {
        var set = new HashSet<(char, char)>();
        foreach (var pair in pairs)
        {
            set.Add((pair[0], pair[1]));
            set.Add((pair[1], pair[0]));
        }
        return set;
    }

    /// <summary>Same row, one key apart; and across rows, the two keys that touch (each row sits half a key to the right of the one above).</summary>
    static HashSet<(char, char)> KeyboardNeighbours()
    {
        var set = new HashSet<(char, char)>();
        void Add(char a, char b)
        {
            set.Add((a, b));
            set.Add((b, a));
        }
        for (var row = 0; row < Rows.Length; row++)
            for (var column = 0; column < Rows[row].Length; column++)
            {
                var key = Rows[row][column];
                if (column + 1 < Rows[row].Length) Add(key, Rows[row][column + 1]);
                if (row + 1 < Rows.Length)
                    foreach (var below in new[] { column - 1, column })
                        if (below >= 0 && below < Rows[row + 1].Length) Add(key, Rows[row + 1][below]);
            }
        return set;
    }
}
