using Microsoft.Net.Http.Headers;

namespace CitizenBot.Web;

/// <summary>
/// The citizens' chat page at <c>/</c>: a static page that runs the official botframework-webchat bundle against our
/// own Direct Line endpoint. Only the files listed here are served, from the <c>wwwroot</c> copied beside the binary.
/// </summary>
public static class ChatPageEndpoints
{
    /// <summary>The page's own assets (under wwwroot/chat) and the Web Chat bundle with its license (wwwroot/lib/webchat).</summary>
    static readonly IReadOnlyDictionary<string, (string File, string ContentType)> Assets = new Dictionary<string, (string, string)>(StringComparer.Ordinal)
    {
        ["/"] = ("chat/chat-page.html", "text/html; charset=utf-8"),
        ["/chat/chat-page.css"] = ("chat/chat-page.css", "text/css; charset=utf-8"),
        ["/chat/chat-page.js"] = ("chat/chat-page.js", "text/javascript; charset=utf-8"),
        ["/chat/avatar.svg"] = ("chat/avatar.svg", "image/svg+xml"),
        ["/lib/webchat/webchat.js"] = ("lib/webchat/webchat.js", "text/javascript; charset=utf-8"),
        ["/lib/webchat/webchat.js.LICENSE.txt"] = ("lib/webchat/webchat.js.LICENSE.txt", "text/plain; charset=utf-8"),
    };

    /// <summary>
    /// Styles stay 'unsafe-inline' because Web Chat injects its CSS at run time; scripts, connections and images are
    /// limited to this origin (plus data: images for avatars), so no CDN or external font is ever loaded.
    /// </summary>
    const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
        "connect-src 'self' ws: wss:; font-src 'self'; media-src 'self' blob:; frame-ancestors 'self'; base-uri 'self'; form-action 'self'";

    public static IEndpointRouteBuilder MapChatPage(this IEndpointRouteBuilder routes)
    {
        foreach (var path in Assets.Keys)
            routes.MapGet(path, (HttpContext http, IWebHostEnvironment environment) => Serve(http, environment, path));
        return routes;
    }

    static bool AcceptsGzip(HttpRequest request) =>
        request.GetTypedHeaders().AcceptEncoding.Any(e => e.Value.Equals("gzip", StringComparison.OrdinalIgnoreCase) && e.Quality is not 0);

    static IResult Serve(HttpContext http, IWebHostEnvironment environment, string path)
    {
        var (file, contentType) = Assets[path];
        var headers = http.Response.Headers;
        var fileInfo = ChatPageFiles.Find(environment, file);
        if (fileInfo is not null && path == "/lib/webchat/webchat.js")
        {
            // The bundle is 3.9 MB; its gzip copy (made by the build) is about a quarter of that.
            headers.Vary = "Accept-Encoding";
            if (AcceptsGzip(http.Request) && ChatPageFiles.Find(environment, file + ".gz") is { } gzip)
            {
                fileInfo = gzip;
                headers.ContentEncoding = "gzip";
            }
        }
        if (fileInfo is null)
            return TypedResults.Problem($"'{path}' is not available on this server. / Không tìm thấy tệp '{path}'.",
                statusCode: StatusCodes.Status404NotFound, title: "Not found");
        headers.XContentTypeOptions = "nosniff";
        if (path == "/")
        {
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.CacheControl = "no-cache";
            headers["Referrer-Policy"] = "no-referrer";
        }
        else
        {
            headers.CacheControl = "public, max-age=3600";
        }
        var modified = new DateTimeOffset(fileInfo.LastWriteTimeUtc, TimeSpan.Zero);
        var etag = new EntityTagHeaderValue($"\"{fileInfo.Length:x}-{modified.UtcTicks:x}\"");
        return TypedResults.PhysicalFile(fileInfo.FullName, contentType, lastModified: modified, entityTag: etag);
    }
}

/// <summary>Finds the page's files: in the wwwroot copied beside the binary (build output, tests), else the content root's.</summary>
static class ChatPageFiles
{
    public static FileInfo? Find(IWebHostEnvironment environment, string relativePath)
    {
        foreach (var root in new[] { Path.Combine(AppContext.BaseDirectory, "wwwroot"), environment.WebRootPath })
        {
            if (string.IsNullOrEmpty(root))
                continue;
            var file = new FileInfo(Path.Combine(root, relativePath));
            if (file.Exists)
                return file;
        }
        return null;
    }
}
