using System.Globalization;
using System.Text.RegularExpressions;

namespace CitizenBot.Core.Presentation;

/// <summary>
/// The end dates a fee or time note states for itself: "áp dụng đến hết ngày 31/12/2025", "từ ngày 01/7/2024 đến
/// 31/12/2025", "đến hết ngày 31 tháng 12 năm 2026", "đến hết năm 2025". Other dates in the note (when a circular was
/// signed: "Thông tư … ngày 30/6/2025"; when a rate starts: "kể từ ngày 01/01/2025") are not end dates. A note whose
/// end date has passed may no longer be what the agency charges, so it is shown as possibly out of date.
/// </summary>
public static partial class EndDates
{
    /// <summary>Vietnam keeps UTC+7 all year: the day a citizen reads the note.</summary>
    static readonly TimeSpan VietnamOffset = TimeSpan.FromHours(7);

    /// <summary>Today's date in Vietnam at <paramref name="now"/>.</summary>
    public static DateOnly TodayInVietnam(DateTimeOffset now) => DateOnly.FromDateTime(now.ToOffset(VietnamOffset).DateTime);

    /// <summary>Every valid end date the text states, in order.</summary>
    public static IEnumerable<DateOnly> In(string? text)
    {
        if (string.IsNullOrEmpty(text)) yield break;
        foreach (Match m in EndDate().Matches(text))
        {
            var year = int.Parse(m.Groups["y"].Value, CultureInfo.InvariantCulture);
            if (!m.Groups["d"].Success)
            {
                yield return new DateOnly(year, 12, 31); // "đến hết năm 2025"
                continue;
            }
            var day = int.Parse(m.Groups["d"].Value, CultureInfo.InvariantCulture);
            var month = int.Parse(m.Groups["m"].Value, CultureInfo.InvariantCulture);
            if (year is >= 1900 and <= 2999 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month))
                yield return new DateOnly(year, month, day);
        }
    }

    /// <summary>The latest end date the texts state that is before <paramref name="today"/> (a note "đến hết ngày 31/12" still holds on 31/12), or null.</summary>
    public static DateOnly? LatestPassed(IEnumerable<string?> texts, DateOnly today) =>
        texts.SelectMany(In).Where(d => d < today).Select(d => (DateOnly?)d).DefaultIfEmpty(null).Max();

    /// <summary>"đến [hết] [ngày] 31/12/2025" (also 31-12-2025, 31.12.2025, "31 tháng 12 năm 2025"), "hết ngày …", or "đến hết năm 2025".</summary>
    [GeneratedRegex(@"(?:\bđến(?:\s+hết)?|\bhết)\s+(?:(?:ngày\s+)?(?<d>\d{1,2})\s*(?:/|-|\.|\s+tháng\s+)\s*(?<m>\d{1,2})\s*(?:/|-|\.|\s+năm\s+)\s*(?<y>\d{4})\b|năm\s+(?<y>\d{4})\b)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex EndDate();
}
