using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace CitizenBot.DirectLine;

/// <summary>
/// Per-client fixed window of <see cref="DirectLineOptions.PermitsPerMinute"/>: conversation routes are counted per
/// conversation (so many chats from one address, e.g. a load test on loopback, do not starve each other), the token
/// and start routes per IP address. Rejections are 429 problem details with Retry-After.
/// </summary>
public sealed class DirectLineRateLimitPolicy(IOptions<DirectLineOptions> options) : IRateLimiterPolicy<string>
{
    readonly int _permits = options.Value.PermitsPerMinute;

    public RateLimitPartition<string> GetPartition(HttpContext httpContext)
    {
        var key = httpContext.Request.RouteValues.TryGetValue("conversationId", out var id) && id is string conversation
            ? "conversation:" + conversation
            : "address:" + (httpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown");
        return RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = _permits,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });
    }

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected { get; } = async (context, cancellationToken) =>
    {
        var http = context.HttpContext;
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
        http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        await DirectLineProblems.Problem(StatusCodes.Status429TooManyRequests, "Too many requests",
                "Too many requests from this client; wait a moment and try again. / Bạn gửi quá nhiều yêu cầu, vui lòng thử lại sau giây lát.")
            .ExecuteAsync(http);
    };
}
