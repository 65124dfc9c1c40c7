using System.Text;

namespace CitizenBot.Core.Analysis.CharFilters;

/// <summary>
/// Lossless: NFC and one tone placement (<see cref="VietnameseText.Normalize"/>), so "hoà" == "hòa", "thuý" == "thúy",
/// "Khoẻ" == "Khỏe" (decomposed input included). Place right after <see cref="ControlCharacterCharFilter"/>: every later
/// step assumes composed, canonically toned text. Composing shortens text, so each space-separated chunk whose length
/// changes records an offset correction at its end: a token's offsets then point into the text as typed.
/// </summary>
public sealed class VietnameseNormalizationCharFilter(TextReader input) : WholeTextCharFilter(input)
{
    protected override string Rewrite(string text)
    {
        var whole = VietnameseText.Normalize(text);
        if (ReferenceEquals(whole, text) || whole.Length == text.Length) return whole; // the common case: nothing moved
        // Normalising never crosses white space (NFC composes a mark with the letter before it, tones are per syllable),
        // so chunk by chunk gives the same text and tells where lengths changed.
        var output = new StringBuilder(whole.Length);
        var difference = 0;
        for (var start = 0; start < text.Length;)
        {
            var end = start;
            var space = char.IsWhiteSpace(text[start]);
            while (end < text.Length && char.IsWhiteSpace(text[end]) == space) end++;
            var chunk = text[start..end];
            var rewritten = space ? chunk : VietnameseText.Normalize(chunk);
            output.Append(rewritten);
            if (rewritten.Length != chunk.Length)
            {
                difference += chunk.Length - rewritten.Length;
                AddOffCorrectMap(output.Length, difference);
            }
            start = end;
        }
        return output.ToString();
    }
}
