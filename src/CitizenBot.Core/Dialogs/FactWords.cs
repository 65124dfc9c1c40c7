using System.Text.RegularExpressions;
using CitizenBot.Core.Analysis;

namespace CitizenBot.Core.Dialogs;

/// <summary>
/// The Vietnamese words <see cref="FactCheck"/> reads, loaded from dialogs/fact-words.txt (<see cref="PhraseSections"/>)
/// and turned into its patterns once: the units of an amount, the "free" phrases, the day words, the kinds of agency
/// and the level words. Checked at start with the other dialog files.
/// </summary>
public sealed class FactWords
{
    public const string FileName = "fact-words.txt";

    /// <summary>The kinds of agency, in the order a message is tested for them: "agency-" + kind is a section.</summary>
    public static readonly IReadOnlyList<string> AgencyKindNames = ["cong-an", "uy-ban"];

    /// <summary>The levels (xa, huyen, tinh, trung-uong): "level-" + level is a section, and the order of <see cref="FactCheck.LevelsOf"/>.</summary>
    public static readonly IReadOnlyList<string> LevelNames = ["xa", "huyen", "tinh", "trung-uong"];

    const string Thousand = "thousand", Million = "million", MillionTenths = "million-tenths", Dong = "dong",
        Free = "free", Days = "days", LevelElsewhere = "level-elsewhere";

    /// <summary>The sections of <see cref="FileName"/>, each required and not empty.</summary>
    public static readonly IReadOnlyList<string> Sections =
    [
        Thousand, Million, MillionTenths, Dong, Free, Days,
        .. AgencyKindNames.Select(k => "agency-" + k), .. LevelNames.Select(l => "level-" + l), LevelElsewhere,
    ];

    static readonly string[] UnitSections = [Thousand, Million, MillionTenths, Dong, Days];

    FactWords(PhraseSections words)
    {
        const RegexOptions options = RegexOptions.CultureInvariant;
        string Words(string section) => words.Alternatives(section);
        // Longest first, so a unit is read whole whichever order the file lists them in.
        var units = string.Join('|', new[] { Thousand, Million, Dong }.SelectMany(s => words[s]).Select(p => p.Pattern)
            .Distinct().OrderByDescending(p => p.Length).ThenBy(p => p, StringComparer.Ordinal));
        var multipliers = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var (section, multiplier) in new[] { (Dong, 1m), (Thousand, 1_000m), (Million, 1_000_000m) })
            foreach (var p in words[section]) multipliers.TryAdd(p.Words[0], multiplier);
        Multipliers = multipliers;
        Money = new($@"(?<n>\d{{1,3}}(?:[.,]\d{{3}})+|\d+(?:[.,]\d+)?)\s*(?<u>{(units.Length > 0 ? units : "(?!)")})?(?<rest>(?<=(?:{Words(MillionTenths)}))\d)?\b", options);
        FreePhrase = new($@"\b({Words(Free)})\b", options);
        ZeroFee = new($@"(^|\D)0\s*({Words(Dong)})\b", options);
        Day = new($@"(?<n>\d{{1,3}})\s*({Words(Days)})\b", options);
        AgencyKinds = [.. AgencyKindNames.Select(k => new AgencyKind(k, new Regex($@"\b({Words("agency-" + k)})\b", options)))];
        var levelWords = new Dictionary<string, (string Typed, string Level)>(StringComparer.Ordinal);
        foreach (var level in LevelNames)
            foreach (var p in words["level-" + level])
                levelWords.TryAdd(p.Words[0], (VietnameseText.Normalize(p.Text).ToLowerInvariant(), level));
        LevelWords = levelWords;
        Elsewhere = words[LevelElsewhere].Select(p => p.Words[0]).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>
    /// Reads <see cref="FileName"/>. Besides the file's own format (<see cref="PhraseSections"/>): units, day words,
    /// level words and [level-elsewhere] words are single words; a [million-tenths] unit is also a [million] one;
    /// no unit or level word is listed in two sections. A mistake is reported with file and line.
    /// </summary>
    public static FactWords Load(string file, List<DialogError> errors)
    {
        var words = PhraseSections.Read(file, Sections);
        errors.AddRange(words.Errors.Select(e => new DialogError(file, e.Line, e.Field, e.Message)));
        foreach (var section in UnitSections.Concat(LevelNames.Select(l => "level-" + l)).Append(LevelElsewhere))
            foreach (var p in words[section].Where(p => p.Words.Count != 1 || p.Followed || p.Words[0] == PhraseSections.NumberWord))
                errors.Add(new DialogError(file, p.Line, p.Text, $"[{section}] lists single words"));
        var million = words[Million].Select(p => p.Pattern).ToHashSet(StringComparer.Ordinal);
        foreach (var p in words[MillionTenths].Where(p => !million.Contains(p.Pattern)))
            errors.Add(new DialogError(file, p.Line, p.Text, $"a [{MillionTenths}] unit must also be under [{Million}]"));
        foreach (var group in new[] { new[] { Thousand, Million, Dong }, [.. LevelNames.Select(l => "level-" + l)] })
        {
            var first = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var section in group)
                foreach (var p in words[section])
                    if (!first.TryAdd(p.Pattern, section))
                        errors.Add(new DialogError(file, p.Line, p.Text, $"already listed under [{first[p.Pattern]}]"));
        }
        return new FactWords(words);
    }

    /// <summary>An amount and its unit ("70k", "1tr5", "70.000 đồng"): groups n, u (the folded unit) and rest (a digit of tenths).</summary>
    internal Regex Money { get; }
    /// <summary>Folded unit → đồng it stands for.</summary>
    internal IReadOnlyDictionary<string, decimal> Multipliers { get; }
    internal Regex FreePhrase { get; }
    internal Regex ZeroFee { get; }
    /// <summary>A number of days: group n.</summary>
    internal Regex Day { get; }
    internal IReadOnlyList<AgencyKind> AgencyKinds { get; }
    /// <summary>Folded level word → how it is spelled with its accents, and its level.</summary>
    internal IReadOnlyDictionary<string, (string Typed, string Level)> LevelWords { get; }
    /// <summary>Folded words after a level word that make it another place of that level ("khac", "nao").</summary>
    internal IReadOnlySet<string> Elsewhere { get; }

    internal sealed record AgencyKind(string Name, Regex Pattern);
}
