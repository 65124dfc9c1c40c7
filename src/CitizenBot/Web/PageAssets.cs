using System.Security.Cryptography;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using CitizenBot.Web.Lookup;

namespace CitizenBot.Web;

/// <summary>
/// The stylesheets and script of the server-rendered pages (wwwroot/admin, wwwroot/tra-cuu), embedded in the binary
/// and read once at start: served from this origin only (no CDN, no external font), with a content hash as ETag and
/// revalidated every few minutes, so a new release's stylesheet reaches phones quickly.
/// </summary>
public static class PageAssets
{
    sealed record Asset(byte[] Content, string ContentType, string ETag);

    /// <summary>URL path → embedded resource (its path under wwwroot, see CitizenBot.csproj) and content type.</summary>
    static readonly IReadOnlyDictionary<string, (string Resource, string ContentType)> Files = new Dictionary<string, (string, string)>(StringComparer.Ordinal)
    {
        ["/admin/admin.css"] = ("admin/admin.css", "text/css; charset=utf-8"),
        [LookupUrls.Stylesheet] = ("tra-cuu/tra-cuu.css", "text/css; charset=utf-8"),
        [LookupUrls.Script] = ("tra-cuu/tra-cuu.js", "text/javascript; charset=utf-8"),
    };

    public static IEndpointRouteBuilder MapPageAssets(this IEndpointRouteBuilder routes)
    {
        var assets = Files.ToDictionary(f => f.Key, f => Load(f.Value.Resource, f.Value.ContentType), StringComparer.Ordinal);
        foreach (var (path, asset) in assets)
            routes.MapGet(path, (HttpContext http) => Serve(http, asset));
        return routes;
    }

    static FileContentHttpResult Serve(HttpContext http, Asset asset)
    {
        http.Response.Headers.CacheControl = "public, max-age=300";
        http.Response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.File(asset.Content, asset.ContentType, entityTag: new EntityTagHeaderValue(asset.ETag));
    }

    static Asset Load(string resource, string contentType)
    {
        using var stream = typeof(PageAssets).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Embedded resource '{resource}' is missing (see CitizenBot.csproj, wwwroot).");
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        var bytes = memory.ToArray();
        return new Asset(bytes, contentType, $"\"{Convert.ToHexStringLower(SHA256.HashData(bytes))[..16]}\"");
    }
}
