using CitizenBot.Core.Protocol;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using CitizenBot.Hosting;
using Microsoft.Extensions.Options;

namespace CitizenBot.DirectLine;

public static class DirectLineServices
{
    public const string CorsPolicy = "DirectLine";
    public const string RateLimitPolicy = "DirectLine";

    /// <summary>
    /// The Direct Line channel: options (validated at start), tokens, the conversation store and its sweeper, CORS as
    /// Web Chat needs it, the turn runner over the store chosen (and initialised) by <c>AddStorage</c>, the per-client rate limits and the limit on starts by all clients. The bot is whatever <see cref="IBot"/> is registered.
    /// Needs <c>app.UseCors()</c>, <c>app.UseRateLimiter()</c> and <c>app.UseWebSockets()</c> in the pipeline.
    /// </summary>
    public static IServiceCollection AddDirectLine(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DirectLineOptions>().Bind(configuration.GetSection(DirectLineOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DirectLineOptions>, DirectLineOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<BotAdapter>();
        services.AddSingleton<TokenSigningKeySource>();
        services.AddSingleton<DirectLineTokenService>();
        services.AddSingleton<DirectLineAuth>();
        services.AddSingleton<DirectLineChannel>();
        services.AddHostedService<DirectLineChangeListener>();
        services.AddHostedService<DirectLineTurnRunner>();
        services.AddHostedService<DirectLineConversationSweeper>();

        // The allowed origins come from the bound DirectLine options (read when CORS is first used, not at registration).
        services.AddCors();
        services.AddOptions<CorsOptions>().Configure<IOptions<DirectLineOptions>>((cors, directLine) => cors.AddPolicy(CorsPolicy, policy =>
        {
            var origins = directLine.Value.AllowedOrigins;
            if (origins.Length == 0) policy.AllowAnyOrigin(); else policy.WithOrigins(origins);
            policy.WithHeaders("Authorization", "Content-Type", "Accept", "x-ms-bot-agent")
                .WithMethods(HttpMethods.Get, HttpMethods.Post, HttpMethods.Options)
                .WithExposedHeaders("Retry-After")
                .SetPreflightMaxAge(TimeSpan.FromHours(1));
        }));
        services.AddRateLimiter(limiter => limiter.AddPolicy<string, DirectLineRateLimitPolicy>(RateLimitPolicy));
        // Conversation starts: the global limiter (chained after any other feature's), whose rejections are answered
        // by the options' OnRejected.
        services.TryAddSingleton<RateLimitWindows>();
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<DirectLineOptions>, RateLimitWindows>((limiter, directLine, windows) =>
        {
            var starts = DirectLineRateLimitPolicy.StartsLimiter(directLine.Value, windows);
            limiter.GlobalLimiter = limiter.GlobalLimiter is { } other ? PartitionedRateLimiter.CreateChained(other, starts) : starts;
            limiter.OnRejected ??= DirectLineRateLimitPolicy.RejectAsync;
        });
        return services;
    }
}
