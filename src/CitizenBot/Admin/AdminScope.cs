using System.Globalization;
using System.Security.Claims;
using CitizenBot.Core.Catalogue;
using CitizenBot.Core.Demand;

namespace CitizenBot.Admin;

/// <summary>What the signed-in official may see: everything (admin) or only their provinces (viewer).</summary>
public sealed record AdminScope(string Name, bool IsAdmin, IReadOnlyList<string> Provinces)
{
    public static AdminScope Of(ClaimsPrincipal user) => new(
        user.Identity?.Name ?? "",
        user.IsInRole(nameof(AdminRole.Admin)),
        user.FindAll(AdminAuth.ProvinceClaim).Select(c => c.Value).Distinct().Order(StringComparer.Ordinal).ToList());

    public bool MaySee(string? provinceId) => IsAdmin || provinceId is not null && Provinces.Contains(provinceId);

    /// <summary>
    /// The province a mark from this user applies to: an admin may mark for every province ('') or one; a viewer only
    /// for one of theirs (the one asked, or their only one). Null when the user may not mark for that province.
    /// </summary>
    public string? MarkProvince(string? asked) => asked is { Length: > 0 } p
        ? (MaySee(p) ? p : null)
        : IsAdmin ? "" : Provinces.Count == 1 ? Provinces[0] : null;
}

/// <summary>The dashboard's filter as it appears in the query string (from, to, province, field, outcome, handled).</summary>
public sealed record AdminFilter(DateOnly From, DateOnly To, string? Province, string? Field, DemandOutcome? Outcome, bool IncludeHandled)
{
    public const int DefaultDays = 30;

    /// <summary>The report filter for this scope, days in Vietnam time: a viewer's provinces always apply.</summary>
    public ReportFilter ToReportFilter(AdminScope scope) => ReportFilter.ForDays(From, To,
        Province is not null ? [Province] : scope.IsAdmin ? null : scope.Provinces,
        Field, Outcome, IncludeHandled);

    /// <summary>The query string that reproduces this filter (for links and export URLs).</summary>
    public string Query(params (string Key, string? Value)[] extra)
    {
        var pairs = new List<(string, string?)>
        {
            ("from", From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            ("to", To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            ("province", Province), ("field", Field), ("outcome", Outcome?.ToString()), ("handled", IncludeHandled ? "1" : null),
        };
        pairs.AddRange(extra);
        return "?" + string.Join("&", pairs.Where(p => !string.IsNullOrEmpty(p.Item2)).Select(p => $"{Uri.EscapeDataString(p.Item1)}={Uri.EscapeDataString(p.Item2!)}"));
    }

    /// <summary>Reads and checks the filter; the error says which parameter is wrong, or that the province is not the user's.</summary>
    public static (AdminFilter? Filter, AdminFilterError? Error) Parse(IQueryCollection query, AdminScope scope, ICatalogue catalogue, TimeProvider time)
    {
        var today = VietnamTime.Day(time.GetUtcNow());
        if (!TryDate(query["to"], today, out var to)) return (null, new("to", "Ngày không hợp lệ (yyyy-MM-dd).", 400));
        if (!TryDate(query["from"], to.AddDays(-(DefaultDays - 1)), out var from)) return (null, new("from", "Ngày không hợp lệ (yyyy-MM-dd).", 400));
        if (from > to) return (null, new("from", "Ngày bắt đầu phải trước ngày kết thúc.", 400));
        if (to.DayNumber - from.DayNumber > 3660) return (null, new("from", "Khoảng thời gian tối đa 10 năm.", 400));

        string? province = query["province"].ToString() is { Length: > 0 } p ? p : null;
        if (province is not null)
        {
            if (catalogue.Provinces.All(x => x.Id != province)) return (null, new("province", "Không có tỉnh/thành này.", 400));
            if (!scope.MaySee(province)) return (null, new("province", "Bạn không được xem số liệu của tỉnh/thành này.", 403));
        }
        string? field = query["field"].ToString() is { Length: > 0 } f ? f : null;
        if (field is not null && field != DemandReports.Unclassified && catalogue.Procedures.All(x => x.Field != field)) return (null, new("field", "Không có lĩnh vực này.", 400));
        DemandOutcome? outcome = null;
        if (query["outcome"].ToString() is { Length: > 0 } o)
        {
            if (!Enum.TryParse<DemandOutcome>(o, ignoreCase: false, out var parsed) || !Enum.IsDefined(parsed) || char.IsDigit(o[0]))
                return (null, new("outcome", "Kết quả không hợp lệ.", 400));
            outcome = parsed;
        }
        return (new AdminFilter(from, to, province, field, outcome, query["handled"] == "1"), null);
    }

    static bool TryDate(string? text, DateOnly fallback, out DateOnly date)
    {
        if (string.IsNullOrEmpty(text))
        {
            date = fallback;
            return true;
        }
        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
    }
}

public sealed record AdminFilterError(string Parameter, string Message, int Status);
