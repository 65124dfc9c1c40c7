using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using CitizenBot.Hosting;
using Microsoft.Extensions.Options;

namespace CitizenBot.BotConnector;

/// <summary>
/// BotConnector:PermitsPerMinute requests per minute for each client address on /api/messages. The policy answers
/// its own rejections (429 problem details with Retry-After), so it does not depend on the rate limiter's global
/// options, which other channels configure too. Counted in memory or shared by replicas (<see cref="RateLimitWindows"/>).
/// </summary>
sealed class BotConnectorRateLimitPolicy(IOptions<BotConnectorOptions> options, RateLimitWindows windows) : IRateLimiterPolicy<string>
{
    public const string Name = "BotConnector";

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected { get; } = RejectAsync;

    public RateLimitPartition<string> GetPartition(HttpContext httpContext) =>
        windows.Window("connector:" + (httpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown"), options.Value.PermitsPerMinute);

    static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
            http.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests",
                Detail = $"More than {BotConnectorOptions.Section}:PermitsPerMinute requests from this client in a minute; retry later.",
            },
        });
    }
}
