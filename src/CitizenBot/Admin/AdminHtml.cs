using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using CitizenBot.Core.Catalogue;
using CitizenBot.Core.Demand;
using CitizenBot.Core.Demand.Export;

namespace CitizenBot.Admin;

/// <summary>
/// The dashboard's server-rendered Vietnamese pages. Every value that is not a literal of this file goes through
/// <see cref="E"/> (HTML-encoded), citizen text above all. No script; styles come from /admin/admin.css.
/// </summary>
static class AdminHtml
{
    public const string ContentSecurityPolicy =
        "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    /// <summary>Encodes &lt; &gt; &amp; quotes (and control characters); Vietnamese letters stay readable in the source.</summary>
    static readonly HtmlEncoder Encoder = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    public static string E(object? value) => Encoder.Encode(Convert.ToString(value, CultureInfo.InvariantCulture) ?? "");

    public static string N(int value) => value.ToString("#,0", CultureInfo.GetCultureInfo("vi-VN"));
    public static string Percent(double? share) => share is { } s ? (s * 100).ToString("0.0", CultureInfo.GetCultureInfo("vi-VN")) + "%" : "—";
    /// <summary>Vietnam time (UTC+7), as officials read it.</summary>
    public static string Time(DateTimeOffset at) => at.ToOffset(VietnamTime.Offset).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture);

    /// <param name="catalogue">For the province names in the signed-in user's label (ids without it).</param>
    public static string Page(string title, AdminScope? scope, string antiforgeryToken, string body, string active = "", ICatalogue? catalogue = null)
    {
        var html = new StringBuilder();
        html.Append($"""
            <!DOCTYPE html>
            <html lang="vi">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="robots" content="noindex">
            <title>{E(title)} – CitizenBot</title>
            <link rel="stylesheet" href="/admin/admin.css">
            </head>
            <body>
            <header class="top">
            <a class="brand" href="/admin">CitizenBot · Nhu cầu người dân</a>
            """);
        if (scope is not null)
        {
            html.Append("<nav>");
            foreach (var (href, label, key) in new[] { ("/admin", "Tổng quan", "overview"), ("/admin/nhu-cau", "Chưa đáp ứng", "unmet"), ("/admin/nang-cap", "Cần nâng cấp", "backlog"), ("/admin/danh-muc-tinh", "Danh mục tỉnh", "provinces") })
                html.Append($"<a href=\"{href}\"{(key == active ? " class=\"active\"" : "")}>{E(label)}</a>");
            if (scope.IsAdmin) html.Append($"<a href=\"/admin/nhat-ky\"{("audit" == active ? " class=\"active\"" : "")}>Nhật ký</a>");
            html.Append("</nav>");
            html.Append($"""
                <form class="signout" method="post" action="/admin/dang-xuat">
                <input type="hidden" name="{AdminAuth.AntiforgeryField}" value="{E(antiforgeryToken)}">
                <span class="user">{E(scope.Name)} ({(scope.IsAdmin ? "quản trị" : "cán bộ " + E(string.Join(", ", scope.Provinces.Select(p => catalogue is null ? p : ReportTables.ProvinceName(catalogue, p)))))})</span>
                <button type="submit">Đăng xuất</button>
                </form>
                """);
        }
        html.Append("</header>\n<main>\n");
        html.Append($"<h1>{E(title)}</h1>\n");
        html.Append(body);
        html.Append("\n</main>\n</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>The GET filter form: dates, province (only the user's), field, outcome.</summary>
    public static string FilterForm(string action, AdminFilter filter, AdminScope scope, ICatalogue catalogue, bool showHandled = false)
    {
        var html = new StringBuilder($"<form class=\"filters\" method=\"get\" action=\"{E(action)}\">");
        html.Append($"<label>Từ ngày <input type=\"date\" name=\"from\" value=\"{filter.From:yyyy-MM-dd}\"></label>");
        html.Append($"<label>Đến ngày <input type=\"date\" name=\"to\" value=\"{filter.To:yyyy-MM-dd}\"></label>");
        html.Append("<label>Tỉnh/thành <select name=\"province\">");
        html.Append($"<option value=\"\">{(scope.IsAdmin ? "Tất cả" : "Tất cả tỉnh của tôi")}</option>");
        foreach (var p in catalogue.Provinces.Where(p => scope.MaySee(p.Id)).OrderBy(p => p.Name, StringComparer.Create(CultureInfo.GetCultureInfo("vi-VN"), false)))
            html.Append($"<option value=\"{E(p.Id)}\"{(p.Id == filter.Province ? " selected" : "")}>{E(p.Name)}</option>");
        html.Append("</select></label>");
        html.Append("<label>Lĩnh vực <select name=\"field\"><option value=\"\">Tất cả</option>");
        foreach (var field in catalogue.Procedures.Select(p => p.Field).Distinct().Order(StringComparer.Create(CultureInfo.GetCultureInfo("vi-VN"), false)).Append(DemandReports.Unclassified))
            html.Append($"<option value=\"{E(field)}\"{(field == filter.Field ? " selected" : "")}>{E(field)}</option>");
        html.Append("</select></label>");
        html.Append("<label>Kết quả <select name=\"outcome\"><option value=\"\">Tất cả</option>");
        foreach (var outcome in Enum.GetValues<DemandOutcome>())
            html.Append($"<option value=\"{outcome}\"{(outcome == filter.Outcome ? " selected" : "")}>{E(ReportTables.OutcomeLabel(outcome))}</option>");
        html.Append("</select></label>");
        if (showHandled)
            html.Append($"<label class=\"check\"><input type=\"checkbox\" name=\"handled\" value=\"1\"{(filter.IncludeHandled ? " checked" : "")}> Gồm nhóm đã xử lý / ngoài phạm vi</label>");
        html.Append("<button type=\"submit\">Lọc</button></form>\n");
        return html.ToString();
    }

    public static string ExportLinks(AdminFilter filter, params string[] reports)
    {
        var html = new StringBuilder("<p class=\"exports\">Tải về: ");
        foreach (var report in reports)
            foreach (var format in new[] { "csv", "xlsx" })
                html.Append($"<a class=\"export\" href=\"/admin/xuat{E(filter.Query(("report", report), ("format", format)))}\">{E(ReportName(report))} ({format.ToUpperInvariant()})</a> ");
        return html.Append("</p>\n").ToString();
    }

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

    public static string UnmetTable(IReadOnlyList<UnmetNeed> needs, AdminFilter filter, ICatalogue catalogue)
    {
        if (needs.Count == 0) return "<p class=\"empty\">Không có câu hỏi chưa đáp ứng trong khoảng này.</p>\n";
        var html = new StringBuilder("<div class=\"scroll\"><table class=\"data unmet\"><thead><tr><th>Nhóm câu hỏi</th><th>Lĩnh vực</th><th class=\"num\">Số lượt</th><th class=\"num\">Xu hướng</th><th>Lần cuối</th><th>Tỉnh/thành</th><th>Trạng thái</th></tr></thead><tbody>");
        foreach (var n in needs)
        {
            var trend = n.Trend switch { > 0 => $"▲ {N(n.Trend)}", < 0 => $"▼ {N(-n.Trend)}", _ => "=" };
            html.Append($"<tr><td><a href=\"/admin/nhu-cau/chi-tiet{E(filter.Query(("key", n.Key)))}\">{E(n.Label)}</a>");
            if (n.Examples.Count > 1) html.Append($"<div class=\"examples\">{E(string.Join(" · ", n.Examples.Skip(1).Take(2)))}</div>");
            html.Append($"</td><td>{E(n.Field)}</td><td class=\"num\">{N(n.Count)}</td><td class=\"num trend\">{E(trend)}</td><td>{E(Time(n.LastSeen))}</td>");
            html.Append($"<td>{E(string.Join(", ", n.Provinces.Take(3).Select(p => $"{ReportTables.ProvinceName(catalogue, p.Key)} ({p.Value})")))}</td>");
            html.Append($"<td>{E(n.Mark is { Handled: false, OutOfScope: false, LinkedCode: { } code } ? "Liên kết " + code : ReportTables.MarkLabel(n.Mark))}</td></tr>");
        }
        return html.Append("</tbody></table></div>\n").ToString();
    }

    public static string BacklogTable(IReadOnlyList<BacklogItem> items, ICatalogue catalogue)
    {
        if (items.Count == 0) return "<p class=\"empty\">Chưa có thủ tục nào được hỏi mà chưa toàn trình.</p>\n";
        var html = new StringBuilder("<div class=\"scroll\"><table class=\"data backlog\"><thead><tr><th>Mã</th><th>Thủ tục</th><th>Cơ quan</th><th>Mức độ</th><th class=\"num\">Số hội thoại</th><th class=\"num\">Kỳ trước</th><th>Tỉnh/thành</th></tr></thead><tbody>");
        foreach (var i in items)
            html.Append($"<tr><td>{E(i.Code)}</td><td>{E(i.Name)}<div class=\"examples\">{E(i.Field)}</div></td><td>{E(i.Agency)}</td><td>{E(OnlineModeNames.VietnameseLabel(i.OnlineMode))}</td>" +
                        $"<td class=\"num\">{N(i.Count)}</td><td class=\"num\">{N(i.PreviousCount)}</td>" +
                        $"<td>{E(string.Join(", ", i.Provinces.OrderByDescending(p => p.Value).Take(3).Select(p => $"{ReportTables.ProvinceName(catalogue, p.Key)} ({p.Value})")))}</td></tr>");
        return html.Append("</tbody></table></div>\n").ToString();
    }

    /// <summary>The province comparison: one row per province.</summary>
    public static string ProvinceTable(IReadOnlyList<ProvinceFigures> provinces, ICatalogue catalogue)
    {
        var html = new StringBuilder("<div class=\"scroll\"><table class=\"data provinces\"><thead><tr><th>Tỉnh/thành</th><th class=\"num\">Câu hỏi</th><th class=\"num\">Được trả lời</th>" +
                                     "<th class=\"num\">Toàn trình trong câu trả lời</th><th class=\"num\">Bấm qua dịch vụ</th><th class=\"num\">Hài lòng</th></tr></thead><tbody>");
        foreach (var p in provinces)
            html.Append($"<tr><td>{E(ReportTables.ProvinceName(catalogue, p.ProvinceId))}</td><td class=\"num\">{N(p.Questions)}</td><td class=\"num\">{E(Percent(p.ShareAnswered))}</td>" +
                        $"<td class=\"num\">{E(Percent(p.ShareFullyOnline))}</td><td class=\"num\">{E(Percent(p.ClickThrough))} ({N(p.Clicks)})</td><td class=\"num\">{E(Percent(p.Satisfaction))}</td></tr>");
        html.Append($"<tr class=\"total\"><th>Tổng</th><th class=\"num\">{N(provinces.Sum(p => p.Questions))}</th><th colspan=\"4\"></th></tr>");
        return html.Append("</tbody></table></div>\n").ToString();
    }

    /// <summary>Weeks or months of the period.</summary>
    public static string TrendTable(IReadOnlyList<PeriodVolume> periods)
    {
        var html = new StringBuilder("<div class=\"scroll\"><table class=\"data trend\"><thead><tr><th>Kỳ</th><th class=\"num\">Câu hỏi</th><th class=\"num\">Được trả lời</th>" +
                                     "<th class=\"num\">Chưa trả lời được</th><th class=\"num\">Bấm qua dịch vụ</th><th class=\"num\">👍 / 👎</th></tr></thead><tbody>");
        foreach (var p in periods)
            html.Append($"<tr><td>{E(p.Label)}</td><td class=\"num\">{N(p.Questions)}</td><td class=\"num\">{N(p.Answered)}</td><td class=\"num\">{N(p.Unanswered)}</td>" +
                        $"<td class=\"num\">{N(p.Clicks)}</td><td class=\"num\">{N(p.ThumbsUp)} / {N(p.ThumbsDown)}</td></tr>");
        return html.Append("</tbody></table></div>\n").ToString();
    }

    /// <summary>The "thực chất" table: answered → clicked through → rated, per procedure and province.</summary>
    public static string UsageTable(IReadOnlyList<UsageFigures> usage, ICatalogue catalogue)
    {
        var html = new StringBuilder("<div class=\"scroll\"><table class=\"data usage\"><thead><tr><th>Thủ tục</th><th>Tỉnh/thành</th><th>Mức độ</th><th class=\"num\">Trả lời</th>" +
                                     "<th class=\"num\">Bấm qua</th><th class=\"num\">👍 / 👎</th></tr></thead><tbody>");
        foreach (var u in usage)
            html.Append($"<tr><td>{E(u.Code)} {E(u.Name)}</td><td>{E(ReportTables.ProvinceName(catalogue, u.ProvinceId))}</td><td>{E(OnlineModeNames.VietnameseLabel(u.OnlineMode))}</td>" +
                        $"<td class=\"num\">{N(u.Answered)}</td><td class=\"num\">{N(u.Clicks)} ({E(Percent(u.ClickThrough))})</td><td class=\"num\">{N(u.ThumbsUp)} / {N(u.ThumbsDown)}</td></tr>");
        return html.Append("</tbody></table></div>\n").ToString();
    }

    public const string Css = """
        :root { --ink:#1d2733; --muted:#5b6876; --line:#d9dee4; --brand:#b3261e; --bg:#f6f7f9; }
        * { box-sizing: border-box; }
        body { margin:0; font: 15px/1.45 system-ui, "Segoe UI", Roboto, Arial, sans-serif; color: var(--ink); background: var(--bg); }
        header.top { display:flex; flex-wrap:wrap; gap:1rem; align-items:center; padding:.6rem 1.2rem; background:#fff; border-bottom:3px solid var(--brand); }
        header .brand { font-weight:700; color:var(--brand); text-decoration:none; }
        header nav a { margin-right:.8rem; color:var(--ink); text-decoration:none; }
        header nav a.active { font-weight:700; border-bottom:2px solid var(--brand); }
        form.signout { margin-left:auto; display:flex; gap:.5rem; align-items:center; }
        .user { color: var(--muted); font-size:.9em; }
        main { padding: 1rem 1.2rem 3rem; max-width: 1200px; margin: 0 auto; }
        h1 { font-size:1.4rem; margin:.4rem 0 1rem; } h2 { font-size:1.1rem; margin:1.6rem 0 .6rem; }
        form.filters { display:flex; flex-wrap:wrap; gap:.6rem 1rem; align-items:flex-end; background:#fff; padding:.8rem; border:1px solid var(--line); border-radius:6px; }
        form.filters label { display:flex; flex-direction:column; font-size:.85em; color:var(--muted); }
        form.filters label.check { flex-direction:row; gap:.3rem; align-items:center; }
        input, select, button, textarea { font: inherit; padding:.3rem .5rem; }
        button { background: var(--brand); color:#fff; border:0; border-radius:4px; cursor:pointer; }
        .kpis { display:grid; grid-template-columns: repeat(auto-fit, minmax(170px, 1fr)); gap:.8rem; margin:1rem 0; }
        .kpi { background:#fff; border:1px solid var(--line); border-radius:6px; padding:.7rem; }
        .kpi .value { font-size:1.5rem; font-weight:700; } .kpi .label { color:var(--muted); font-size:.85em; }
        .note { background:#fff8e1; border:1px solid #f0d48a; padding:.5rem .8rem; border-radius:4px; }
        .error { background:#fdecea; border:1px solid #f5c2bd; padding:.5rem .8rem; border-radius:4px; }
        table.data { width:100%; border-collapse:collapse; background:#fff; border:1px solid var(--line); }
        table.data th, table.data td { text-align:left; padding:.4rem .5rem; border-bottom:1px solid var(--line); vertical-align:top; }
        table.data th { background:#eef1f4; font-size:.85em; } .num { text-align:right !important; white-space:nowrap; }
        .examples { color:var(--muted); font-size:.85em; }
        .exports a { margin-right:.6rem; }
        figure.chart { background:#fff; border:1px solid var(--line); border-radius:6px; margin:0; padding:.6rem; }
        figure.chart svg { width:100%; height:auto; display:block; }
        figcaption { color:var(--muted); font-size:.85em; }
        .legend span { display:inline-block; margin-right:1rem; } .legend i { display:inline-block; width:.8em; height:.8em; margin-right:.3em; }
        .legend .s0 { background:#2e7d32; } .legend .s1 { background:#ef8f00; } .legend .s2 { background:#6a1b9a; } .legend .s3 { background:#c62828; }
        .scroll { overflow-x:auto; max-width:100%; }
        select, input { max-width:100%; } form.filters label { max-width:100%; min-width:0; } form.filters select { width:16rem; max-width:100%; }
        @media (max-width: 600px) { main { padding:.6rem; } header.top { padding:.5rem .6rem; } form.signout { margin-left:0; } table.data { font-size:.85em; } }
        .login { max-width: 360px; margin: 3rem auto; background:#fff; border:1px solid var(--line); border-radius:6px; padding:1.2rem; }
        .login label { display:block; margin-bottom:.8rem; } .login input { width:100%; }
        form.mark { background:#fff; border:1px solid var(--line); border-radius:6px; padding:.8rem; display:flex; flex-wrap:wrap; gap:.8rem; align-items:flex-end; }
        """;
}
