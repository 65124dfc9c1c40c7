using System.Text;
using CitizenBot.Core.Catalogue;
using CitizenBot.Core.Demand;
using CitizenBot.Core.Presentation;
using CitizenBot.Core.Provinces;
using Microsoft.AspNetCore.Antiforgery;
using static CitizenBot.Admin.AdminHtml;

namespace CitizenBot.Admin;

/// <summary>
/// /admin/danh-muc-tinh: each province's own list of online services. Everyone signed in sees the coverage of the
/// provinces they may see (how many toàn trình / một phần / not online, which version); an admin whose account names
/// the province (or names none) uploads a list (XLSX/CSV, with a dry run) and restores an earlier version.
/// </summary>
public static partial class AdminEndpoints
{
    const string ProvinceListsPath = "/admin/danh-muc-tinh";

    static void MapProvinceLists(IEndpointRouteBuilder routes)
    {
        routes.MapGet(ProvinceListsPath, ProvinceLists).RequireAuthorization(AdminAuth.ViewerPolicy);
        routes.MapPost(ProvinceListsPath + "/tai-len", UploadProvinceList).RequireAuthorization(AdminAuth.AdminPolicy);
        routes.MapPost(ProvinceListsPath + "/khoi-phuc", RestoreProvinceList).RequireAuthorization(AdminAuth.AdminPolicy);
    }

    /// <summary>Uploads and restores: an admin, and the province one of theirs (an admin account without provinces has them all).</summary>
    static bool MayChange(AdminScope scope, string provinceId) => scope.IsAdmin && (scope.Provinces.Count == 0 || scope.Provinces.Contains(provinceId));

    static async Task<IResult> ProvinceLists(HttpContext http, ICatalogue catalogue, ProvinceListService lists, IAntiforgery antiforgery, CancellationToken ct)
    {
        var scope = AdminScope.Of(http.User);
        var visible = catalogue.Provinces.Where(p => scope.IsAdmin && scope.Provinces.Count == 0 || scope.Provinces.Contains(p.Id)).ToList();
        Province? chosen = null;
        if (http.Request.Query["province"].ToString() is { Length: > 0 } id)
        {
            chosen = catalogue.Provinces.FirstOrDefault(p => p.Id == id);
            if (chosen is null) return Problem(StatusCodes.Status400BadRequest, "Không có tỉnh/thành này.", "province");
            if (!visible.Contains(chosen)) return Problem(StatusCodes.Status403Forbidden, "Bạn không được xem danh mục của tỉnh/thành này.", "province");
        }
        var token = antiforgery.GetAndStoreTokens(http).RequestToken!;
        var body = new StringBuilder();
        body.Append("<p>Danh mục dịch vụ công trực tuyến do từng tỉnh công bố. Khi tỉnh của người dân có thủ tục trong danh mục, câu trả lời dùng mức độ và đường dẫn của tỉnh; nếu không, dùng mức độ toàn quốc và nói rõ như vậy.</p>");
        body.Append("<table><thead><tr><th>Tỉnh/thành</th><th>Toàn trình</th><th>Một phần</th><th>Chưa trực tuyến</th><th>Thủ tục trong danh mục</th><th>Phiên bản</th></tr></thead><tbody>");
        foreach (var province in visible)
        {
            var list = lists.InForce(province);
            var (full, partial, offline) = ProvinceListChanges.Count(list?.Entries ?? []);
            body.Append($"<tr><td><a href=\"{ProvinceListsPath}?province={E(province.Id)}\">{E(province.Name)}</a></td>");
            body.Append(list is null
                ? "<td colspan=\"5\">Chưa có danh mục: dùng mức độ toàn quốc</td></tr>"
                : $"<td>{N(full)}</td><td>{N(partial)}</td><td>{N(offline)}</td><td>{N(list.Entries.Count)} / {N(catalogue.Procedures.Count)}</td><td>{VersionLabel(list.Version)}</td></tr>");
        }
        body.Append("</tbody></table>");
        if (chosen is not null) await ProvinceSection(body, chosen, scope, lists, token, ct);
        return Html(http, Page("Danh mục dịch vụ công của tỉnh", scope, token, body.ToString(), "provinces"));
    }

    static async Task ProvinceSection(StringBuilder body, Province province, AdminScope scope, ProvinceListService lists, string token, CancellationToken ct)
    {
        var versions = await lists.VersionsAsync(province, ct);
        var mayChange = MayChange(scope, province.Id);
        body.Append($"<h2>{E(province.Name)}: các phiên bản đã tải lên</h2>");
        if (versions.Count == 0) body.Append("<p>Chưa có phiên bản nào được tải lên.</p>");
        else
        {
            body.Append("<table><thead><tr><th>Phiên bản</th><th>Lúc</th><th>Người tải</th><th>Tệp</th><th>Thủ tục</th><th>Ghi chú</th><th></th></tr></thead><tbody>");
            foreach (var v in versions)
            {
                body.Append($"<tr><td>{v.Version}{(v == versions[0] ? " (đang áp dụng)" : "")}</td><td>{E(Time(v.UploadedAt))}</td><td>{E(v.UploadedBy)}</td><td>{E(v.SourceName)}</td><td>{N(v.Count)}</td><td>{E(v.Note)}</td><td>");
                if (mayChange && v != versions[0])
                    body.Append($"""<form method="post" action="{ProvinceListsPath}/khoi-phuc"><input type="hidden" name="{AdminAuth.AntiforgeryField}" value="{E(token)}"><input type="hidden" name="province" value="{E(province.Id)}"><input type="hidden" name="version" value="{v.Version}"><button type="submit">Khôi phục</button></form>""");
                body.Append("</td></tr>");
            }
            body.Append("</tbody></table>");
        }
        if (!mayChange) return;
        body.Append($"""
            <h2>Tải lên danh mục của {E(province.Name)}</h2>
            <form method="post" action="{ProvinceListsPath}/tai-len" enctype="multipart/form-data">
            <input type="hidden" name="{AdminAuth.AntiforgeryField}" value="{E(token)}">
            <input type="hidden" name="province" value="{E(province.Id)}">
            <label>Tệp XLSX hoặc CSV (UTF-8) <input type="file" name="file" accept=".xlsx,.csv" required></label>
            <label><input type="checkbox" name="dryRun" value="1" checked> Chỉ xem trước, chưa áp dụng</label>
            <button type="submit">Tải lên</button>
            </form>
            <p>Cần một cột mã thủ tục ("Mã TTHC" hoặc "Mã thủ tục") và một cột mức độ ("Mức độ DVC", "Mức độ" hoặc "DVC trực tuyến": Toàn trình, Một phần, Mức độ 4, Mức độ 3…); đường dẫn ("Đường dẫn", "Link", "URL") phải là http(s) trên tên miền *.gov.vn.</p>
            """);
    }

    static async Task<IResult> UploadProvinceList(HttpContext http, ICatalogue catalogue, ProvinceListService lists, IAntiforgery antiforgery,
        IDemandStore store, TimeProvider time, CancellationToken ct)
    {
        var (scope, form, province, refused) = await ChangeRequestAsync(http, catalogue, antiforgery, ct);
        if (refused is not null) return refused;
        if (form.Files.GetFile("file") is not { Length: > 0 } file) return Problem(StatusCodes.Status400BadRequest, "Chưa chọn tệp.", "file");
        var dryRun = form["dryRun"] == "1";
        var token = antiforgery.GetAndStoreTokens(http).RequestToken!;
        var body = new StringBuilder($"<p><a href=\"{ProvinceListsPath}?province={E(province.Id)}\">← Danh mục của {E(province.Name)}</a></p>");
        ProvinceListPreview preview;
        try
        {
            await using var stream = file.OpenReadStream();
            preview = lists.Preview(province, stream, file.FileName);
        }
        catch (UnreadableListException e)
        {
            body.Append($"<p class=\"error\" role=\"alert\">Không đọc được tệp: {E(e.Message)} Danh mục đang áp dụng được giữ nguyên.</p>");
            return Html(http, Page("Tải lên danh mục", scope, token, body.ToString(), "provinces"), StatusCodes.Status400BadRequest);
        }
        var (full, partial, offline) = ProvinceListChanges.Count(preview.Import.Entries);
        body.Append($"<p>Dòng tiêu đề: {preview.Import.HeaderRow}. Nhận {N(preview.Import.Entries.Count)} thủ tục (toàn trình {N(full)}, một phần {N(partial)}, chưa trực tuyến {N(offline)}); loại {N(preview.Import.Rejected.Count)} dòng.</p>");
        var c = preview.Changes;
        body.Append($"<p>So với danh mục đang áp dụng: thêm {N(c.Added.Count)}, đổi {N(c.Changed.Count)}, bỏ {N(c.Removed.Count)}, giữ nguyên {N(c.Unchanged)}.</p>");
        if (preview.Import.Rejected.Count > 0)
        {
            body.Append("<h2>Các dòng bị loại</h2><table><thead><tr><th>Dòng</th><th>Mã</th><th>Lý do</th></tr></thead><tbody>");
            foreach (var r in preview.Import.Rejected) body.Append($"<tr><td>{r.Row}</td><td>{E(r.Code)}</td><td>{E(r.Reason)}</td></tr>");
            body.Append("</tbody></table>");
        }
        if (dryRun)
        {
            body.Append("<p class=\"notice\">Chỉ xem trước: chưa áp dụng gì.</p>");
            return Html(http, Page("Xem trước danh mục", scope, token, body.ToString(), "provinces"));
        }
        try
        {
            var version = await lists.ApplyAsync(preview, scope.Name, ct);
            await store.AppendAuditAsync(new AuditEntry(time.GetUtcNow(), scope.Name, "province-list-upload", $"{province.Id} v{version.Version} ({version.Count})"), ct);
            body.Append($"<p class=\"notice\" role=\"status\">Đã áp dụng phiên bản {version.Version} cho {E(province.Name)}.</p>");
            return Html(http, Page("Đã áp dụng danh mục", scope, token, body.ToString(), "provinces"));
        }
        catch (ProvinceListRejectedException e)
        {
            body.Append($"<p class=\"error\" role=\"alert\">{E(e.Message)}</p>");
            return Html(http, Page("Tải lên danh mục", scope, token, body.ToString(), "provinces"), StatusCodes.Status400BadRequest);
        }
    }

    static async Task<IResult> RestoreProvinceList(HttpContext http, ICatalogue catalogue, ProvinceListService lists, IAntiforgery antiforgery,
        IDemandStore store, TimeProvider time, CancellationToken ct)
    {
        var (scope, form, province, refused) = await ChangeRequestAsync(http, catalogue, antiforgery, ct);
        if (refused is not null) return refused;
        if (!int.TryParse(form["version"], out var number) || number < 1) return Problem(StatusCodes.Status400BadRequest, "Phiên bản không hợp lệ.", "version");
        try
        {
            var restored = await lists.RestoreAsync(province, number, scope.Name, ct);
            await store.AppendAuditAsync(new AuditEntry(time.GetUtcNow(), scope.Name, "province-list-restore", $"{province.Id} v{number} → v{restored.Version}"), ct);
        }
        catch (ProvinceListRejectedException e)
        {
            return Problem(StatusCodes.Status404NotFound, e.Message, "version");
        }
        return Results.Redirect($"{ProvinceListsPath}?province={Uri.EscapeDataString(province.Id)}", preserveMethod: false);
    }

    /// <summary>An upload or restore form: the token checked, the province known and one the official may change.</summary>
    static async Task<(AdminScope Scope, IFormCollection Form, Province Province, IResult? Refused)> ChangeRequestAsync(HttpContext http, ICatalogue catalogue,
        IAntiforgery antiforgery, CancellationToken ct)
    {
        var scope = AdminScope.Of(http.User);
        if (await AntiforgeryFailsAsync(http, antiforgery) is { } rejected) return (scope, FormCollection.Empty, null!, rejected);
        var form = await http.Request.ReadFormAsync(ct);
        if (catalogue.Provinces.FirstOrDefault(p => p.Id == form["province"].ToString()) is not { } province)
            return (scope, form, null!, Problem(StatusCodes.Status400BadRequest, "Không có tỉnh/thành này.", "province"));
        if (!MayChange(scope, province.Id))
            return (scope, form, province, Problem(StatusCodes.Status403Forbidden, "Bạn không được thay đổi danh mục của tỉnh/thành này.", "province"));
        return (scope, form, province, null);
    }

    static string VersionLabel(ProvinceListVersion v) =>
        v.Version == 0 ? "danh mục đã kiểm chứng (index-data)" : $"phiên bản {v.Version}, {E(Time(v.UploadedAt))}, {E(v.UploadedBy)}";
}
