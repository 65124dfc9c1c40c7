using System.Net;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace CitizenBot.BotConnector;

/// <summary>
/// Retries outbound calls (replies, tokens, signing keys) that failed for a reason that may pass: a network error, an
/// attempt timeout, 408, 429 or 5xx. Exponential backoff with jitter, honouring Retry-After; each attempt has its own
/// time limit. Requests are re-sent as they are, so their content must be buffered (it is: byte arrays and forms).
/// </summary>
sealed class OutboundResilienceHandler(ResiliencePipeline<HttpResponseMessage> pipeline) : DelegatingHandler
{
    static readonly TimeSpan MaxRetryAfter = TimeSpan.FromSeconds(30);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        await pipeline.ExecuteAsync(
            static async (state, token) => await state.Handler.SendOnceAsync(state.Request, token),
            (Handler: this, Request: request), cancellationToken);

    Task<HttpResponseMessage> SendOnceAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        base.SendAsync(request, cancellationToken);

    public static ResiliencePipeline<HttpResponseMessage> CreatePipeline(BotConnectorOptions options) =>
        new ResiliencePipelineBuilder<HttpResponseMessage>()
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = Math.Max(options.OutboundRetries, 1),
                ShouldHandle = options.OutboundRetries == 0
                    ? _ => ValueTask.FromResult(false)
                    : new PredicateBuilder<HttpResponseMessage>()
                        .Handle<HttpRequestException>()
                        .Handle<TimeoutRejectedException>()
                        .HandleResult(IsTransient),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(options.OutboundRetryDelayMilliseconds),
                DelayGenerator = args => ValueTask.FromResult(
                    args.Outcome.Result?.Headers.RetryAfter?.Delta is { } delay ? (TimeSpan?)(delay < MaxRetryAfter ? delay : MaxRetryAfter) : null),
            })
            .AddTimeout(TimeSpan.FromSeconds(options.OutboundAttemptTimeoutSeconds))
            .Build();

    static bool IsTransient(HttpResponseMessage response) =>
        response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500;
}
