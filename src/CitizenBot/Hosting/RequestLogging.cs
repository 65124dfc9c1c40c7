using Microsoft.AspNetCore.HttpLogging;
using Microsoft.AspNetCore.WebUtilities;

namespace CitizenBot.Hosting;

/// <summary>
/// Request logs without secrets or citizens' words. The framework's own request log ("Request starting GET …") prints
/// whole URLs — Direct Line tokens (<c>stream?t=…</c>), citizens' questions (<c>/api/search?q=…</c>) — so it is kept
/// below Information whatever the configuration says; HttpLogging takes its place, off by default like the rest of
/// Microsoft.AspNetCore (turn it on with <c>Logging:LogLevel:Microsoft.AspNetCore.HttpLogging=Information</c>), and
/// logs method, path, query with the values of <see cref="RedactedKeys"/> replaced, status and duration.
/// </summary>
public static class RequestLogging
{
    public const string FrameworkRequestLogCategory = "Microsoft.AspNetCore.Hosting.Diagnostics";
    public const string Redacted = "[redacted]";

    /// <summary>Query keys whose values are never logged: tokens and secrets, and the citizen's question.</summary>
    public static readonly IReadOnlySet<string> RedactedKeys =
        new HashSet<string>(["t", "token", "access_token", "code", "secret", "q"], StringComparer.OrdinalIgnoreCase);

    public static WebApplicationBuilder AddRedactedRequestLogging(this WebApplicationBuilder builder)
    {
        // Added after the configuration's rules, so this one wins for the category (same specificity: the last wins).
        builder.Logging.AddFilter(FrameworkRequestLogCategory, LogLevel.Warning);
        builder.Services.AddHttpLogging(logging =>
        {
            logging.LoggingFields = HttpLoggingFields.RequestMethod | HttpLoggingFields.RequestPath | HttpLoggingFields.RequestQuery
                | HttpLoggingFields.ResponseStatusCode | HttpLoggingFields.Duration;
            logging.CombineLogs = true;
        });
        builder.Services.AddHttpLoggingInterceptor<RedactingQueryInterceptor>();
        return builder;
    }

    /// <summary>The query string with the values of <see cref="RedactedKeys"/> replaced by <see cref="Redacted"/>.</summary>
    public static string RedactQuery(QueryString query)
    {
        if (!query.HasValue) return string.Empty;
        var redacted = QueryHelpers.ParseQuery(query.Value).SelectMany(pair => pair.Value.Select(value =>
            KeyValuePair.Create(pair.Key, (string?)(RedactedKeys.Contains(pair.Key) ? Redacted : value))));
        return QueryString.Create(redacted).Value ?? string.Empty;
    }

    sealed class RedactingQueryInterceptor : IHttpLoggingInterceptor
    {
        public ValueTask OnRequestAsync(HttpLoggingInterceptorContext logContext)
        {
            if (logContext.TryDisable(HttpLoggingFields.RequestQuery))
                logContext.AddParameter(nameof(HttpRequest.QueryString), RedactQuery(logContext.HttpContext.Request.QueryString));
            return ValueTask.CompletedTask;
        }

        public ValueTask OnResponseAsync(HttpLoggingInterceptorContext logContext) => ValueTask.CompletedTask;
    }
}
