using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace CitizenBot.Hosting;

/// <summary>
/// A request that needed the database while it could not be reached (down at start, restarting, gone away) is answered
/// 503 with a problem detail and Retry-After, not 500: nothing was acknowledged, the client may send it again (Direct
/// Line clients and Bot Connector retry; a load balancer's /health/ready already says the replica is not ready).
/// Before the start-up steps have completed any database error counts (a table may not exist yet); after, only the
/// driver's transient ones — a failing query stays a 500 for the framework's handler, as do other exceptions.
/// </summary>
public sealed class DatabaseUnavailableHandler(DatabaseStartup startup, IProblemDetailsService problems, ILogger<DatabaseUnavailableHandler> logger)
    : IExceptionHandler
{
    public ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken) =>
        DatabaseStartup.IsDatabaseFailure(exception) && (!startup.Completed || DatabaseStartup.IsTransient(exception)) && !http.Response.HasStarted
            ? WriteAsync(http, exception)
            : ValueTask.FromResult(false);

    async ValueTask<bool> WriteAsync(HttpContext http, Exception exception)
    {
        // The route's pattern, not the path: paths carry conversation ids. The driver's message names no password.
        logger.LogWarning("{Method} {Route}: the database is not reachable ({Error}: {Message}); answered 503", http.Request.Method,
            (http.Features.Get<IExceptionHandlerFeature>()?.Endpoint as RouteEndpoint)?.RoutePattern.RawText, exception.GetType().Name,
            (exception as System.Data.Common.DbException ?? exception.InnerException)?.Message);
        http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        http.Response.Headers.RetryAfter = ((int)DatabaseStartup.RetryInterval.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Dịch vụ tạm gián đoạn / Service temporarily unavailable",
                Detail = "Cơ sở dữ liệu tạm thời không truy cập được; vui lòng thử lại sau ít giây. / The database is not reachable at the moment; try again shortly.",
            },
        });
    }
}
