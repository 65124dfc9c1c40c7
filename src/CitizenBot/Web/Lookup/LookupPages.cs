using System.Text;
using CitizenBot.Core.Catalogue;
using CitizenBot.Core.Presentation;
using CitizenBot.Core.Search;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using CitizenBot.Web.Lookup.Pages;

namespace CitizenBot.Web.Lookup;

/// <summary>
/// /tra-cuu: the look-up pages for community digital-technology teams. Server-rendered Razor components (Pages/, no
/// script framework, every text encoded), the bot's own search, one stable URL per procedure and province, a print sheet with a QR code, and a
/// short text to paste into Zalo or an SMS.
/// </summary>
public static class LookupPages
{
    public static IServiceCollection AddLookupPages(this IServiceCollection services)
    {
        services.AddSingleton<LookupFacets>();
        return services;
    }

    public static IEndpointRouteBuilder MapLookupPages(this IEndpointRouteBuilder routes)
    {
        routes.MapGet(LookupUrls.Root, SearchPage);
        routes.MapGet(LookupUrls.Root + "/{code}", DetailPage);
        routes.MapGet(LookupUrls.Root + "/{code}/tom-tat.txt", SummaryText);
        routes.MapGet(LookupUrls.Root + "/{code}/qr.svg", QrSvg);
        routes.MapGet(LookupUrls.Root + "/{code}/qr.png", QrPng);
        return routes;
    }

    /// <summary>Our own files only; scripts, styles and images from this origin (the QR is inline SVG), forms post here.</summary>
    static readonly PageHeaders Headers = new(
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'self'",
        CacheControl: "no-cache", ReferrerPolicy: "strict-origin-when-cross-origin");

    static RazorComponentResult<SearchPage> SearchPage(HttpContext http, ISearcher searcher, ICatalogue catalogue, LookupFacets facets,
        [FromQuery] string? q, [FromQuery(Name = LookupQuery.ProvinceName)] string? tinh,
        [FromQuery(Name = LookupQuery.FieldName)] string? field, [FromQuery(Name = LookupQuery.ModeName)] string? mode,
        [FromQuery(Name = LookupQuery.ShowAllName)] string? showAll)
    {
        var query = LookupQuery.Parse(catalogue, facets, q, tinh, field, mode, showAll);
        var results = LookupSearch.Run(searcher, catalogue, query);
        return Page<SearchPage, SearchPageModel>(http, new SearchPageModel(facets, query, results, QueryGiven: q is not null));
    }

    static IResult DetailPage(HttpContext http, ICatalogue catalogue, LookupFacets facets, string code,
        [FromQuery(Name = LookupQuery.ProvinceName)] string? tinh)
    {
        if (catalogue.FindByCode(code) is not { } procedure) return NotFound(http, code);
        var notices = new List<string>();
        var choice = ProvinceChoice.Resolve(catalogue, tinh);
        if (!string.IsNullOrWhiteSpace(tinh) && choice is null)
            notices.Add($"Không tìm thấy tỉnh/thành phố “{ShortText.Shorten(ProcedureView.Clean(tinh) ?? "", 60)}”; trang dưới đây dùng liên kết quốc gia. Bạn chọn lại tỉnh ở ô bên dưới.");
        else if (choice?.FormerName is { } former)
            notices.Add($"{former} nay thuộc {choice.Province.Name} (từ 1/7/2025); đường link dưới đây là của {choice.Province.Name}.");
        var view = ProcedureView.From(procedure, catalogue.OfferFor(procedure, choice?.Province));
        return Page<DetailPage, DetailPageModel>(http, new DetailPageModel(view, facets, notices, ProcedureSummaryRenderer.Render(view), QrCodes.Svg(view.Link.Url)));
    }

    static IResult SummaryText(HttpContext http, ICatalogue catalogue, string code, [FromQuery(Name = LookupQuery.ProvinceName)] string? tinh)
    {
        var (view, problem) = Resolve(catalogue, code, tinh);
        return view is null ? problem! : Text(http, ProcedureSummaryRenderer.Render(view));
    }

    static IResult QrSvg(HttpContext http, ICatalogue catalogue, string code, [FromQuery(Name = LookupQuery.ProvinceName)] string? tinh)
    {
        var (view, problem) = Resolve(catalogue, code, tinh);
        if (view is null) return problem!;
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.ContentSecurityPolicy = "default-src 'none'";
        return TypedResults.Text("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + QrCodes.Svg(view.Link.Url), "image/svg+xml", Encoding.UTF8);
    }

    static IResult QrPng(HttpContext http, ICatalogue catalogue, string code, [FromQuery(Name = LookupQuery.ProvinceName)] string? tinh)
    {
        var (view, problem) = Resolve(catalogue, code, tinh);
        if (view is null) return problem!;
        http.Response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.File(QrCodes.Png(view.Link.Url), "image/png", $"qr-{view.Code}.png");
    }

    /// <summary>For the machine-readable endpoints: the view, or an RFC 7807 problem (404 unknown code, 400 unknown province).</summary>
    static (ProcedureView? View, IResult? Problem) Resolve(ICatalogue catalogue, string code, string? tinh)
    {
        if (catalogue.FindByCode(code) is not { } procedure)
            return (null, TypedResults.Problem(UnknownCodeDetail(code), statusCode: StatusCodes.Status404NotFound, title: UnknownCodeTitle,
                extensions: new Dictionary<string, object?> { ["code"] = ProblemCode(code) }));
        ProvinceChoice? choice = null;
        if (!string.IsNullOrWhiteSpace(tinh) && (choice = ProvinceChoice.Resolve(catalogue, tinh)) is null)
            return (null, TypedResults.Problem($"Không tìm thấy tỉnh/thành phố '{ShortText.Shorten(ProcedureView.Clean(tinh) ?? "", 60)}'. / Unknown province.",
                statusCode: StatusCodes.Status400BadRequest, title: "Unknown province", extensions: new Dictionary<string, object?> { ["parameter"] = LookupQuery.ProvinceName }));
        return (ProcedureView.From(procedure, catalogue.OfferFor(procedure, choice?.Province)), null);
    }

    const string UnknownCodeTitle = "Procedure not found";

    static string UnknownCodeDetail(string code) =>
        $"Không có thủ tục mã “{ProblemCode(code)}” trong danh mục. Mã thủ tục có dạng 1.001193; bạn tìm theo tên thủ tục ở ô bên dưới.";

    /// <summary>A 404 a person reads (HTML for browsers) or a program reads (problem+json when it asks for JSON).</summary>
    static IResult NotFound(HttpContext http, string code)
    {
        var accept = http.Request.Headers.Accept.ToString();
        var wantsJson = (accept.Contains("json", StringComparison.OrdinalIgnoreCase)) && !accept.Contains("text/html", StringComparison.OrdinalIgnoreCase);
        if (wantsJson)
            return TypedResults.Problem(UnknownCodeDetail(code), statusCode: StatusCodes.Status404NotFound, title: UnknownCodeTitle,
                extensions: new Dictionary<string, object?> { ["code"] = ProblemCode(code) });
        return Page<NotFoundPage, NotFoundPageModel>(http, new NotFoundPageModel(ProblemCode(code), UnknownCodeTitle, UnknownCodeDetail(code)), StatusCodes.Status404NotFound);
    }

    static string ProblemCode(string code) => ShortText.Shorten(ProcedureView.Clean(code) ?? "", 40);

    static RazorComponentResult<TPage> Page<TPage, TModel>(HttpContext http, TModel model, int status = StatusCodes.Status200OK)
        where TPage : PageComponent<TModel> where TModel : notnull => ServerPages.Render<TPage, TModel>(http, model, Headers, status);

    static ContentHttpResult Text(HttpContext http, string text)
    {
        http.Response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.Text(text, "text/plain; charset=utf-8", Encoding.UTF8);
    }
}
