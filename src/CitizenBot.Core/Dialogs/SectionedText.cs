using System.Text;

namespace CitizenBot.Core.Dialogs;

/// <summary>The line format the dialogs' text files share (intents.txt, procedure-text.txt, *.vi): "[name]" starts a section, '#' a comment.</summary>
static class SectionedText
{
    /// <summary>
    /// Each line that is neither blank nor a comment, trimmed, with its 1-based number. <c>Section</c> is the name of
    /// a "[name]" line (empty when its bracket is not closed), null on other lines.
    /// </summary>
    public static IEnumerable<(int Number, string Line, string? Section)> Read(string file)
    {
        var number = 0;
        foreach (var raw in File.ReadLines(file, Encoding.UTF8))
        {
            number++;
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            yield return (number, line, !line.StartsWith('[') ? null : line.EndsWith(']') ? line[1..^1].Trim() : "");
        }
    }
}
