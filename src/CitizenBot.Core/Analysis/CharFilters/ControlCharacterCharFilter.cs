namespace CitizenBot.Core.Analysis.CharFilters;

/// <summary>
/// Replaces control and format characters (NUL, zero-width joiners, bidi marks) and unpaired surrogate halves with
/// spaces: the later steps (Unicode normalisation) reject text that is not valid UTF-16. One character for one, so
/// offsets need no correction. Place first.
/// </summary>
public sealed class ControlCharacterCharFilter(TextReader input) : WholeTextCharFilter(input)
{
    protected override string Rewrite(string text) => Clean(text);

    /// <summary>The same rewrite for a string (the text itself when there is nothing to replace).</summary>
    public static string Clean(string text)
    {
        var first = 0;
        while (first < text.Length && !IsRemoved(text, first)) first++;
        if (first == text.Length) return text;
        var chars = text.ToCharArray();
        for (var i = first; i < chars.Length; i++)
            if (IsRemoved(text, i)) chars[i] = ' ';
        return new string(chars);
    }

    static bool IsRemoved(string text, int i)
    {
        var c = text[i];
        if (char.IsHighSurrogate(c)) return i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1]);
        if (char.IsLowSurrogate(c)) return i == 0 || !char.IsHighSurrogate(text[i - 1]);
        return char.IsControl(c) || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format;
    }
}
