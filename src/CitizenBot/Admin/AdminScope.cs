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

/// <summary>The dashboard's filter as it appears in the query string (from, to, province, field, outcome, mode, handled).</summary>
/// <param name="Province">The province picked when there is one (the filter form's selection).</param>
/// <param name="Provinces">Every province asked for (<c>province=a&amp;province=b</c>, as ids); null = all the user may see.</param>
public sealed record AdminFilter(DateOnly From, DateOnly To, string? Province, string? Field, DemandOutcome? Outcome, bool IncludeHandled,
    IReadOnlyList<string>? Provinces = null, OnlineMode? Mode = null)
{
    public const int DefaultDays = ReportFilterParser.DefaultDays;

    /// <summary>The report filter for this scope, days in Vietnam time: a viewer's provinces always apply.</summary>
    public ReportFilter ToReportFilter(AdminScope scope) => ReportFilter.ForDays(From, To,
        Provinces ?? (Province is not null ? [Province] : scope.IsAdmin ? null : scope.Provinces),
        Field, Outcome, IncludeHandled, Mode);

    /// <summary>The query string that reproduces this filter (for links and export URLs).</summary>
    public string Query(params (string Key, string? Value)[] extra)
    {
        var pairs = new List<(string, string?)>
        {
            ("from", From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            ("to", To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        };
        pairs.AddRange((Provinces ?? (Province is not null ? [Province] : [])).Select(p => ("province", (string?)p)));
        pairs.AddRange([("field", Field), ("outcome", Outcome?.ToString()), ("mode", Mode is { } mode ? OnlineModeNames.ToWire(mode) : null), ("handled", IncludeHandled ? "1" : null)]);
        pairs.AddRange(extra);
        return "?" + string.Join("&", pairs.Where(p => !string.IsNullOrEmpty(p.Item2)).Select(p => $"{Uri.EscapeDataString(p.Item1)}={Uri.EscapeDataString(p.Item2!)}"));
    }

    /// <summary>
    /// Reads the filter with <see cref="ReportFilterParser"/> (the CLI's reading too: 400 with the same sentence), then
    /// refuses a province the user may not see (403).
    /// </summary>
    public static (AdminFilter? Filter, AdminFilterError? Error) Parse(IQueryCollection query, AdminScope scope, ICatalogue catalogue, TimeProvider time)
    {
        var text = new ReportFilterText(query["from"], query["to"], query["province"].OfType<string>().ToList(), query["field"], query["outcome"], query["handled"] == "1", query["mode"]);
        var (parsed, error) = ReportFilterParser.Parse(text, catalogue, VietnamTime.Day(time.GetUtcNow()));
        if (error is not null) return (null, new(error.Parameter, error.Message, StatusCodes.Status400BadRequest));
        if (parsed!.Provinces?.FirstOrDefault(p => !scope.MaySee(p)) is { } hidden)
            return (null, new("province", $"Bạn không được xem số liệu của tỉnh/thành '{hidden}'.", StatusCodes.Status403Forbidden));
        return (new AdminFilter(parsed.From, parsed.To, parsed.Provinces is [var only] ? only : null, parsed.Field, parsed.Outcome, parsed.IncludeHandled,
            parsed.Provinces, parsed.Mode), null);
    }
}

public sealed record AdminFilterError(string Parameter, string Message, int Status);
