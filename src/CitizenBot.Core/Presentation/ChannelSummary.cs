namespace CitizenBot.Core.Presentation;

/// <summary>A fee or a processing time over a procedure's submission channels, said once.</summary>
public static class ChannelSummary
{
    /// <summary>
    /// One value when every channel that states one says the same ("Miễn phí"), else each channel with its own
    /// ("Trực tuyến: 3 ngày; Trực tiếp: 5 ngày", repeated lines once); null when no channel states one.
    /// <paramref name="one"/> and <paramref name="each"/> format the value in the two cases (escape, shorten).
    /// </summary>
    public static string? Of<T>(IEnumerable<T> methods, Func<T, string?> value, Func<T, string> channel,
        Func<string, string>? one = null, Func<string, string>? each = null)
    {
        var known = methods.Select(m => (Method: m, Value: value(m)?.Trim())).Where(m => !string.IsNullOrEmpty(m.Value)).ToList();
        var values = known.Select(m => m.Value!).Distinct().ToList();
        return values.Count switch
        {
            0 => null,
            1 => one is null ? values[0] : one(values[0]),
            _ => string.Join("; ", known.Select(m => $"{channel(m.Method)}: {(each is null ? m.Value! : each(m.Value!))}").Distinct()),
        };
    }
}
