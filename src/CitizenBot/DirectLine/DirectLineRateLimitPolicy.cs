using System.Globalization;
using System.Threading.RateLimiting;
using CitizenBot.Hosting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace CitizenBot.DirectLine;

/// <summary>Marks the routes that start a conversation (<c>tokens/generate</c>, <c>POST /conversations</c>).</summary>
public sealed class DirectLineStartMetadata
{
    public static readonly DirectLineStartMetadata Instance = new();
}

/// <summary>
/// Per-client fixed windows of one minute. Conversation routes are counted per conversation, but only for a caller
/// whose credential is valid for that conversation, so junk tokens cannot use up a victim's allowance; every other
/// request on them (no, forged, expired or another conversation's credential) counts against the client address under
/// <see cref="DirectLineOptions.InvalidCredentialsPerMinute"/>. Starting a conversation is limited by
/// <see cref="StartsLimiter"/> instead; anything else counts per address. Rejections are 429 problem details with
/// Retry-After. The windows are counted where <see cref="RateLimitWindows"/> says: in memory, or shared by replicas.
/// </summary>
public sealed class DirectLineRateLimitPolicy(IOptions<DirectLineOptions> options, DirectLineAuth auth, RateLimitWindows windows) : IRateLimiterPolicy<string>
{
    readonly DirectLineOptions _options = options.Value;

    public RateLimitPartition<string> GetPartition(HttpContext httpContext)
    {
        var address = ClientAddress.Of(httpContext);
        if (IsStart(httpContext))
            return RateLimitPartition.GetNoLimiter("start");
        if (httpContext.Request.RouteValues.TryGetValue("conversationId", out var id) && id is string conversation)
            return auth.AuthenticateFor(httpContext, DirectLineAuth.CredentialOf(httpContext.Request), conversation).Caller is not null
                ? windows.Window("conversation:" + conversation, _options.PermitsPerMinute)
                : windows.Window("invalid:" + address, _options.InvalidCredentialsPerMinute);
        return windows.Window("address:" + address, _options.PermitsPerMinute);
    }

    /// <summary>
    /// Conversation starts, as the rate limiter's global limiter: first per client address
    /// (<see cref="DirectLineOptions.StartsPerMinutePerAddress"/>), then for all clients together
    /// (<see cref="DirectLineOptions.StartsPerMinute"/>). In that order, so one address refused its own starts cannot
    /// spend the shared allowance (an endpoint policy would run after the global limiter). Other requests pass unlimited.
    /// </summary>
    public static PartitionedRateLimiter<HttpContext> StartsLimiter(DirectLineOptions options, RateLimitWindows windows) =>
        PartitionedRateLimiter.CreateChained(
            PartitionedRateLimiter.Create<HttpContext, string>(http =>
                IsStart(http) ? windows.Window("start:" + ClientAddress.Of(http), options.StartsPerMinutePerAddress) : RateLimitPartition.GetNoLimiter("")),
            PartitionedRateLimiter.Create<HttpContext, string>(http =>
                IsStart(http) ? windows.Window("starts", options.StartsPerMinute) : RateLimitPartition.GetNoLimiter("")));

    static bool IsStart(HttpContext http) => http.GetEndpoint()?.Metadata.GetMetadata<DirectLineStartMetadata>() is not null;


    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected { get; } = RejectAsync;

    public static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
        http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        await DirectLineProblems.Problem(StatusCodes.Status429TooManyRequests, "Too many requests",
                "Too many requests from this client; wait a moment and try again. / Bạn gửi quá nhiều yêu cầu, vui lòng thử lại sau giây lát.")
            .ExecuteAsync(http);
    }
}
