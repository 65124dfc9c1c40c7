using Microsoft.AspNetCore.Http.Features;

namespace CitizenBot.Hosting;

/// <summary>
/// Reads a request body up to a limit, for every endpoint that takes one (Direct Line activities, Bot Connector
/// activities): a declared Content-Length over the limit is refused before reading, a body that runs past it while
/// being read is refused at that point, and either way the caller still sending gets to read the 413 (see
/// <see cref="DrainedMultiple"/>).
/// </summary>
public static class RequestBody
{
    /// <summary>
    /// How many times the limit a refused body may run to and still be read to its end: Kestrel drains what is left
    /// after the 413 so the caller, still sending, reads the problem details instead of a broken connection; a body
    /// going on far past this is cut off.
    /// </summary>
    public const int DrainedMultiple = 8;

    /// <summary>The body (empty when none was sent), or null when it is over <paramref name="limit"/> bytes.</summary>
    public static async Task<ReadOnlyMemory<byte>?> ReadAsync(HttpContext http, int limit, CancellationToken cancellationToken)
    {
        if (http.Request.ContentLength > limit) return null;
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
            feature.MaxRequestBodySize = (long)limit * DrainedMultiple;
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await http.Request.Body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > limit) return null;
                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }
        return new ReadOnlyMemory<byte>(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
