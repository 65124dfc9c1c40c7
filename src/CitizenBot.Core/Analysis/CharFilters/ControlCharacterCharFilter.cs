namespace CitizenBot.Core.Analysis.CharFilters;

/// <summary>Replaces control and format characters (NUL, zero-width joiners, bidi marks) with spaces.</summary>
public sealed class ControlCharacterCharFilter : ICharFilter
{
    public string Apply(string text)
    {
        if (!text.Any(IsControl)) return text;
        return string.Create(text.Length, text, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
                span[i] = IsControl(source[i]) ? ' ' : source[i];
        });
    }

    static bool IsControl(char c) =>
        char.IsControl(c) || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format;
}
