using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using CitizenBot.Core.Catalogue;
using CitizenBot.Core.Demand;
using CitizenBot.Core.Demand.Export;
using CitizenBot.Core.Provinces;
using CitizenBot.Hosting;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using CitizenBot.Admin.Pages;
using CitizenBot.Web;

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
        routes.MapGet("/admin/dang-nhap", LoginPage);
        routes.MapPost("/admin/dang-nhap", Login);
        routes.MapPost("/admin/dang-xuat", Logout).RequireAuthorization(AdminAuth.ViewerPolicy);
        routes.MapGet("/admin", Overview).RequireAuthorization(AdminAuth.ViewerPolicy);
        routes.MapGet("/admin/nhu-cau", Unmet).RequireAuthorization(AdminAuth.ViewerPolicy);
        routes.MapGet("/admin/nhu-cau/chi-tiet", Cluster).RequireAuthorization(AdminAuth.ViewerPolicy);
        // Viewers mark their own province's clusters; the handler confines each mark to a province the user may see.
        routes.MapPost("/admin/nhu-cau/danh-dau", Mark).RequireAuthorization(AdminAuth.ViewerPolicy);
        routes.MapPost("/admin/nhu-cau/nhom", Regroup).RequireAuthorization(AdminAuth.ViewerPolicy);
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

    // ---- Sign-in ------------------------------------------------------------------------------------------------

    static async Task<IResult> LoginPage(HttpContext http, IAntiforgery antiforgery, string? returnUrl)
    {
        if ((await http.AuthenticateAsync(AdminAuth.Scheme)).Succeeded) return Results.Redirect(SafeReturn(returnUrl));
        return LoginForm(http, antiforgery, returnUrl, null);
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
            return LoginForm(http, antiforgery, returnUrl, $"Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau {Wait(seconds)}.", StatusCodes.Status429TooManyRequests);
        }
        var user = name.Length > 0 ? await store.FindUserAsync(name, ct) : null;
        // Verify against a decoy when the user does not exist, so timing does not reveal user names.
        var valid = PasswordHasher.Verify(password, user?.PasswordHash ?? PasswordHasher.Decoy) && user is not null;
        if (!valid)
        {
            await throttle.FailedAsync(name, address, CancellationToken.None); // counted even if the caller hangs up
            logger.LogWarning("Failed sign-in to the dashboard for {User}", name);
            return LoginForm(http, antiforgery, returnUrl, "Sai tên đăng nhập hoặc mật khẩu.");
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

    static RazorComponentResult<LoginPage> LoginForm(HttpContext http, IAntiforgery antiforgery, string? returnUrl, string? error, int status = StatusCodes.Status200OK) =>
        Page<LoginPage, LoginModel>(http, new LoginModel(new AdminFrame("Đăng nhập", null, antiforgery.GetAndStoreTokens(http).RequestToken!), SafeReturn(returnUrl), error), status);

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

        return Page<OverviewPage, OverviewModel>(http, new OverviewModel(Frame(http, antiforgery, "Tổng quan", scope, "overview", catalogue), filter, catalogue,
            summary, unmet, backlog, provinces, weeks));
    }

    static async Task<IResult> Unmet(HttpContext http, DemandReports reports, ICatalogue catalogue, IAntiforgery antiforgery, TimeProvider time, CancellationToken ct)
    {
        var scope = AdminScope.Of(http.User);
        var (filter, error) = AdminFilter.Parse(http.Request.Query, scope, catalogue, time);
        if (error is not null) return FilterProblem(error);
        var needs = await reports.UnmetAsync(filter!.ToReportFilter(scope), int.MaxValue, ct);
        return Page<UnmetPage, UnmetModel>(http, new UnmetModel(Frame(http, antiforgery, "Nhu cầu chưa đáp ứng", scope, "unmet", catalogue), filter, catalogue, needs));
    }

    static async Task<IResult> Cluster(HttpContext http, DemandReports reports, IDemandStore store, ICatalogue catalogue, IAntiforgery antiforgery, TimeProvider time,
        string? key, CancellationToken ct)
    {
        var scope = AdminScope.Of(http.User);
        var (filter, error) = AdminFilter.Parse(http.Request.Query, scope, catalogue, time);
        if (error is not null) return FilterProblem(error);
        if (key is null) return Problem(StatusCodes.Status400BadRequest, "Thiếu tham số key.", "key");
        var found = await reports.ClusterAsync(filter!.ToReportFilter(scope) with { IncludeHandled = true }, key, ct);
        if (found is not { } cluster) return Problem(StatusCodes.Status404NotFound, "Không có nhóm câu hỏi này trong khoảng thời gian và phạm vi đã chọn.", "key");
        var (need, entries) = cluster;
        var markProvinces = scope.IsAdmin ? [("", "Mọi tỉnh/thành")] : new List<(string Id, string Name)>();
        markProvinces.AddRange(catalogue.Provinces.Where(p => scope.Provinces.Contains(p.Id) || scope.IsAdmin && p.Id == filter.Province).Select(p => (p.Id, p.Name)));
        var others = markProvinces.Count == 0 ? []
            : (await reports.UnmetAsync(filter.ToReportFilter(scope) with { IncludeHandled = true }, MergeChoices + 1, ct)).Where(n => n.Key != need.Key).Take(MergeChoices).ToList();
        var wordings = entries.GroupBy(DemandReports.SignatureOf, StringComparer.Ordinal)
            .Select(g => new Wording(g.Key, g.First().Question, g.Count()))
            .OrderByDescending(w => w.Count).ThenBy(w => w.Signature, StringComparer.Ordinal).ToList();
        var signatures = wordings.Select(w => w.Signature).Append(need.Key).ToHashSet(StringComparer.Ordinal);
        var regroups = (await store.GetRegroupsAsync(ct))
            .Where(r => (r.ProvinceId.Length == 0 || scope.MaySee(r.ProvinceId)) && (signatures.Contains(r.Key) || r.IntoKey == need.Key))
            .Select(r => (r, scope.MarkProvince(r.ProvinceId) == r.ProvinceId)).ToList();
        return Page<ClusterPage, ClusterModel>(http, new ClusterModel(Frame(http, antiforgery, need.Label, scope, "unmet", catalogue), filter, catalogue, need, entries,
            markProvinces, others, wordings, regroups));
    }

    /// <summary>How many other needs the merge list offers.</summary>
    const int MergeChoices = 50;

    /// <summary>
    /// An official regroups unmet questions for a province they may mark ('' = every province, admins only): merges
    /// this cluster into another (<c>action=gop</c>, <c>into</c>), takes one way of asking out of it (<c>action=tach</c>,
    /// <c>question</c>: its signature), or undoes a regrouping (<c>action=huy</c>, <c>regroup_key</c>). Audited.
    /// </summary>
    static async Task<IResult> Regroup(HttpContext http, IAntiforgery antiforgery, IDemandStore store, TimeProvider time, CancellationToken ct)
    {
        if (await AntiforgeryFailsAsync(http, antiforgery) is { } rejected) return rejected;
        var form = await http.Request.ReadFormAsync(ct);
        var key = form["key"].ToString();
        if (key.Length is 0 or > 2000) return Problem(StatusCodes.Status400BadRequest, "Thiếu nhóm câu hỏi (key).", "key");
        var scope = AdminScope.Of(http.User);
        if (scope.MarkProvince(form["mark_province"].ToString()) is not { } province)
            return Problem(StatusCodes.Status403Forbidden, "Bạn chỉ được gộp, tách nhóm câu hỏi của tỉnh/thành mình phụ trách.", "mark_province");
        var where = province.Length > 0 ? province : "mọi tỉnh";
        var now = time.GetUtcNow();
        var action = form["action"].ToString();
        var merge = action == "gop";
        string show;
        switch (action)
        {
            case "gop" or "tach":
                // Merge: this cluster into another (into). Take out: one way of asking (question, a signature) from this cluster.
                var other = form[merge ? "into" : "question"].ToString();
                if (other.Length is 0 or > 2000 || merge && other == key)
                    return merge ? Problem(StatusCodes.Status400BadRequest, "Chọn một nhóm khác để gộp vào.", "into")
                        : Problem(StatusCodes.Status400BadRequest, "Chọn cách hỏi cần tách ra.", "question");
                await store.SetRegroupAsync(merge ? new ClusterRegroup(key, province, other, scope.Name, now) : new ClusterRegroup(other, province, null, scope.Name, now), ct);
                await store.AppendAuditAsync(merge ? new AuditEntry(now, scope.Name, "gộp nhóm câu hỏi", $"key={key} vào={other} tỉnh={where}")
                    : new AuditEntry(now, scope.Name, "tách câu hỏi khỏi nhóm", $"câu hỏi={other} khỏi={key} tỉnh={where}"), ct);
                show = merge ? other : key;
                break;
            case "huy":
                var regroupKey = form["regroup_key"].ToString();
                if (!await store.DeleteRegroupAsync(regroupKey, province, ct))
                    return Problem(StatusCodes.Status404NotFound, "Không có việc gộp/tách này.", "regroup_key");
                await store.AppendAuditAsync(new AuditEntry(now, scope.Name, "hủy gộp/tách nhóm câu hỏi", $"key={regroupKey} tỉnh={where}"), ct);
                show = key;
                break;
            default:
                return Problem(StatusCodes.Status400BadRequest, "Thao tác phải là gop, tach hoặc huy.", "action");
        }
        var query = QueryString.Create(http.Request.Query.Where(q => q.Key != "key").Append(new("key", show)));
        return Results.Redirect("/admin/nhu-cau/chi-tiet" + query.Value);
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
        var markable = catalogue.Provinces.Where(p => scope.MarkProvince(p.Id) == p.Id && (filter.Province is null || p.Id == filter.Province)
            && backlog.Items.Any(i => i.Provinces.ContainsKey(p.Id))).ToList();
        return Page<BacklogPage, BacklogModel>(http, new BacklogModel(Frame(http, antiforgery, "Cần nâng cấp lên toàn trình", scope, "backlog", catalogue), filter, catalogue,
            backlog, usage, markable));
    }

    static async Task<IResult> Audit(HttpContext http, IDemandStore store, ICatalogue catalogue, IAntiforgery antiforgery, CancellationToken ct)
    {
        var scope = AdminScope.Of(http.User);
        var audit = await store.ListAuditAsync(500, ct);
        return Page<AuditPage, AuditModel>(http, new AuditModel(Frame(http, antiforgery, "Nhật ký truy cập và xuất dữ liệu", scope, "audit", catalogue), audit));
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

    /// <summary>No script, styles from this origin only, nothing cached: every page shows one official's figures.</summary>
    static readonly PageHeaders Headers = new(
        "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
        CacheControl: "no-store", ReferrerPolicy: "no-referrer");

    static AdminFrame Frame(HttpContext http, IAntiforgery antiforgery, string title, AdminScope scope, string active, ICatalogue catalogue) =>
        new(title, scope, antiforgery.GetAndStoreTokens(http).RequestToken!, active, catalogue);

    static RazorComponentResult<TPage> Page<TPage, TModel>(HttpContext http, TModel model, int status = StatusCodes.Status200OK)
        where TPage : PageComponent<TModel> where TModel : notnull => ServerPages.Render<TPage, TModel>(http, model, Headers, status);

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
