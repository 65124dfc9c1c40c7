using System.Security.Cryptography;

namespace CitizenBot.Web.Lookup;

/// <summary>
/// The look-up pages' stylesheet and script (wwwroot/tra-cuu), embedded in the binary and read once at start: they
/// are served from this origin only (no CDN, no external font) with a content hash as ETag.
/// </summary>
sealed class LookupAssets
{
    public sealed record Asset(byte[] Content, string ContentType, string ETag);

    readonly Dictionary<string, Asset> _assets = new(StringComparer.Ordinal);

    public LookupAssets()
    {
        Add(LookupUrls.Stylesheet, "tra-cuu/tra-cuu.css", "text/css; charset=utf-8");
        Add(LookupUrls.Script, "tra-cuu/tra-cuu.js", "text/javascript; charset=utf-8");
    }

    public IEnumerable<string> Paths => _assets.Keys;

    public Asset Get(string path) => _assets[path];

    void Add(string path, string resource, string contentType)
    {
        using var stream = typeof(LookupAssets).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Embedded resource '{resource}' is missing (see CitizenBot.csproj, wwwroot/tra-cuu).");
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        var bytes = memory.ToArray();
        _assets[path] = new Asset(bytes, contentType, $"\"{Convert.ToHexStringLower(SHA256.HashData(bytes))[..16]}\"");
    }
}
