using System.Text.RegularExpressions;
using CitizenBot.Core.Analysis;
using CitizenBot.Core.Catalogue;

namespace CitizenBot.Core.Search;

/// <summary>
/// The Vietnamese words <see cref="StatedAge"/> reads, loaded from index-data/analysis/ages.txt
/// (<see cref="PhraseSections"/>) with the rest of the analysis lexicon and turned into its patterns once: the age
/// words ("tuổi", "tháng tuổi"), a denial before an age, the bounds of a question's age and of a procedure name's range.
/// </summary>
public sealed class AgeWords
{
    public const string FileName = "ages.txt";

    /// <summary>The sections of <see cref="FileName"/>, each required and not empty.</summary>
    public static readonly IReadOnlyList<string> Sections = ["years", "months", "denial", "below", "above", "name-below", "name-from", "name-over"];

    AgeWords(PhraseSections words)
    {
        string Words(string section) => words.Alternatives(section);
        // As typed, with or without its accents ("tháng tuổi", "thang tuoi"): each word either way.
        string Typed(string section) => words[section] is { Count: > 0 } phrases
            ? string.Join('|', phrases.Select(p => string.Join(@"\s+", VietnameseText.Normalize(p.Text).ToLowerInvariant()
                .Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(AsTyped))))
            : "(?!)";
        QuestionAge = new($@"\b(?<n>\d{{1,3}})\s*(?:(?<months>{Words("months")})|{Words("years")})\b");
        Negated = new($@"\b(?:{Words("denial")})(?:\s+\w+){{0,2}}\s*$");
        WrittenAge = new($@"\b\d{{1,3}}\s*(?:{Typed("months")}|{Typed("years")})\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        BoundBelow = new($@"\b(?:{Words("below")})\s*$");
        BoundAbove = new($@"\b(?:{Words("above")})\s*$");
        Below = new($@"\b(?:{Words("name-below")})\s+(?<n>\d{{1,3}})\s+(?:{Words("years")})");
        FromUp = new($@"\b(?:{Words("name-from")}|(?<over>{Words("name-over")}))\s+(?<n>\d{{1,3}})\s+(?:{Words("years")})");
    }

    static string AsTyped(string word)
    {
        var plain = VietnameseText.Fold(word);
        return plain == word ? Regex.Escape(word) : $"(?:{Regex.Escape(word)}|{Regex.Escape(plain)})";
    }

    /// <summary>
    /// Reads <paramref name="file"/> (<see cref="FileName"/> in the analysis folder); a mistake is an error with file
    /// and line (<see cref="PhraseSections"/>; "#" and a last "…" have no place here).
    /// </summary>
    public static AgeWords Load(string file, List<CatalogueError> errors)
    {
        var words = PhraseSections.Read(file, Sections);
        errors.AddRange(words.Errors.Select(e => new CatalogueError(file, e.Line > 0 ? $"line {e.Line}" : "", e.Field, e.Message)));
        foreach (var section in Sections)
            foreach (var p in words[section].Where(p => p.Followed || p.Words.Contains(PhraseSections.NumberWord)))
                errors.Add(new CatalogueError(file, $"line {p.Line}", p.Text, "an age word is words of letters or digits, with no '#' or '…'"));
        return new AgeWords(words);
    }

    /// <summary>"6 tuổi", "6tuoi", "6 tháng tuổi" in folded lower-case text: groups n and months.</summary>
    internal Regex QuestionAge { get; }
    /// <summary>An age denied: a denial up to two words before it, at the end of the folded text that precedes it.</summary>
    internal Regex Negated { get; }
    /// <summary>An age as typed, accents or not ("9 tuổi", "6tuoi", "8 tháng tuổi").</summary>
    internal Regex WrittenAge { get; }
    /// <summary>The bound below a question's age, at the end of the folded text that precedes it ("dưới", "chưa đủ").</summary>
    internal Regex BoundBelow { get; }
    /// <summary>The bound above a question's age ("trên", "lớn hơn").</summary>
    internal Regex BoundAbove { get; }
    /// <summary>A name's range below an age ("dưới 14 tuổi"): group n.</summary>
    internal Regex Below { get; }
    /// <summary>A name's range from an age ("từ đủ 14 tuổi", "trên 60 tuổi": group over): group n.</summary>
    internal Regex FromUp { get; }
}
