using CitizenBot.Core.Protocol;
using CitizenBot.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CitizenBot.BotConnector;

public static class BotConnectorServices
{
    /// <summary>
    /// The Bot Connector channel: options (validated at start), token checks, outbound HTTP clients with retries, the
    /// reply delivery queue and the per-client rate limit. The bot itself (IBot) is registered elsewhere.
    /// </summary>
    public static IServiceCollection AddBotConnector(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BotOptions>().Bind(configuration.GetSection(BotOptions.Section))
            .Configure(bot => bot.ApplyRootKeys(configuration)).ValidateOnStart();
        services.AddOptions<BotConnectorOptions>().Bind(configuration.GetSection(BotConnectorOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<BotOptions>, BotOptionsValidator>();
        services.AddSingleton<IValidateOptions<BotConnectorOptions>, BotConnectorOptionsValidator>();

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<BotAdapter>();
        services.TryAddSingleton<RateLimitWindows>();
        services.AddSingleton<ConnectorAuthenticator>();
        services.AddSingleton<ServiceUrlPolicy>();
        services.AddSingleton<ConnectorTokenProvider>();
        services.AddSingleton<ConnectorClient>();
        services.AddSingleton<ReplyDelivery>();
        services.AddHostedService(sp => sp.GetRequiredService<ReplyDelivery>());
        services.AddHostedService<BotConnectorStartupLog>();

        // One pipeline shared by the three outbound clients: the retry policy is stateless.
        services.AddSingleton(sp => new OutboundResilienceHandlerFactory(
            OutboundResilienceHandler.CreatePipeline(sp.GetRequiredService<IOptions<BotConnectorOptions>>().Value)));
        foreach (var name in new[] { ConnectorClient.ClientName, ConnectorTokenProvider.ClientName, HttpClientDocumentRetriever.ClientName })
            services.AddHttpClient(name, client => client.Timeout = Timeout.InfiniteTimeSpan) // Per-attempt limits come from the pipeline.
                .AddHttpMessageHandler(sp => sp.GetRequiredService<OutboundResilienceHandlerFactory>().Create());

        services.AddRateLimiter(limiter => limiter.AddPolicy<string, BotConnectorRateLimitPolicy>(BotConnectorRateLimitPolicy.Name));
        return services;
    }
}

/// <summary>Handlers are created per client pipeline by IHttpClientFactory; the retry pipeline behind them is built once.</summary>
sealed class OutboundResilienceHandlerFactory(Polly.ResiliencePipeline<HttpResponseMessage> pipeline)
{
    public DelegatingHandler Create() => new OutboundResilienceHandler(pipeline);
}

/// <summary>Logs once at start whether /api/messages is protected, and identity keys set twice with different values.</summary>
sealed class BotConnectorStartupLog(ConnectorAuthenticator authenticator, IConfiguration configuration) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        authenticator.LogMode(configuration);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
