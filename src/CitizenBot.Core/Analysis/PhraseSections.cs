using System.Text.RegularExpressions;
using CitizenBot.Core.Dialogs;

namespace CitizenBot.Core.Analysis;

/// <summary>
/// A file of phrases in named sections, the format dialogs/procedure-text.txt, dialogs/fact-words.txt and
/// index-data/analysis/ages.txt share: "[section]" then one phrase a line, '#' starts a comment. A phrase is words of
/// letters or digits, compared without diacritics in lower case ("giá trị" matches "gia tri" and "Giá trị"); in its
/// pattern a space matches any run of spaces, "#" stands for a number and a last "…" for any word that follows
/// ("sở …"). Every expected section is required and not empty; an unknown section, a phrase outside a section, a
/// malformed phrase or one listed twice in a section is an error with its line.
/// </summary>
public sealed class PhraseSections
{
    /// <summary>In a phrase, a number ("có giá trị # năm").</summary>
    public const string NumberWord = "#";
    /// <summary>At the end of a phrase: another word follows ("sở …", a department and its name).</summary>
    public const string FollowedWord = "…";

    /// <summary>One phrase as written on its line, and its folded words (without a last "…").</summary>
    public sealed record Phrase(int Line, string Text, IReadOnlyList<string> Words, bool Followed)
    {
        /// <summary>The regular expression of the phrase, for folded lower-case text.</summary>
        public string Pattern => string.Join(@"\s+", Words.Select(w => w == NumberWord ? @"\d+" : Regex.Escape(w))) + (Followed ? @"(?=\s+\S)" : "");
    }

    /// <summary>A mistake: the line (0 for the whole file), the text it concerns and what is wrong.</summary>
    public sealed record Error(int Line, string Field, string Message);

    readonly Dictionary<string, List<Phrase>> _sections;

    PhraseSections(Dictionary<string, List<Phrase>> sections, List<Error> errors)
    {
        _sections = sections;
        Errors = errors;
    }

    public IReadOnlyList<Error> Errors { get; }

    /// <summary>The phrases of a section in file order (empty when it had none: that is an error already).</summary>
    public IReadOnlyList<Phrase> this[string section] => _sections[section];

    /// <summary>
    /// The section's phrases as one regular-expression alternation ("a|b\s+c"); one that never matches when the
    /// section is empty (an error already), so what is built from it stays valid.
    /// </summary>
    public string Alternatives(string section) => _sections[section] is { Count: > 0 } phrases ? string.Join('|', phrases.Select(p => p.Pattern)) : "(?!)";

    /// <summary>Reads <paramref name="file"/>, expecting exactly <paramref name="sections"/>; see the class summary.</summary>
    public static PhraseSections Read(string file, IReadOnlyList<string> sections)
    {
        var phrases = sections.ToDictionary(s => s, _ => new List<Phrase>(), StringComparer.Ordinal);
        var errors = new List<Error>();
        if (!File.Exists(file))
        {
            errors.Add(new Error(0, "", "file not found"));
            return new PhraseSections(phrases, errors);
        }
        string? section = null;
        foreach (var (number, line, header) in SectionedText.Read(file))
        {
            if (header is not null)
            {
                section = phrases.ContainsKey(header) ? header : null;
                if (section is null) errors.Add(new Error(number, line, $"unknown section; expected one of {string.Join(", ", sections)}"));
                continue;
            }
            if (section is null) { errors.Add(new Error(number, line, "phrase outside a [section]")); continue; }
            var words = VietnameseText.Comparable(line).Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var followed = words is [_, .., FollowedWord];
            if (followed) words = words[..^1];
            if (words.Length == 0 || words.Any(w => w != NumberWord && !w.All(char.IsLetterOrDigit)))
            {
                errors.Add(new Error(number, line, "a phrase is words of letters or digits, '#' for a number and a last '…' for any word"));
                continue;
            }
            var phrase = new Phrase(number, line, words, followed);
            if (phrases[section].Any(p => p.Pattern == phrase.Pattern)) { errors.Add(new Error(number, line, $"already listed under [{section}]")); continue; }
            phrases[section].Add(phrase);
        }
        foreach (var empty in sections.Where(s => phrases[s].Count == 0))
            errors.Add(new Error(0, $"[{empty}]", "section missing or empty"));
        return new PhraseSections(phrases, errors);
    }
}
