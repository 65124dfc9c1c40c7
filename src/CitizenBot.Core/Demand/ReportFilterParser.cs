using System.Globalization;
using CitizenBot.Core.Catalogue;

namespace CitizenBot.Core.Demand;

/// <summary>A report filter as the official typed it: `citizenbot report` options or the /admin query string, unchecked.</summary>
/// <param name="From">First day, yyyy-MM-dd (Vietnam time); empty = <see cref="ReportFilterParser.DefaultDays"/> days before <paramref name="To"/>.</param>
/// <param name="To">Last day included, yyyy-MM-dd; empty = today.</param>
/// <param name="Provinces">Province ids or names (today's, former, aliases); none = every province.</param>
/// <param name="Field">A field (lĩnh vực) of the catalogue, or <see cref="DemandReports.Unclassified"/>; any letter case.</param>
/// <param name="Outcome">A <see cref="DemandOutcome"/> name; any letter case.</param>
/// <param name="Mode">An online mode as answered: toan-trinh, mot-phan, khong-truc-tuyen or chua-ro (any letter case).</param>
public sealed record ReportFilterText(string? From, string? To, IReadOnlyList<string>? Provinces, string? Field, string? Outcome, bool IncludeHandled = false,
    string? Mode = null);

/// <summary>What is wrong with a filter: the parameter (from, to, province, field, outcome) and a sentence for the official.</summary>
public sealed record ReportFilterError(string Parameter, string Message);

/// <summary>A checked filter, in Vietnamese days: provinces as ids, the field and outcome as the catalogue and the log spell them.</summary>
public sealed record ParsedReportFilter(DateOnly From, DateOnly To, IReadOnlyList<string>? Provinces, string? Field, DemandOutcome? Outcome, bool IncludeHandled,
    OnlineMode? Mode = null)
{
    public ReportFilter ToReportFilter() => ReportFilter.ForDays(From, To, Provinces, Field, Outcome, IncludeHandled, Mode);
}

/// <summary>
/// The one reading of a report filter, shared by `citizenbot report` and every /admin page, API call and export, so
/// both accept the same values and refuse the same ones with the same sentence (problem details over HTTP, a line on
/// stderr in the CLI). Who may see which province is the caller's concern, not the filter's.
/// </summary>
public static class ReportFilterParser
{
    /// <summary>Days covered when no start day is given.</summary>
    public const int DefaultDays = 30;

    /// <summary>The longest period a report covers (about ten years).</summary>
    public const int MaxDays = 3660;

    public static (ParsedReportFilter? Filter, ReportFilterError? Error) Parse(ReportFilterText text, ICatalogue catalogue, DateOnly today)
    {
        if (!TryDate(text.To, today, out var to)) return Fail("to", $"Ngày kết thúc '{text.To}' không hợp lệ (yyyy-MM-dd).");
        if (!TryDate(text.From, to.AddDays(-(DefaultDays - 1)), out var from)) return Fail("from", $"Ngày bắt đầu '{text.From}' không hợp lệ (yyyy-MM-dd).");
        if (from > to) return Fail("from", "Ngày bắt đầu phải trước hoặc bằng ngày kết thúc.");
        if (to.DayNumber - from.DayNumber >= MaxDays) return Fail("from", $"Khoảng thời gian tối đa {MaxDays} ngày.");

        List<string>? provinces = null;
        foreach (var name in text.Provinces ?? [])
        {
            if (string.IsNullOrWhiteSpace(name)) continue;
            if (catalogue.FindProvince(name.Trim()) is not { } province) return Fail("province", $"Không có tỉnh/thành '{name.Trim()}'.");
            if (!(provinces ??= []).Contains(province.Id)) provinces.Add(province.Id);
        }

        string? field = null;
        if (text.Field is { } f && f.Trim() is { Length: > 0 } wanted)
        {
            field = string.Equals(wanted, DemandReports.Unclassified, StringComparison.OrdinalIgnoreCase) ? DemandReports.Unclassified
                : catalogue.Procedures.Select(p => p.Field).FirstOrDefault(x => string.Equals(x, wanted, StringComparison.OrdinalIgnoreCase));
            if (field is null) return Fail("field", $"Không có lĩnh vực '{wanted}'.");
        }

        DemandOutcome? outcome = null;
        if (text.Outcome is { } o && o.Trim() is { Length: > 0 } typed)
        {
            // Names only: Enum.TryParse would also take "3" or "NoMatch, Answered".
            var parsed = Enum.GetValues<DemandOutcome>().Where(v => string.Equals(v.ToString(), typed, StringComparison.OrdinalIgnoreCase)).Select(v => (DemandOutcome?)v).FirstOrDefault();
            if (parsed is null) return Fail("outcome", $"Kết quả '{typed}' không hợp lệ; một trong: {string.Join(", ", Enum.GetNames<DemandOutcome>())}.");
            outcome = parsed;
        }
        OnlineMode? mode = null;
        if (text.Mode is { } m && m.Trim() is { Length: > 0 } typedMode)
        {
            if (!OnlineModeNames.TryParse(typedMode.ToLowerInvariant(), out var parsedMode))
                return Fail("mode", $"Mức độ trực tuyến '{typedMode}' không hợp lệ; một trong: {string.Join(", ", Enum.GetValues<OnlineMode>().Select(OnlineModeNames.ToWire))}.");
            mode = parsedMode;
        }
        return (new ParsedReportFilter(from, to, provinces, field, outcome, text.IncludeHandled, mode), null);
    }

    static (ParsedReportFilter?, ReportFilterError?) Fail(string parameter, string message) => (null, new ReportFilterError(parameter, message));

    static bool TryDate(string? text, DateOnly fallback, out DateOnly date)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            date = fallback;
            return true;
        }
        return DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
    }
}
