using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using CitizenBot.Core.Catalogue;
using CitizenBot.Core.Demand;
using CitizenBot.Core.Demand.Export;
using CitizenBot.Core.Dialogs;
using CitizenBot.Core.Provinces;
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
        // Viewers mark their own province's clusters; the handler confines each mark to a province the user may see.
        routes.MapPost("/admin/nhu-cau/danh-dau", Mark).RequireAuthorization(AdminAuth.ViewerPolicy);
        routes.MapGet("/admin/nang-cap", Backlog).RequireAuthorization(AdminAuth.ViewerPolicy);
        routes.MapPost("/admin/nang-cap/toan-trinh", MarkFullyOnline).RequireAuthorization(AdminAuth.ViewerPolicy);
        routes.MapGet("/admin/xuat", Export).RequireAuthorization(AdminAuth.ViewerPolicy);
        routes.MapGet("/admin/nhat-ky", Audit).RequireAuthorization(AdminAuth.AdminPolicy);
        MapProvinceLists(routes);

        var api = routes.MapGroup("/admin/api").RequireAuthorization(AdminAuth.ViewerPolicy);
        api.MapGet("/summary", ApiSummary);
        api.MapGet("/unmet", ApiUnmet);
        api.MapGet("/backlog", ApiBacklog);
        api.MapGet("/provinces", ApiProvinces);
        api.MapGet("/usage", ApiUsage);
        api.MapGet("/trend", ApiTrend);
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
        if (await throttle.WaitAsync(name, address, ct) is { } wait)
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
            await throttle.FailedAsync(name, address, CancellationToken.None); // counted even if the caller hangs up
            logger.LogWarning("Failed sign-in to the dashboard for {User}", name);
            return Html(http, LoginForm(antiforgery.GetAndStoreTokens(http).RequestToken!, returnUrl, "Sai tên đăng nhập hoặc mật khẩu."));
        }
        await throttle.SucceededAsync(name, address, ct);
        await http.SignInAsync(AdminAuth.Scheme, AdminAuth.Principal(user!), new AuthenticationProperties { IsPersistent = false });
        await store.AppendAuditAsync(new AuditEntry(time.GetUtcNow(), user!.Name, "đăng nhập", ""), ct);
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

        var provinces = await reports.ProvincesAsync(reportFilter, ct);
        var weeks = await reports.TrendAsync(reportFilter, monthly: false, ct);

        var body = new StringBuilder(FilterForm("/admin", filter, scope, catalogue));
        body.Append("<section class=\"kpis\">");
        Kpi(body, "Câu hỏi về dịch vụ công", N(summary.Questions), $"kỳ trước {N(summary.PreviousQuestions)}");
        Kpi(body, "Tỉ lệ được trả lời", Percent(summary.ShareAnswered), $"{N(summary.Answered)} câu");
        Kpi(body, "Trả lời bằng dịch vụ toàn trình", Percent(summary.ShareOnline), $"{N(summary.AnsweredOnline)} câu");
        Kpi(body, "Chưa đáp ứng", N(summary.Unmet), $"kỳ trước {N(summary.PreviousUnmet)}");
        Kpi(body, "Hỏi tiếp chưa trả lời được", N(summary.FollowUps), "gắn với thủ tục đang hỏi");
        Kpi(body, "Ngoài phạm vi", N(summary.OutOfScope), "giá cả, thời tiết… không tính là nhu cầu");
        Kpi(body, "Bấm vào dịch vụ trực tuyến", N(summary.Clicks), "");
        Kpi(body, "Hài lòng / không hài lòng", $"{N(summary.ThumbsUp)} / {N(summary.ThumbsDown)}", "");
        body.Append("</section>\n");
        if (!summary.AnsweredCounted)
            body.Append("<p class=\"note\">Chưa có lượt \"đã trả lời\" nào được ghi nhận trong khoảng này, nên chưa tính được các tỉ lệ.</p>\n");
        body.Append("<h2>Câu hỏi theo ngày (giờ Việt Nam)</h2>\n").Append(AdminCharts.Volume(summary.Days));
        body.Append($"<p class=\"examples\">Các phần của cột không chồng lên nhau và cộng lại đúng bằng số câu hỏi ({N(summary.Questions)}). Ngoài phạm vi ({N(summary.OutOfScope)}) và phản hồi 👍/👎 không nằm trong cột.</p>\n");
        if (provinces.Count > 0)
            body.Append("<h2>So sánh các tỉnh/thành</h2>\n").Append(ProvinceTable(provinces, catalogue));
        if (weeks.Count > 1)
            body.Append("<h2>Xu hướng theo tuần</h2>\n").Append(TrendTable(weeks));
        body.Append("<h2>Nhu cầu chưa đáp ứng nhiều nhất</h2>\n").Append(UnmetTable(unmet, filter, catalogue));
        body.Append($"<p><a href=\"/admin/nhu-cau{E(filter.Query())}\">Xem tất cả ({N(summary.Unmet)} câu hỏi)</a></p>\n");
        body.Append("<h2>Thủ tục được hỏi nhưng chưa toàn trình</h2>\n").Append(BacklogTable(backlog.Items.Take(10).ToList(), catalogue));
        body.Append($"<p><a href=\"/admin/nang-cap{E(filter.Query())}\">Xem danh sách cần nâng cấp ({N(backlog.Items.Count)} thủ tục, {N(backlog.Total)} hội thoại)</a></p>\n");
        body.Append(ExportLinks(filter, "summary", "provinces", "usage", "unmet", "backlog", "entries"));
        return Html(http, Page("Tổng quan", scope, antiforgery.GetAndStoreTokens(http).RequestToken!, body.ToString(), "overview", catalogue));
    }

    static async Task<IResult> Unmet(HttpContext http, DemandReports reports, ICatalogue catalogue, IAntiforgery antiforgery, TimeProvider time, CancellationToken ct)
    {
        var scope = AdminScope.Of(http.User);
        var (filter, error) = AdminFilter.Parse(http.Request.Query, scope, catalogue, time);
        if (error is not null) return FilterProblem(error);
        var needs = await reports.UnmetAsync(filter!.ToReportFilter(scope), int.MaxValue, ct);
        var body = new StringBuilder(FilterForm("/admin/nhu-cau", filter, scope, catalogue, showHandled: true));
        body.Append("<p>Các câu hỏi giống nhau (kể cả viết sai chính tả, không dấu) được gộp thành một nhóm. Thông tin cá nhân đã được ẩn. " +
                    "Câu hỏi tiếp về thủ tục vừa trả lời và câu hỏi ngoài phạm vi không nằm ở đây. Lĩnh vực của một nhóm là lĩnh vực của thủ tục được liên kết, nếu chưa liên kết thì \"Chưa phân loại\".</p>\n");
        body.Append($"<p><strong>{N(needs.Count)} nhóm, {N(needs.Sum(n => n.Count))} câu hỏi.</strong></p>\n");
        body.Append(UnmetTable(needs, filter, catalogue));
        body.Append(ExportLinks(filter, "unmet"));
        return Html(http, Page("Nhu cầu chưa đáp ứng", scope, antiforgery.GetAndStoreTokens(http).RequestToken!, body.ToString(), "unmet", catalogue));
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
        body.Append($"<p>Lĩnh vực: <strong>{E(need.Field)}</strong> · Trạng thái: <strong>{E(ReportTables.MarkLabel(need.Mark))}</strong>");
        if (need.Mark is { } mark)
            body.Append($"{(mark.ProvinceId.Length > 0 ? $" (riêng {E(ReportTables.ProvinceName(catalogue, mark.ProvinceId))})" : " (mọi tỉnh)")}" +
                        $"{(mark.LinkedCode is { } code ? $" · liên kết thủ tục {E(code)} {E(catalogue.FindByCode(code)?.Name)}" : "")}" +
                        $"{(mark.Agency is { Length: > 0 } agency ? $" · giao {E(agency)}" : "")}" +
                        $"{(mark.Note is { Length: > 0 } note ? $" · ghi chú: {E(note)}" : "")} · cập nhật bởi {E(mark.UpdatedBy)}, {E(Time(mark.UpdatedAt))}");
        body.Append("</p>\n");
        var markProvinces = scope.IsAdmin ? [("", "Mọi tỉnh/thành")] : new List<(string Id, string Name)>();
        markProvinces.AddRange(catalogue.Provinces.Where(p => scope.Provinces.Contains(p.Id) || scope.IsAdmin && p.Id == filter.Province).Select(p => (p.Id, p.Name)));
        if (markProvinces.Count > 0)
        {
            body.Append($"""
                <form class="mark" method="post" action="/admin/nhu-cau/danh-dau{E(filter.Query())}">
                <input type="hidden" name="{AdminAuth.AntiforgeryField}" value="{E(token)}">
                <input type="hidden" name="key" value="{E(need.Key)}">
                <label>Áp dụng cho <select name="mark_province">
                """);
            foreach (var (id, name) in markProvinces)
                body.Append($"<option value=\"{E(id)}\"{(id == (need.Mark?.ProvinceId ?? filter.Province ?? "") ? " selected" : "")}>{E(name)}</option>");
            body.Append($"""
                </select></label>
                <label>Liên kết mã thủ tục <input name="code" value="{E(need.Mark?.LinkedCode)}" placeholder="vd. 1.001193"></label>
                <label>Giao cơ quan <input name="agency" value="{E(need.Mark?.Agency)}" maxlength="200"></label>
                <label>Ghi chú <input name="note" value="{E(need.Mark?.Note)}" maxlength="500"></label>
                <label class="check"><input type="checkbox" name="handled" value="1"{(need.Mark is { Handled: true } ? " checked" : "")}> Đã xử lý</label>
                <label class="check"><input type="checkbox" name="out_of_scope" value="1"{(need.Mark is { OutOfScope: true } ? " checked" : "")}> Ngoài phạm vi</label>
                <button type="submit">Lưu</button>
                </form>
                """);
        }
        body.Append("<h2>Câu hỏi (đã ẩn thông tin cá nhân)</h2>\n<table class=\"data entries\"><thead><tr><th>Thời điểm</th><th>Tỉnh/thành</th><th>Kết quả</th><th>Câu hỏi</th></tr></thead><tbody>");
        foreach (var e in entries.Take(500))
            body.Append($"<tr><td>{E(Time(e.At))}</td><td>{E(ReportTables.ProvinceName(catalogue, e.ProvinceId ?? ""))}</td><td>{E(ReportTables.OutcomeLabel(e.Outcome))}</td><td class=\"question\">{E(e.Question)}</td></tr>");
        body.Append("</tbody></table>\n");
        return Html(http, Page(need.Label, scope, token, body.ToString(), "unmet", catalogue));
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
        var agency = form["agency"].ToString().Trim();
        var scope = AdminScope.Of(http.User);
        if (scope.MarkProvince(form["mark_province"].ToString()) is not { } province)
            return Problem(StatusCodes.Status403Forbidden, "Bạn chỉ được đánh dấu nhóm câu hỏi của tỉnh/thành mình phụ trách.", "mark_province");
        var mark = new ClusterMark(key, form["handled"] == "1", code.Length > 0 ? code : null, note.Length > 0 ? note[..Math.Min(note.Length, 500)] : null,
            scope.Name, time.GetUtcNow(), province, form["out_of_scope"] == "1", agency.Length > 0 ? AgencyNames.Normalize(agency[..Math.Min(agency.Length, 200)]) : null);
        await store.SetClusterMarkAsync(mark, ct);
        await store.AppendAuditAsync(new AuditEntry(time.GetUtcNow(), scope.Name, "đánh dấu nhóm câu hỏi",
            $"key={key} tỉnh={(province.Length > 0 ? province : "mọi tỉnh")} đã xử lý={(mark.Handled ? "có" : "không")} ngoài phạm vi={(mark.OutOfScope ? "có" : "không")} thủ tục={mark.LinkedCode ?? "-"} cơ quan={mark.Agency ?? "-"}"), ct);
        var query = QueryString.Create(http.Request.Query.Where(q => q.Key != "key").Append(new("key", key)));
        return Results.Redirect("/admin/nhu-cau/chi-tiet" + query.Value);
    }

    /// <summary>
    /// "Tỉnh đã cung cấp toàn trình": an official of the province says a backlog procedure is now fully online there.
    /// It becomes a new version of the province's list (so answers say toàn trình from now on, and the previous list
    /// can be restored), the backlog moves it to "đã toàn trình", and the audit log says who did it.
    /// </summary>
    static async Task<IResult> MarkFullyOnline(HttpContext http, IAntiforgery antiforgery, ICatalogue catalogue, ProvinceListService lists, IDemandStore store,
        TimeProvider time, CancellationToken ct)
    {
        if (await AntiforgeryFailsAsync(http, antiforgery) is { } rejected) return rejected;
        var form = await http.Request.ReadFormAsync(ct);
        var code = form["code"].ToString().Trim();
        if (catalogue.FindByCode(code) is null) return Problem(StatusCodes.Status400BadRequest, $"Không có thủ tục mã '{code}'.", "code");
        var scope = AdminScope.Of(http.User);
        var provinceId = form["mark_province"].ToString();
        if (catalogue.FindProvince(provinceId) is not { } province || province.Id != provinceId)
            return Problem(StatusCodes.Status400BadRequest, "Chọn tỉnh/thành đã cung cấp thủ tục toàn trình.", "mark_province");
        if (scope.MarkProvince(provinceId) != provinceId)
            return Problem(StatusCodes.Status403Forbidden, "Bạn chỉ được đánh dấu thủ tục của tỉnh/thành mình phụ trách.", "mark_province");
        var version = await lists.MarkFullyOnlineAsync(province, code, scope.Name, ct);
        await store.AppendAuditAsync(new AuditEntry(time.GetUtcNow(), scope.Name, "đánh dấu tỉnh đã cung cấp toàn trình",
            $"thủ tục={code} tỉnh={province.Id} danh mục phiên bản={version.Version}"), ct);
        var query = QueryString.Create(http.Request.Query);
        return Results.Redirect("/admin/nang-cap" + query.Value);
    }

    static async Task<IResult> Backlog(HttpContext http, DemandReports reports, ICatalogue catalogue, IAntiforgery antiforgery, TimeProvider time, CancellationToken ct)
    {
        var scope = AdminScope.Of(http.User);
        var (filter, error) = AdminFilter.Parse(http.Request.Query, scope, catalogue, time);
        if (error is not null) return FilterProblem(error);
        var backlog = await reports.BacklogAsync(filter!.ToReportFilter(scope), ct);
        var usage = await reports.UsageAsync(filter.ToReportFilter(scope), ct);
        var token = antiforgery.GetAndStoreTokens(http).RequestToken!;
        var body = new StringBuilder(FilterForm("/admin/nang-cap", filter, scope, catalogue));
        body.Append("<p>Thủ tục người dân đã hỏi nhưng chưa làm được trực tuyến toàn trình ở nơi họ hỏi, theo mức độ lúc trả lời. " +
                    "Mỗi hội thoại tính một lần cho một thủ tục; câu trả lời bị người dân sửa lại hoặc chấm 👎 không tính.</p>\n");
        body.Append($"<p><strong>{N(backlog.Items.Count)} thủ tục, {N(backlog.Total)} hội thoại.</strong></p>\n");
        // Charts first (short), then the list: on a phone the picture comes before a long table.
        if (backlog.ByAgency.Count > 0)
            body.Append("<h2>Theo cơ quan thực hiện</h2>\n").Append(AdminCharts.Bars("Số hội thoại theo cơ quan (cộng lại bằng tổng danh sách)",
                backlog.ByAgency.Select(a => (a.Name, a.Count)).ToList()));
        if (backlog.ByProvince.Count > 1)
            body.Append("<h2>Theo tỉnh/thành</h2>\n").Append(AdminCharts.Bars("Số hội thoại theo tỉnh/thành (cộng lại bằng tổng danh sách)",
                backlog.ByProvince.Select(p => (ReportTables.ProvinceName(catalogue, p.Name), p.Count)).ToList()));
        body.Append("<h2>Danh sách</h2>\n").Append(BacklogTable(backlog.Items, catalogue));
        var markable = catalogue.Provinces.Where(p => scope.MarkProvince(p.Id) == p.Id && (filter.Province is null || p.Id == filter.Province)
            && backlog.Items.Any(i => i.Provinces.ContainsKey(p.Id))).ToList();
        if (markable.Count > 0 && backlog.Items.Count > 0)
        {
            body.Append($"""
                <h2>Tỉnh đã cung cấp toàn trình</h2>
                <form class="mark" method="post" action="/admin/nang-cap/toan-trinh{E(filter.Query())}">
                <input type="hidden" name="{AdminAuth.AntiforgeryField}" value="{E(token)}">
                <label>Thủ tục <select name="code">
                """);
            foreach (var i in backlog.Items) body.Append($"<option value=\"{E(i.Code)}\">{E(i.Code)} {E(Wording.ShortName(i.Name, 60))}</option>");
            body.Append("</select></label><label>Tỉnh/thành <select name=\"mark_province\">");
            foreach (var p in markable) body.Append($"<option value=\"{E(p.Id)}\">{E(p.Name)}</option>");
            body.Append("</select></label><button type=\"submit\">Đánh dấu đã toàn trình</button></form>\n" +
                        "<p class=\"examples\">Ghi thành phiên bản mới của danh mục tỉnh (có thể khôi phục ở mục Danh mục tỉnh) và vào nhật ký.</p>\n");
        }
        if (backlog.NowFullyOnline.Count > 0)
        {
            body.Append("<h2>Đã toàn trình nơi người dân hỏi</h2>\n<ul>");
            foreach (var i in backlog.NowFullyOnline) body.Append($"<li>{E(i.Code)} {E(i.Name)} — {N(i.Count)} hội thoại</li>");
            body.Append("</ul>\n");
        }
        if (usage.Count > 0)
            body.Append("<h2>Thực chất: trả lời → bấm vào dịch vụ → đánh giá</h2>\n").Append(UsageTable(usage.Take(50).ToList(), catalogue));
        body.Append(ExportLinks(filter, "backlog", "usage"));
        return Html(http, Page("Cần nâng cấp lên toàn trình", scope, token, body.ToString(), "backlog", catalogue));
    }

    static async Task<IResult> Audit(HttpContext http, IDemandStore store, ICatalogue catalogue, IAntiforgery antiforgery, CancellationToken ct)
    {
        var scope = AdminScope.Of(http.User);
        var audit = await store.ListAuditAsync(500, ct);
        var body = new StringBuilder("<table class=\"data audit\"><thead><tr><th>Thời điểm</th><th>Người dùng</th><th>Thao tác</th><th>Chi tiết</th></tr></thead><tbody>");
        foreach (var a in audit)
            body.Append($"<tr><td>{E(Time(a.At))}</td><td>{E(a.UserName)}</td><td>{E(a.Action)}</td><td>{E(a.Detail)}</td></tr>");
        body.Append("</tbody></table>\n");
        return Html(http, Page("Nhật ký truy cập và xuất dữ liệu", scope, antiforgery.GetAndStoreTokens(http).RequestToken!, body.ToString(), "audit", catalogue));
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
            "provinces" => ReportTables.Provinces(await reports.ProvincesAsync(reportFilter, ct), catalogue),
            "usage" => ReportTables.Usage(await reports.UsageAsync(reportFilter, ct), catalogue),
            "entries" => ReportTables.Entries(await reports.EntriesAsync(reportFilter, 50_000, ct), catalogue),
            _ => null,
        };
        if (table is null) return Problem(StatusCodes.Status400BadRequest, "report phải là unmet, backlog, summary, provinces, usage hoặc entries.", "report");
        // Audited before the file leaves: who, when, which report, which filter, how many rows.
        await store.AppendAuditAsync(new AuditEntry(time.GetUtcNow(), scope.Name, "xuất dữ liệu",
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

    static async Task<IResult> ApiProvinces(HttpContext http, DemandReports reports, ICatalogue catalogue, TimeProvider time, CancellationToken ct)
    {
        var scope = AdminScope.Of(http.User);
        var (filter, error) = AdminFilter.Parse(http.Request.Query, scope, catalogue, time);
        if (error is not null) return FilterProblem(error);
        return Results.Json(await reports.ProvincesAsync(filter!.ToReportFilter(scope), ct), Json);
    }

    static async Task<IResult> ApiUsage(HttpContext http, DemandReports reports, ICatalogue catalogue, TimeProvider time, CancellationToken ct)
    {
        var scope = AdminScope.Of(http.User);
        var (filter, error) = AdminFilter.Parse(http.Request.Query, scope, catalogue, time);
        if (error is not null) return FilterProblem(error);
        return Results.Json(await reports.UsageAsync(filter!.ToReportFilter(scope), ct), Json);
    }

    /// <summary>Weekly figures, or monthly with <c>by=month</c>.</summary>
    static async Task<IResult> ApiTrend(HttpContext http, DemandReports reports, ICatalogue catalogue, TimeProvider time, string? by, CancellationToken ct)
    {
        var scope = AdminScope.Of(http.User);
        var (filter, error) = AdminFilter.Parse(http.Request.Query, scope, catalogue, time);
        if (error is not null) return FilterProblem(error);
        if (by is not (null or "week" or "month")) return Problem(StatusCodes.Status400BadRequest, "by phải là week hoặc month.", "by");
        return Results.Json(await reports.TrendAsync(filter!.ToReportFilter(scope), by == "month", ct), Json);
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
