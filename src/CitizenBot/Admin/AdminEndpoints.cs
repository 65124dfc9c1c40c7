using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using CitizenBot.Core.Catalogue;
using CitizenBot.Core.Demand;
using CitizenBot.Core.Demand.Export;
using CitizenBot.Hosting;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using static CitizenBot.Admin.AdminHtml;

namespace CitizenBot.Admin;

/// <summary>
/// The officials' dashboard under /admin: sign-in, overview with charts, unmet needs with drill-down and marks,
/// the upgrade backlog, CSV/XLSX export (audited) and a JSON API. Every page but sign-in needs the viewer policy;
/// marks and the audit log need an admin. Unauthenticated pages redirect to /admin/dang-nhap, the API answers 401.
/// </summary>
public static partial class AdminEndpoints
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static IEndpointRouteBuilder MapAdmin(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/admin/admin.css", Css);
        routes.MapGet("/admin/dang-nhap", LoginPage);
        routes.MapPost("/admin/dang-nhap", Login);
        routes.MapPost("/admin/dang-xuat", Logout).RequireAuthorization(AdminAuth.ViewerPolicy);
        routes.MapGet("/admin", Overview).RequireAuthorization(AdminAuth.ViewerPolicy);
        routes.MapGet("/admin/nhu-cau", Unmet).RequireAuthorization(AdminAuth.ViewerPolicy);
        routes.MapGet("/admin/nhu-cau/chi-tiet", Cluster).RequireAuthorization(AdminAuth.ViewerPolicy);
        routes.MapPost("/admin/nhu-cau/danh-dau", Mark).RequireAuthorization(AdminAuth.AdminPolicy);
        routes.MapGet("/admin/nang-cap", Backlog).RequireAuthorization(AdminAuth.ViewerPolicy);
        routes.MapGet("/admin/xuat", Export).RequireAuthorization(AdminAuth.ViewerPolicy);
        routes.MapGet("/admin/nhat-ky", Audit).RequireAuthorization(AdminAuth.AdminPolicy);
        MapProvinceLists(routes);

        var api = routes.MapGroup("/admin/api").RequireAuthorization(AdminAuth.ViewerPolicy);
        api.MapGet("/summary", ApiSummary);
        api.MapGet("/unmet", ApiUnmet);
        api.MapGet("/backlog", ApiBacklog);
        return routes;
    }

    static IResult Css(HttpContext http)
    {
        http.Response.Headers.CacheControl = "public, max-age=3600";
        return Results.Text(AdminHtml.Css, "text/css; charset=utf-8");
    }

    // ---- Sign-in ------------------------------------------------------------------------------------------------

    static async Task<IResult> LoginPage(HttpContext http, IAntiforgery antiforgery, string? returnUrl)
    {
        if ((await http.AuthenticateAsync(AdminAuth.Scheme)).Succeeded) return Results.Redirect(SafeReturn(returnUrl));
        return Html(http, LoginForm(antiforgery.GetAndStoreTokens(http).RequestToken!, returnUrl, null));
    }

    static async Task<IResult> Login(HttpContext http, IAntiforgery antiforgery, IDemandStore store, SignInThrottle throttle, TimeProvider time,
        ILoggerFactory loggers, CancellationToken ct)
    {
        var logger = loggers.CreateLogger("CitizenBot.Admin.SignIn");
        if (await AntiforgeryFailsAsync(http, antiforgery) is { } rejected) return rejected;
        var form = await http.Request.ReadFormAsync(ct);
        var name = form["name"].ToString().Trim().ToLowerInvariant();
        var password = form["password"].ToString();
        var returnUrl = form["returnUrl"].ToString();
        var address = ClientAddress.Of(http);
        if (throttle.Wait(name, address) is { } wait)
        {
            var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
            logger.LogWarning("Sign-in refused for {User}: too many failed attempts, {Seconds} s to wait", name, seconds);
            http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            return Html(http, LoginForm(antiforgery.GetAndStoreTokens(http).RequestToken!, returnUrl,
                $"Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau {Wait(seconds)}."), StatusCodes.Status429TooManyRequests);
        }
        var user = name.Length > 0 ? await store.FindUserAsync(name, ct) : null;
        // Verify against a decoy when the user does not exist, so timing does not reveal user names.
        var valid = PasswordHasher.Verify(password, user?.PasswordHash ?? PasswordHasher.Decoy) && user is not null;
        if (!valid)
        {
            throttle.Failed(name, address);
            logger.LogWarning("Failed sign-in to the dashboard for {User}", name);
            return Html(http, LoginForm(antiforgery.GetAndStoreTokens(http).RequestToken!, returnUrl, "Sai tên đăng nhập hoặc mật khẩu."));
        }
        throttle.Succeeded(name, address);
        await http.SignInAsync(AdminAuth.Scheme, AdminAuth.Principal(user!), new AuthenticationProperties { IsPersistent = false });
        await store.AppendAuditAsync(new AuditEntry(time.GetUtcNow(), user!.Name, "sign-in", ""), ct);
        return Results.Redirect(SafeReturn(returnUrl));
    }

    /// <summary>"45 giây", "3 phút".</summary>
    static string Wait(int seconds) => seconds < 60 ? $"{seconds} giây" : $"{(seconds + 59) / 60} phút";

    static async Task<IResult> Logout(HttpContext http, IAntiforgery antiforgery)
    {
        if (await AntiforgeryFailsAsync(http, antiforgery) is { } rejected) return rejected;
        await http.SignOutAsync(AdminAuth.Scheme);
        return Results.Redirect(AdminAuth.LoginPath);
    }

    static string LoginForm(string token, string? returnUrl, string? error) => Page("Đăng nhập", null, token, $"""
        <form class="login" method="post" action="/admin/dang-nhap">
        {(error is null ? "" : $"<p class=\"error\" role=\"alert\">{E(error)}</p>")}
        <input type="hidden" name="{AdminAuth.AntiforgeryField}" value="{E(token)}">
        <input type="hidden" name="returnUrl" value="{E(SafeReturn(returnUrl))}">
        <label>Tên đăng nhập <input name="name" autocomplete="username" required autofocus></label>
        <label>Mật khẩu <input name="password" type="password" autocomplete="current-password" required></label>
        <button type="submit">Đăng nhập</button>
        </form>
        """);

    /// <summary>Only a path inside the dashboard: never another host ("//evil", "/\evil") after sign-in.</summary>
    static string SafeReturn(string? returnUrl) =>
        returnUrl is { Length: > 0 } r && r.StartsWith("/admin", StringComparison.Ordinal) && !r.Contains("//", StringComparison.Ordinal)
            && !r.Contains('\\') && !r.Any(char.IsControl) ? r : "/admin";

    // ---- Pages --------------------------------------------------------------------------------------------------

    static async Task<IResult> Overview(HttpContext http, DemandReports reports, ICatalogue catalogue, IAntiforgery antiforgery, TimeProvider time, CancellationToken ct)
    {
        var scope = AdminScope.Of(http.User);
        var (filter, error) = AdminFilter.Parse(http.Request.Query, scope, catalogue, time);
        if (error is not null) return FilterProblem(error);
        var reportFilter = filter!.ToReportFilter(scope);
        var summary = await reports.SummaryAsync(reportFilter, ct);
        var unmet = await reports.UnmetAsync(reportFilter, 10, ct);
        var backlog = await reports.BacklogAsync(reportFilter, ct);

        var body = new StringBuilder(FilterForm("/admin", filter, scope, catalogue));
        body.Append("<section class=\"kpis\">");
        Kpi(body, "Câu hỏi", N(summary.Questions), $"kỳ trước {N(summary.PreviousQuestions)}");
        Kpi(body, "Tỉ lệ được trả lời", Percent(summary.ShareAnswered), $"{N(summary.Answered)} câu");
        Kpi(body, "Tỉ lệ chuyển đến dịch vụ trực tuyến", Percent(summary.ShareOnline), $"{N(summary.AnsweredOnline)} câu");
        Kpi(body, "Chưa đáp ứng", N(summary.Unmet), $"kỳ trước {N(summary.PreviousUnmet)}");
        Kpi(body, "Hỏi thủ tục chưa toàn trình", N(summary.NotFullyOnline), "");
        Kpi(body, "Phản hồi hài lòng / không hài lòng", $"{N(summary.ThumbsUp)} / {N(summary.ThumbsDown)}", "");
        body.Append("</section>\n");
        if (!summary.AnsweredCounted)
            body.Append("<p class=\"note\">Chưa có lượt \"đã trả lời\" nào được ghi nhận trong khoảng này, nên chưa tính được các tỉ lệ.</p>\n");
        body.Append("<h2>Số lượt theo ngày</h2>\n").Append(AdminCharts.Volume(summary.Days));
        body.Append("<h2>Nhu cầu chưa đáp ứng nhiều nhất</h2>\n").Append(UnmetTable(unmet, filter, catalogue));
        body.Append($"<p><a href=\"/admin/nhu-cau{E(filter.Query())}\">Xem tất cả</a></p>\n");
        body.Append("<h2>Thủ tục được hỏi nhưng chưa toàn trình</h2>\n").Append(BacklogTable(backlog.Items.Take(10).ToList(), catalogue));
        body.Append($"<p><a href=\"/admin/nang-cap{E(filter.Query())}\">Xem danh sách cần nâng cấp</a></p>\n");
        if (summary.Provinces.Count > 1)
            body.Append("<h2>Theo tỉnh/thành</h2>\n").Append(AdminCharts.Bars("Số lượt theo tỉnh/thành",
                summary.Provinces.Take(15).Select(p => (ReportTables.ProvinceName(catalogue, p.Name), p.Count)).ToList()));
        body.Append(ExportLinks(filter, "summary", "unmet", "backlog", "entries"));
        return Html(http, Page("Tổng quan", scope, antiforgery.GetAndStoreTokens(http).RequestToken!, body.ToString(), "overview"));
    }

    static async Task<IResult> Unmet(HttpContext http, DemandReports reports, ICatalogue catalogue, IAntiforgery antiforgery, TimeProvider time, CancellationToken ct)
    {
        var scope = AdminScope.Of(http.User);
        var (filter, error) = AdminFilter.Parse(http.Request.Query, scope, catalogue, time);
        if (error is not null) return FilterProblem(error);
        var needs = await reports.UnmetAsync(filter!.ToReportFilter(scope), 200, ct);
        var body = new StringBuilder(FilterForm("/admin/nhu-cau", filter, scope, catalogue, showHandled: true));
        body.Append("<p>Các câu hỏi giống nhau (kể cả viết sai chính tả, không dấu) được gộp thành một nhóm. Thông tin cá nhân đã được ẩn.</p>\n");
        body.Append(UnmetTable(needs, filter, catalogue));
        body.Append(ExportLinks(filter, "unmet"));
        return Html(http, Page("Nhu cầu chưa đáp ứng", scope, antiforgery.GetAndStoreTokens(http).RequestToken!, body.ToString(), "unmet"));
    }

    static async Task<IResult> Cluster(HttpContext http, DemandReports reports, ICatalogue catalogue, IAntiforgery antiforgery, TimeProvider time, string? key, CancellationToken ct)
    {
        var scope = AdminScope.Of(http.User);
        var (filter, error) = AdminFilter.Parse(http.Request.Query, scope, catalogue, time);
        if (error is not null) return FilterProblem(error);
        if (key is null) return Problem(StatusCodes.Status400BadRequest, "Thiếu tham số key.", "key");
        var found = await reports.ClusterAsync(filter!.ToReportFilter(scope) with { IncludeHandled = true }, key, ct);
        if (found is not { } cluster) return Problem(StatusCodes.Status404NotFound, "Không có nhóm câu hỏi này trong khoảng thời gian và phạm vi đã chọn.", "key");
        var (need, entries) = cluster;
        var token = antiforgery.GetAndStoreTokens(http).RequestToken!;
        var body = new StringBuilder($"<p><a href=\"/admin/nhu-cau{E(filter.Query())}\">← Danh sách</a></p>\n");
        body.Append("<section class=\"kpis\">");
        Kpi(body, "Số lượt", N(need.Count), $"kỳ trước {N(need.PreviousCount)}");
        Kpi(body, "Số hội thoại", N(need.Conversations), "");
        Kpi(body, "Lần đầu", Time(need.FirstSeen), "");
        Kpi(body, "Lần cuối", Time(need.LastSeen), "");
        body.Append("</section>\n");
        if (need.Candidates.Count > 0)
            body.Append("<p>Thủ tục gần nhất mà tìm kiếm đưa ra: ")
                .Append(string.Join(", ", need.Candidates.Select(c => $"{E(c.Code)} {E(catalogue.FindByCode(c.Code)?.Name)} ({c.Score.ToString("0.00", CultureInfo.InvariantCulture)})")))
                .Append("</p>\n");
        body.Append($"<p>Trạng thái: <strong>{E(need.Mark is { Handled: true } ? "Đã xử lý" : "Chưa xử lý")}</strong>");
        if (need.Mark is { } mark)
            body.Append($"{(mark.LinkedCode is { } code ? $" · liên kết thủ tục {E(code)} {E(catalogue.FindByCode(code)?.Name)}" : "")}{(mark.Note is { Length: > 0 } note ? $" · ghi chú: {E(note)}" : "")} · cập nhật bởi {E(mark.UpdatedBy)}, {E(Time(mark.UpdatedAt))}");
        body.Append("</p>\n");
        if (scope.IsAdmin)
            body.Append($"""
                <form class="mark" method="post" action="/admin/nhu-cau/danh-dau{E(filter.Query())}">
                <input type="hidden" name="{AdminAuth.AntiforgeryField}" value="{E(token)}">
                <input type="hidden" name="key" value="{E(need.Key)}">
                <label>Liên kết mã thủ tục <input name="code" value="{E(need.Mark?.LinkedCode)}" placeholder="vd. 1.001193"></label>
                <label>Ghi chú <input name="note" value="{E(need.Mark?.Note)}" maxlength="500"></label>
                <label class="check"><input type="checkbox" name="handled" value="1"{(need.Mark is { Handled: true } ? " checked" : "")}> Đã xử lý</label>
                <button type="submit">Lưu</button>
                </form>
                """);
        body.Append("<h2>Câu hỏi (đã ẩn thông tin cá nhân)</h2>\n<table class=\"data entries\"><thead><tr><th>Thời điểm</th><th>Tỉnh/thành</th><th>Kết quả</th><th>Câu hỏi</th></tr></thead><tbody>");
        foreach (var e in entries.Take(500))
            body.Append($"<tr><td>{E(Time(e.At))}</td><td>{E(ReportTables.ProvinceName(catalogue, e.ProvinceId ?? ""))}</td><td>{E(ReportTables.OutcomeLabel(e.Outcome))}</td><td class=\"question\">{E(e.Question)}</td></tr>");
        body.Append("</tbody></table>\n");
        return Html(http, Page(need.Label, scope, token, body.ToString(), "unmet"));
    }

    static async Task<IResult> Mark(HttpContext http, IAntiforgery antiforgery, IDemandStore store, ICatalogue catalogue, TimeProvider time, CancellationToken ct)
    {
        if (await AntiforgeryFailsAsync(http, antiforgery) is { } rejected) return rejected;
        var form = await http.Request.ReadFormAsync(ct);
        var key = form["key"].ToString();
        if (key.Length is 0 or > 2000) return Problem(StatusCodes.Status400BadRequest, "Thiếu nhóm câu hỏi (key).", "key");
        var code = form["code"].ToString().Trim();
        if (code.Length > 0 && catalogue.FindByCode(code) is null) return Problem(StatusCodes.Status400BadRequest, $"Không có thủ tục mã '{code}'.", "code");
        var note = form["note"].ToString().Trim();
        var scope = AdminScope.Of(http.User);
        var mark = new ClusterMark(key, form["handled"] == "1", code.Length > 0 ? code : null, note.Length > 0 ? note[..Math.Min(note.Length, 500)] : null, scope.Name, time.GetUtcNow());
        await store.SetClusterMarkAsync(mark, ct);
        await store.AppendAuditAsync(new AuditEntry(time.GetUtcNow(), scope.Name, "mark",
            $"key={key} handled={mark.Handled} code={mark.LinkedCode ?? "-"}"), ct);
        var query = QueryString.Create(http.Request.Query.Where(q => q.Key != "key").Append(new("key", key)));
        return Results.Redirect("/admin/nhu-cau/chi-tiet" + query.Value);
    }

    static async Task<IResult> Backlog(HttpContext http, DemandReports reports, ICatalogue catalogue, IAntiforgery antiforgery, TimeProvider time, CancellationToken ct)
    {
        var scope = AdminScope.Of(http.User);
        var (filter, error) = AdminFilter.Parse(http.Request.Query, scope, catalogue, time);
        if (error is not null) return FilterProblem(error);
        var backlog = await reports.BacklogAsync(filter!.ToReportFilter(scope), ct);
        var body = new StringBuilder(FilterForm("/admin/nang-cap", filter, scope, catalogue));
        body.Append("<p>Thủ tục người dân đã hỏi nhưng chưa làm được trực tuyến toàn trình, xếp theo số lượt hỏi (gồm cả nhóm câu hỏi được liên kết với thủ tục).</p>\n");
        body.Append(BacklogTable(backlog.Items, catalogue));
        if (backlog.ByAgency.Count > 0)
            body.Append("<h2>Theo cơ quan thực hiện</h2>\n").Append(AdminCharts.Bars("Số lượt theo cơ quan",
                backlog.ByAgency.Take(15).Select(a => (a.Name.Length > 0 ? a.Name : "Không rõ", a.Count)).ToList()));
        if (backlog.ByProvince.Count > 0)
            body.Append("<h2>Theo tỉnh/thành</h2>\n").Append(AdminCharts.Bars("Số lượt theo tỉnh/thành",
                backlog.ByProvince.Take(15).Select(p => (ReportTables.ProvinceName(catalogue, p.Name), p.Count)).ToList()));
        if (backlog.NowFullyOnline.Count > 0)
        {
            body.Append("<h2>Đã nâng cấp lên toàn trình</h2>\n<ul>");
            foreach (var i in backlog.NowFullyOnline) body.Append($"<li>{E(i.Code)} {E(i.Name)} — {N(i.Count)} lượt hỏi</li>");
            body.Append("</ul>\n");
        }
        body.Append(ExportLinks(filter, "backlog"));
        return Html(http, Page("Cần nâng cấp lên toàn trình", scope, antiforgery.GetAndStoreTokens(http).RequestToken!, body.ToString(), "backlog"));
    }

    static async Task<IResult> Audit(HttpContext http, IDemandStore store, IAntiforgery antiforgery, CancellationToken ct)
    {
        var scope = AdminScope.Of(http.User);
        var audit = await store.ListAuditAsync(500, ct);
        var body = new StringBuilder("<table class=\"data audit\"><thead><tr><th>Thời điểm</th><th>Người dùng</th><th>Thao tác</th><th>Chi tiết</th></tr></thead><tbody>");
        foreach (var a in audit)
            body.Append($"<tr><td>{E(Time(a.At))}</td><td>{E(a.UserName)}</td><td>{E(a.Action)}</td><td>{E(a.Detail)}</td></tr>");
        body.Append("</tbody></table>\n");
        return Html(http, Page("Nhật ký truy cập và xuất dữ liệu", scope, antiforgery.GetAndStoreTokens(http).RequestToken!, body.ToString(), "audit"));
    }

    // ---- Export and API -----------------------------------------------------------------------------------------

    static async Task<IResult> Export(HttpContext http, DemandReports reports, ICatalogue catalogue, IDemandStore store, TimeProvider time,
        string? report, string? format, CancellationToken ct)
    {
        var scope = AdminScope.Of(http.User);
        var (filter, error) = AdminFilter.Parse(http.Request.Query, scope, catalogue, time);
        if (error is not null) return FilterProblem(error);
        if (format is not ("csv" or "xlsx")) return Problem(StatusCodes.Status400BadRequest, "format phải là csv hoặc xlsx.", "format");
        var reportFilter = filter!.ToReportFilter(scope);
        ReportTable? table = report switch
        {
            "unmet" => ReportTables.Unmet(await reports.UnmetAsync(reportFilter, 1000, ct), catalogue),
            "backlog" => ReportTables.Backlog(await reports.BacklogAsync(reportFilter, ct), catalogue),
            "summary" => ReportTables.Summary(await reports.SummaryAsync(reportFilter, ct)),
            "entries" => ReportTables.Entries(await reports.EntriesAsync(reportFilter, 50_000, ct), catalogue),
            _ => null,
        };
        if (table is null) return Problem(StatusCodes.Status400BadRequest, "report phải là unmet, backlog, summary hoặc entries.", "report");
        // Audited before the file leaves: who, when, which report, which filter, how many rows.
        await store.AppendAuditAsync(new AuditEntry(time.GetUtcNow(), scope.Name, "export",
            $"report={report} format={format} rows={table.Rows.Count} {reportFilter.Describe()}"), ct);
        var name = $"citizenbot-{report}-{filter.From:yyyyMMdd}-{filter.To:yyyyMMdd}.{format}";
        http.Response.Headers.CacheControl = "no-store";
        return Results.Stream(async stream =>
        {
            if (format == "csv") await CsvExport.WriteAsync(table, stream, ct);
            else await XlsxExport.WriteAsync(table, stream, ct);
        }, format == "csv" ? "text/csv; charset=utf-8" : XlsxExport.ContentType, name);
    }

    static async Task<IResult> ApiSummary(HttpContext http, DemandReports reports, ICatalogue catalogue, TimeProvider time, CancellationToken ct)
    {
        var scope = AdminScope.Of(http.User);
        var (filter, error) = AdminFilter.Parse(http.Request.Query, scope, catalogue, time);
        if (error is not null) return FilterProblem(error);
        var summary = await reports.SummaryAsync(filter!.ToReportFilter(scope), ct);
        return Results.Json(new { summary, summary.ShareAnswered, summary.ShareOnline, summary.Unmet }, Json);
    }

    static async Task<IResult> ApiUnmet(HttpContext http, DemandReports reports, ICatalogue catalogue, TimeProvider time, int? top, CancellationToken ct)
    {
        var scope = AdminScope.Of(http.User);
        var (filter, error) = AdminFilter.Parse(http.Request.Query, scope, catalogue, time);
        if (error is not null) return FilterProblem(error);
        return Results.Json(await reports.UnmetAsync(filter!.ToReportFilter(scope), Math.Clamp(top ?? 50, 1, 1000), ct), Json);
    }

    static async Task<IResult> ApiBacklog(HttpContext http, DemandReports reports, ICatalogue catalogue, TimeProvider time, CancellationToken ct)
    {
        var scope = AdminScope.Of(http.User);
        var (filter, error) = AdminFilter.Parse(http.Request.Query, scope, catalogue, time);
        if (error is not null) return FilterProblem(error);
        return Results.Json(await reports.BacklogAsync(filter!.ToReportFilter(scope), ct), Json);
    }

    // ---- Helpers ------------------------------------------------------------------------------------------------

    static void Kpi(StringBuilder body, string label, string value, string detail) =>
        body.Append($"<div class=\"kpi\"><div class=\"label\">{E(label)}</div><div class=\"value\">{E(value)}</div><div class=\"label\">{E(detail)}</div></div>");

    static IResult Html(HttpContext http, string html, int status = StatusCodes.Status200OK)
    {
        var headers = http.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = "no-store";
        return Results.Content(html, "text/html; charset=utf-8", Encoding.UTF8, status);
    }

    /// <summary>A missing or wrong anti-forgery token: 400 problem details, nothing done.</summary>
    static async Task<IResult?> AntiforgeryFailsAsync(HttpContext http, IAntiforgery antiforgery)
    {
        try
        {
            await antiforgery.ValidateRequestAsync(http);
            return null;
        }
        catch (AntiforgeryValidationException)
        {
            return Problem(StatusCodes.Status400BadRequest, "Biểu mẫu đã hết hạn hoặc không hợp lệ; tải lại trang rồi thử lại. / Invalid or missing anti-forgery token.", AdminAuth.AntiforgeryField);
        }
    }

    static IResult FilterProblem(AdminFilterError error) => Problem(error.Status, error.Message, error.Parameter);

    static IResult Problem(int status, string detail, string parameter) =>
        TypedResults.Problem(detail, statusCode: status, title: status switch
        {
            StatusCodes.Status403Forbidden => "Không có quyền / Forbidden",
            StatusCodes.Status404NotFound => "Không tìm thấy / Not found",
            _ => "Yêu cầu không hợp lệ / Invalid request",
        }, extensions: new Dictionary<string, object?> { ["parameter"] = parameter });
}
