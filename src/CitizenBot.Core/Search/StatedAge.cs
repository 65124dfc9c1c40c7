using System.Text.RegularExpressions;
using CitizenBot.Core.Analysis;

namespace CitizenBot.Core.Search;

/// <summary>
/// An age the question states ("làm căn cước cho con em 6 tuổi", "bé 8 tuổi") against the age range a procedure's name
/// states ("… cho người dưới 14 tuổi", "… từ đủ 14 tuổi trở lên"): a candidate for an age range the citizen's age is
/// outside of is not what they asked for, so it goes after the others and does not make the question ambiguous.
/// </summary>
public static partial class StatedAge
{
    /// <summary>
    /// The ages (in years) a question states; "6 tháng tuổi" is 0. A bound states an age on its side of it: "cho con
    /// dưới 14 tuổi" is 13 (not 14, which the procedures "dưới 14 tuổi" exclude), "trên 60 tuổi" is 61. Folded text, any case.
    /// </summary>
    public static IReadOnlyList<int> InQuestion(string text)
    {
        var ages = new List<int>();
        var folded = VietnameseText.Fold(text).ToLowerInvariant();
        foreach (Match m in QuestionAge().Matches(folded))
        {
            var before = folded[..m.Index];
            if (!int.TryParse(m.Groups["n"].Value, out var n) || n > 150 || Negated().IsMatch(before)) continue;
            var years = m.Groups["months"].Success ? n / 12 : n;
            ages.Add(BoundBelow().IsMatch(before) ? Math.Max(0, years - 1) : BoundAbove().IsMatch(before) ? years + 1 : years);
        }
        return ages;
    }

    /// <summary>
    /// The text without the ages it states: the topic's words read with a message that states an age of its own ("à
    /// nhầm, đứa lớn 15 tuổi rồi" after "bé nhà mình 9 tuổi …"), whose age replaces the topic's.
    /// </summary>
    public static string Without(string text) => WrittenAge().Replace(text, " ");

    /// <summary>The range of ages a procedure's name is for, or null when it states none.</summary>
    public static (int Min, int Max)? InName(string name)
    {
        var folded = VietnameseText.Fold(name).ToLowerInvariant();
        if (Below().Match(folded) is { Success: true } below && int.TryParse(below.Groups["n"].Value, out var under))
            return (0, under - 1);
        if (FromUp().Match(folded) is { Success: true } from && int.TryParse(from.Groups["n"].Value, out var least))
            return (from.Groups["over"].Success ? least + 1 : least, int.MaxValue);
        return null;
    }

    /// <summary>The question states an age and none of its ages is in the name's range.</summary>
    public static bool Excludes(IReadOnlyList<int> questionAges, string name) =>
        questionAges.Count > 0 && InName(name) is var (min, max) && !questionAges.Any(a => a >= min && a <= max);

    /// <summary>
    /// The ranking with the candidates whose age range the question's ages fall outside moved after the others (in
    /// their order), when at least one candidate is not excluded.
    /// </summary>
    public static List<T> Apply<T>(List<T> ranked, Func<T, string> name, string question)
    {
        var ages = InQuestion(question);
        if (ages.Count == 0) return ranked;
        var excluded = ranked.Select(r => Excludes(ages, name(r))).ToArray();
        if (!excluded.Contains(true) || !excluded.Contains(false)) return ranked;
        return [.. ranked.Where((_, i) => !excluded[i]), .. ranked.Where((_, i) => excluded[i])];
    }

    // "6 tuổi", "6tuoi", "6 tháng tuổi" (a baby's age). Not "6t" nor "6 tháng": those are as often millions or a stay.
    [GeneratedRegex(@"\b(?<n>\d{1,3})\s*(?:(?<months>thang\s+tuoi)|tuoi)\b")]
    private static partial Regex QuestionAge();

    // "… chứ không phải bé 9 tuổi", "k phải 9 tuổi": an age denied, up to two words before it (folded, at the end of what precedes).
    [GeneratedRegex(@"\b(?:khong|ko|k|chang)\s+phai(?:\s+\w+){0,2}\s*$")]
    private static partial Regex Negated();

    // An age as typed, accents or not ("9 tuổi", "6tuoi", "8 tháng tuổi").
    [GeneratedRegex(@"\b\d{1,3}\s*(?:(?:tháng|thang)\s+)?(?:tuổi|tuoi)\b", RegexOptions.IgnoreCase)]
    private static partial Regex WrittenAge();

    // "dưới 14 tuổi", "chưa đủ 14 tuổi", "chưa tới 14 tuổi", "nhỏ hơn 14 tuổi": the bound just before the stated age (folded, at the end of what precedes).
    [GeneratedRegex(@"\b(?:duoi|chua du|chua toi|chua den|nho hon|be hon|it hon)\s*$")]
    private static partial Regex BoundBelow();

    // "trên 60 tuổi", "lớn hơn 60 tuổi" (not a lone "hơn", which folds like the "hôn" of "kết hôn 20 tuổi").
    [GeneratedRegex(@"\b(?:tren|lon hon)\s*$")]
    private static partial Regex BoundAbove();

    [GeneratedRegex(@"\b(?:duoi|chua du)\s+(?<n>\d{1,3})\s+tuoi")]
    private static partial Regex Below();

    [GeneratedRegex(@"\b(?:tu du|tu|du|(?<over>tren))\s+(?<n>\d{1,3})\s+tuoi")]
    private static partial Regex FromUp();
}
