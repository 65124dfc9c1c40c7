using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.WebEncoders;

namespace CitizenBot.Web;

/// <summary>
/// The /admin and /tra-cuu pages are Razor components rendered on the server (static server rendering, no circuit, no
/// script of Blazor's): a handler builds the page's model and returns <see cref="Render{TPage,TModel}"/>. Razor encodes
/// every value it writes, citizen text and catalogue alike.
/// </summary>
public static class ServerPages
{
    public static IServiceCollection AddServerPages(this IServiceCollection services)
    {
        services.AddRazorComponents();
        // Letters of every script stay readable in the page source ("Đăng ký", not "&#x110;&#x103;ng k&#xFD;");
        // only HTML-significant characters are escaped.
        services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddWebEncoders();
        return services;
    }

    /// <summary>The page <typeparamref name="TPage"/> rendered with its model, as UTF-8 HTML with the given status and headers.</summary>
    public static RazorComponentResult<TPage> Render<TPage, TModel>(HttpContext http, TModel model, PageHeaders headers, int status = StatusCodes.Status200OK)
        where TPage : PageComponent<TModel> where TModel : notnull
    {
        var response = http.Response.Headers;
        response.ContentSecurityPolicy = headers.ContentSecurityPolicy;
        response.XContentTypeOptions = "nosniff";
        response.CacheControl = headers.CacheControl;
        response["Referrer-Policy"] = headers.ReferrerPolicy;
        return new(new Dictionary<string, object?> { [nameof(PageComponent<TModel>.Model)] = model })
        {
            StatusCode = status,
            ContentType = "text/html; charset=utf-8",
        };
    }
}

/// <summary>The security and caching headers of an area's pages.</summary>
public sealed record PageHeaders(string ContentSecurityPolicy, string CacheControl, string ReferrerPolicy);

/// <summary>A page: a component whose one parameter is the model its handler built.</summary>
public abstract class PageComponent<TModel> : ComponentBase where TModel : notnull
{
    [Parameter, EditorRequired] public TModel Model { get; set; } = default!;
}
