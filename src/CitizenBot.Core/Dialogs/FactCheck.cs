using System.Globalization;
using System.Text.RegularExpressions;
using CitizenBot.Core.Analysis;
using CitizenBot.Core.Catalogue;

namespace CitizenBot.Core.Dialogs;

/// <summary>
/// Yes or no to a fact a citizen states about the procedure in focus: an amount of money ("phí 70 nghìn đúng
/// không", "200k hả"), a number of days ("5 ngày là xong đúng ko"), "free" ("miễn phí phải không"), or whether it
/// can be done online ("làm online được không"). Null when the message states nothing this can check, so the reply
/// just gives the fact. The words it reads are data, dialogs/fact-words.txt (<see cref="FactWords"/>): one instance
/// per dialog set, built by <see cref="DialogLoader"/> from the words it loaded and checked at start
/// (<see cref="DialogSet.FactCheck"/>).
/// </summary>
public sealed partial class FactCheck(FactWords words)
{
    /// <summary>The words this reads.</summary>
    public FactWords Words { get; } = words;

    /// <summary>The part of the answer a bare check states a fact about: an amount is a fee, a number of days a time.</summary>
    public string? FacetOf(string message)
    {
        var folded = VietnameseText.Comparable(message);
        if (Amounts(folded).Count > 0 || Words.FreePhrase.IsMatch(folded)) return IntentCategory.Fee;
        return DayCounts(folded).Count > 0 ? IntentCategory.Time : null;
    }

    /// <param name="mode">The online mode in force for the user (the province's list, else national).</param>
    public bool? Check(string facet, string message, Procedure procedure, OnlineMode mode) => facet switch
    {
        IntentCategory.Fee => Fee(message, procedure.Methods.Select(m => m.Fee)),
        IntentCategory.Time => Days(message, procedure.Methods.Select(m => m.ProcessingTime)),
        IntentCategory.Online => mode switch
        {
            OnlineMode.FullyOnline or OnlineMode.Partial => true,
            OnlineMode.Offline => false,
            _ => null,
        },
        _ => null,
    };

    /// <summary>The stated amount (or "free") against the catalogue's fee texts.</summary>
    public bool? Fee(string message, IEnumerable<string?> fees)
    {
        var known = fees.Where(f => !string.IsNullOrWhiteSpace(f)).Select(f => f!).ToList();
        if (known.Count == 0) return null;
        var folded = VietnameseText.Comparable(message);
        var stated = Amounts(folded);
        if (stated.Count == 0)
            return Words.FreePhrase.IsMatch(folded) ? known.Any(f => IsFree(VietnameseText.Comparable(f))) : null;
        var actual = known.SelectMany(f => Amounts(VietnameseText.Comparable(f))).ToHashSet();
        if (actual.Count == 0) return known.Any(f => IsFree(VietnameseText.Comparable(f))) ? false : null;
        return stated.Any(actual.Contains);
    }

    /// <summary>The stated number of days against the catalogue's processing times.</summary>
    public bool? Days(string message, IEnumerable<string?> times)
    {
        var stated = DayCounts(VietnameseText.Comparable(message));
        if (stated.Count == 0) return null;
        var actual = times.Where(t => !string.IsNullOrWhiteSpace(t)).SelectMany(t => DayCounts(VietnameseText.Comparable(t!))).ToHashSet();
        return actual.Count == 0 ? null : stated.Any(actual.Contains);
    }


    /// <summary>
    /// Whether the procedure is carried out where the message asks ("ở xã làm được ko", "ra công an xã làm được ko"),
    /// or which of the levels it names does ("nộp ở xã hay tỉnh"):
    /// the level it names against the procedure's levels (cấp thực hiện, else its agency's words), and the kind of
    /// agency it names, if any, against the agency. Null when the message names no level.
    /// </summary>
    public LevelCheck? AtLevel(string message, Procedure procedure)
    {
        var words = UserText.Parse(message).Words;
        var vocabulary = Words;
        var named = new List<string>();
        for (var k = 0; k < words.Count; k++)
        {
            var w = words[k];
            // "tỉnh khác", "xã nào cũng được": another place of that level, not the level that carries it out.
            if (k + 1 < words.Count && vocabulary.Elsewhere.Contains(words[k + 1].Folded)) continue;
            if (vocabulary.LevelWords.TryGetValue(w.Folded, out var word) && (!w.HasDiacritics || w.Lower == word.Typed) && !named.Contains(word.Level))
                named.Add(word.Level);
        }
        if (named.Count == 0) return null;
        var level = named[^1];
        var folded = VietnameseText.Comparable(message);
        var kind = vocabulary.AgencyKinds.FirstOrDefault(k => k.Pattern.IsMatch(folded));
        var levels = LevelsOf(procedure);
        if (levels.Count == 0) return null;
        var agency = VietnameseText.Comparable(procedure.Agency ?? "");
        var byLevelOnly = kind is not null && agency.Length > 0 && !AgencySpeaksFor(agency, level, procedure);
        var yes = levels.Contains(level) && (kind is null || agency.Length == 0 || byLevelOnly || kind.Pattern.IsMatch(agency));
        return new LevelCheck(yes, kind?.Name, level, levels, Either: named.Count > 1, ByLevelOnly: byLevelOnly);
    }

    /// <summary>
    /// Whether the procedure's agency is the one at the asked level, so the kind of agency the citizen named can be
    /// checked against it: it names that level ("Công an cấp xã"), or the procedure has a single level. Where it has
    /// several ("Cấp xã, Cơ quan khác") and the agency names none of them ("Tổ chức hành nghề công chứng, Cơ quan đại
    /// diện" for a certification the commune People's Committee also does), the agency is another level's and the
    /// answer rests on the level alone.
    /// </summary>
    bool AgencySpeaksFor(string foldedAgency, string level, Procedure procedure) =>
        procedure.Levels.Count <= 1 || LevelsNamedIn(foldedAgency).Contains(level);

    /// <summary>The levels whose words a folded text uses ("uy ban nhan dan cap xa": xa).</summary>
    IEnumerable<string> LevelsNamedIn(string folded) =>
        UserText.Parse(folded).Words.Select(w => Words.LevelWords.GetValueOrDefault(w.Folded).Level).OfType<string>();

    /// <summary>
    /// The levels that carry the procedure out (xa, huyen, tinh, trung-uong; in that name's order): its cấp thực hiện,
    /// else the level words of its agency ("Ủy ban nhân dân cấp xã"). Empty when neither says.
    /// </summary>
    public IReadOnlyList<string> LevelsOf(Procedure procedure)
    {
        var levels = procedure.Levels.Select(l => LevelOf(VietnameseText.Comparable(l))).OfType<string>().ToHashSet();
        if (levels.Count == 0) levels.UnionWith(LevelsNamedIn(VietnameseText.Comparable(procedure.Agency ?? "")));
        return levels.Order().ToList();
    }

    string? LevelOf(string foldedLevel) => LevelsNamedIn(foldedLevel).FirstOrDefault();

    bool IsFree(string foldedFee) => Words.FreePhrase.IsMatch(foldedFee) || foldedFee.Trim() is "0" || Words.ZeroFee.IsMatch(foldedFee);

    /// <summary>Amounts in đồng: "70.000 đồng", "70000đ", "70k", "70 nghìn", "1,5 triệu", "1tr5".</summary>
    HashSet<long> Amounts(string folded)
    {
        var amounts = new HashSet<long>();
        foreach (Match m in Words.Money.Matches(folded))
        {
            var digits = m.Groups["n"].Value;
            var unit = m.Groups["u"].Value;
            var grouped = GroupedThousands().IsMatch(digits);
            var number = grouped
                ? decimal.Parse(digits.Replace(".", "").Replace(",", ""), CultureInfo.InvariantCulture)
                : decimal.Parse(digits.Replace(',', '.'), CultureInfo.InvariantCulture);
            var multiplier = Words.Multipliers.GetValueOrDefault(unit, 1m);
            if (m.Groups["rest"].Success) number += decimal.Parse("0." + m.Groups["rest"].Value, CultureInfo.InvariantCulture);
            var value = number * multiplier;
            // A bare number is a count or a year ("2 bản", "năm 2024"), not an amount: amounts have a unit or "70.000".
            if (unit.Length == 0 && !grouped) continue;
            if (value >= 1_000m) amounts.Add((long)value);
        }
        return amounts;
    }

    HashSet<int> DayCounts(string folded) =>
        Words.Day.Matches(folded).Select(m => int.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture)).ToHashSet();

    [GeneratedRegex(@"^\d{1,3}(?:[.,]\d{3})+$")]
    private static partial Regex GroupedThousands();
}

/// <summary>Whether the procedure is carried out at the level (and by the kind of agency) a message names.</summary>
/// <param name="Kind">The kind of agency named: "cong-an", "uy-ban", or null.</param>
/// <param name="Level">The level named: "xa", "huyen", "tinh", "trung-uong".</param>
/// <param name="Levels">The procedure's own levels, the same names.</param>
/// <param name="Either">The message names more than one level ("nộp ở xã hay tỉnh"): it asks which, not whether.</param>
/// <param name="ByLevelOnly">The agency is another level's, so the kind of agency asked was not checked and who carries
/// it out is told by its levels.</param>
public sealed record LevelCheck(bool Yes, string? Kind, string Level, IReadOnlyList<string> Levels, bool Either = false, bool ByLevelOnly = false);
