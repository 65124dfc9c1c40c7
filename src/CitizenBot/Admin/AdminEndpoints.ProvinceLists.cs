using CitizenBot.Core.Catalogue;
using CitizenBot.Core.Demand;
using CitizenBot.Core.Presentation;
using CitizenBot.Core.Provinces;
using Microsoft.AspNetCore.Antiforgery;
using CitizenBot.Admin.Pages;

namespace CitizenBot.Admin;

/// <summary>
/// /admin/danh-muc-tinh: each province's own list of online services. Everyone signed in sees the coverage of the
/// provinces they may see (how many toàn trình / một phần / not online, which version); an admin whose account names
/// the province (or names none) uploads a list (XLSX/CSV, with a dry run) and restores an earlier version.
/// </summary>
public static partial class AdminEndpoints
{
    internal const string ProvinceListsPath = "/admin/danh-muc-tinh";

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
        var coverage = visible.Select(province =>
        {
            var list = lists.InForce(province);
            var (full, partial, offline) = ProvinceListChanges.Count(list?.Entries ?? []);
            return new ProvinceCoverage(province, list?.Version, full, partial, offline, list?.Entries.Count ?? 0);
        }).ToList();
        var versions = chosen is null ? null : new ProvinceVersions(chosen, await lists.VersionsAsync(chosen, ct), MayChange(scope, chosen.Id));
        return Page<ProvinceListsPage, ProvinceListsModel>(http, new ProvinceListsModel(
            Frame(http, antiforgery, "Danh mục dịch vụ công của tỉnh", scope, "provinces", catalogue), coverage, catalogue.Procedures.Count, versions));
    }

    static async Task<IResult> UploadProvinceList(HttpContext http, ICatalogue catalogue, ProvinceListService lists, IAntiforgery antiforgery,
        IDemandStore store, TimeProvider time, CancellationToken ct)
    {
        var (scope, form, province, refused) = await ChangeRequestAsync(http, catalogue, antiforgery, ct);
        if (refused is not null) return refused;
        if (form.Files.GetFile("file") is not { Length: > 0 } file) return Problem(StatusCodes.Status400BadRequest, "Chưa chọn tệp.", "file");
        var dryRun = form["dryRun"] == "1";
        ProvinceListPreview preview;
        try
        {
            await using var stream = file.OpenReadStream();
            preview = lists.Preview(province, stream, file.FileName);
        }
        catch (UnreadableListException e)
        {
            return Page<ProvinceListUploadPage, ProvinceListUploadModel>(http, new ProvinceListUploadModel(Frame(http, antiforgery, "Tải lên danh mục", scope, "provinces", catalogue),
                province, null, $"Không đọc được tệp: {e.Message} Danh mục đang áp dụng được giữ nguyên."), StatusCodes.Status400BadRequest);
        }
        if (dryRun)
            return Page<ProvinceListUploadPage, ProvinceListUploadModel>(http, new ProvinceListUploadModel(Frame(http, antiforgery, "Xem trước danh mục", scope, "provinces", catalogue),
                province, preview, DryRun: true));
        try
        {
            var version = await lists.ApplyAsync(preview, scope.Name, ct);
            await store.AppendAuditAsync(new AuditEntry(time.GetUtcNow(), scope.Name, "province-list-upload", $"{province.Id} v{version.Version} ({version.Count})"), ct);
            return Page<ProvinceListUploadPage, ProvinceListUploadModel>(http, new ProvinceListUploadModel(Frame(http, antiforgery, "Đã áp dụng danh mục", scope, "provinces", catalogue),
                province, preview, Applied: version));
        }
        catch (ProvinceListRejectedException e)
        {
            return Page<ProvinceListUploadPage, ProvinceListUploadModel>(http, new ProvinceListUploadModel(Frame(http, antiforgery, "Tải lên danh mục", scope, "provinces", catalogue),
                province, preview, e.Message), StatusCodes.Status400BadRequest);
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
}
