using System.Text;

namespace CitizenBot.Core.Dialogs;

/// <summary>
/// Makes text safe to place inside a Markdown message (Web Chat renders bot text as Markdown): user text — and any
/// text we did not write as Markdown — shows as typed, never as links, emphasis, code, headings, lists or HTML.
/// </summary>
public static class MarkdownText
{
    // CommonMark lets any ASCII punctuation be backslash-escaped; these are the ones that can start markup inline.
    const string Inline = "\\`*_[]<>~|&!#";

    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        // Line breaks become spaces: the text must not open a new Markdown block (list, heading, quote, table).
        var flat = string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        var sb = new StringBuilder(flat.Length + 8);
        var i = 0;
        // Block markers count only at the start and only before a space: "- x", "+ x", "1. x", "2) x" (not "1.001193").
        bool SpaceAt(int k) => k >= flat.Length || flat[k] == ' ';
        if (flat.Length > 0 && flat[0] is '-' or '+' && SpaceAt(1)) { sb.Append('\\').Append(flat[0]); i = 1; }
        else
        {
            var digits = 0;
            while (digits < flat.Length && char.IsAsciiDigit(flat[digits])) digits++;
            if (digits is > 0 and <= 9 && digits < flat.Length && flat[digits] is '.' or ')' && SpaceAt(digits + 1))
            {
                sb.Append(flat, 0, digits).Append('\\').Append(flat[digits]);
                i = digits + 1;
            }
        }
        for (; i < flat.Length; i++)
        {
            if (Inline.Contains(flat[i])) sb.Append('\\');
            sb.Append(flat[i]);
        }
        return sb.ToString();
    }

    /// <summary>Shortens to at most <paramref name="maxLength"/> characters (on a word boundary, with "…"), then escapes.</summary>
    public static string EscapeShort(string? text, int maxLength) => Escape(Presentation.ShortText.Shorten(text, maxLength));
}
