using System.Globalization;
using CitizenBot.Core.Catalogue;
using CitizenBot.Core.Demand;
using CitizenBot.Core.Demand.Export;

namespace CitizenBot.Admin.Pages;

/// <summary>How the dashboard writes numbers, shares, times and lists: Vietnamese conventions, Vietnam time.</summary>
public static class AdminText
{
    static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    public static string N(int value) => value.ToString("#,0", Vietnamese);
    public static string Percent(double? share) => share is { } s ? (s * 100).ToString("0.0", Vietnamese) + "%" : "—";
    /// <summary>Vietnam time (UTC+7), as officials read it.</summary>
    public static string Time(DateTimeOffset at) => at.ToOffset(VietnamTime.Offset).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture);

    public static StringComparer VietnameseOrder { get; } = StringComparer.Create(Vietnamese, false);

    /// <summary>"Hà Nội (3), Huế (1)": the first provinces of a count, named.</summary>
    public static string Provinces(ICatalogue catalogue, IEnumerable<KeyValuePair<string, int>> counts, int take = 3) =>
        string.Join(", ", counts.Take(take).Select(p => $"{ReportTables.ProvinceName(catalogue, p.Key)} ({p.Value})"));

    public static string ReportName(string report) => report switch
    {
        "unmet" => "Nhu cầu chưa đáp ứng",
        "backlog" => "Cần nâng cấp",
        "summary" => "Tổng hợp theo ngày",
        "provinces" => "So sánh các tỉnh",
        "usage" => "Thực chất sử dụng",
        "entries" => "Chi tiết",
        _ => report,
    };
}
