namespace CitizenBot.Core.Demand;

/// <summary>Officials read days and times in Vietnam time (UTC+7, no daylight saving): every report groups and prints in it.</summary>
public static class VietnamTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(7);

    /// <summary>The Vietnamese calendar day of an instant.</summary>
    public static DateOnly Day(DateTimeOffset at) => DateOnly.FromDateTime(at.ToOffset(Offset).DateTime);

    /// <summary>Midnight of the day in Vietnam, as an instant.</summary>
    public static DateTimeOffset Midnight(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), Offset);

    /// <summary>"2026-12-04 08:30" in Vietnam time.</summary>
    public static string Format(DateTimeOffset at) => at.ToOffset(Offset).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The Monday that starts the (ISO) week of the day.</summary>
    public static DateOnly WeekStart(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
}
