using System.Threading.Channels;
using CitizenBot.Core.Protocol;
using Microsoft.Extensions.Options;

namespace CitizenBot.BotConnector;

/// <summary>One turn's replies, in the order the bot gave them, and where they go.</summary>
public sealed record OutboundReplies(string ServiceUrl, IReadOnlyList<Activity> Activities);

/// <summary>
/// Delivers replies after /api/messages has answered 200: the channel gets its acknowledgement as soon as the turn is
/// done, and a slow or retrying connector never holds the channel's request (which times out after about 15 s).
/// A bounded queue gives back-pressure; several workers deliver turns in parallel, each turn's replies in order.
/// On shutdown the queue is drained until the host's stop timeout.
/// </summary>
public sealed class ReplyDelivery(ConnectorClient connector, IOptions<BotConnectorOptions> options, ILogger<ReplyDelivery> logger) : IHostedService, IDisposable
{
    readonly Channel<OutboundReplies> _queue = Channel.CreateBounded<OutboundReplies>(
        new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.Wait });
    readonly CancellationTokenSource _stopping = new();
    Task[] _workers = [];

    public ValueTask EnqueueAsync(OutboundReplies replies, CancellationToken cancellationToken) =>
        _queue.Writer.WriteAsync(replies, cancellationToken);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _workers = Enumerable.Range(0, options.Value.DeliveryConcurrency).Select(_ => Task.Run(DeliverAsync, CancellationToken.None)).ToArray();
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        try
        {
            await Task.WhenAll(_workers).WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            await _stopping.CancelAsync();
            logger.LogWarning("Stopped with {Count} turns' replies undelivered", _queue.Reader.Count);
        }
    }

    async Task DeliverAsync()
    {
        await foreach (var turn in _queue.Reader.ReadAllAsync(CancellationToken.None))
        {
            foreach (var activity in turn.Activities)
            {
                if (_stopping.IsCancellationRequested) return;
                try
                {
                    await connector.SendAsync(turn.ServiceUrl, activity, _stopping.Token);
                }
                catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception e) when (e is ConnectorException or HttpRequestException or Polly.Timeout.TimeoutRejectedException)
                {
                    // The channel is unreachable or refuses: the next replies of the turn are still tried, in order.
                    logger.LogError("Reply to conversation {ConversationId} at {ServiceUrl} not delivered: {Reason}",
                        activity.Conversation?.Id, turn.ServiceUrl, e.Message);
                }
                catch (Exception e)
                {
                    // Anything else is a bug (e.g. a malformed reply); it must not stop this worker for later turns.
                    logger.LogError(e, "Reply to conversation {ConversationId} at {ServiceUrl} failed", activity.Conversation?.Id, turn.ServiceUrl);
                }
            }
        }
    }

    public void Dispose() => _stopping.Dispose();
}
