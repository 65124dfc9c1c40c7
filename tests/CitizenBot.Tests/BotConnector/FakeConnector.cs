using System.Collections.Concurrent;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace CitizenBot.Tests.BotConnector;

/// <summary>What the fake connector received: the raw request target (escapes as sent), the Authorization header and the activity.</summary>
public sealed record ReceivedReply(string Method, string RawTarget, string? Authorization, JsonElement Activity)
{
    public string? Text => Activity.TryGetProperty("text", out var t) ? t.GetString() : null;
    public string? ReplyToId => Activity.TryGetProperty("replyToId", out var r) ? r.GetString() : null;
}

/// <summary>
/// Stands in for a channel's Bot Connector service (the activity's serviceUrl) on loopback: records every activity
/// the bot posts, per conversation, answers {"id"} like the service, and can be told to fail a conversation's next
/// calls to exercise the bot's retries.
/// </summary>
public sealed class FakeConnector : IAsyncDisposable
{
    readonly WebApplication _app;
    readonly ConcurrentDictionary<string, Channel<ReceivedReply>> _received = new();
    readonly ConcurrentDictionary<string, int> _failuresLeft = new();
    readonly ConcurrentDictionary<string, int> _attempts = new();
    int _ids;

    FakeConnector(WebApplication app, Uri baseAddress)
    {
        _app = app;
        ServiceUrl = baseAddress.ToString().TrimEnd('/');
    }

    /// <summary>What activities carry as serviceUrl.</summary>
    public string ServiceUrl { get; }

    public static async Task<FakeConnector> StartAsync()
    {
        FakeConnector? connector = null;
        var (app, baseAddress) = await LoopbackApp.StartAsync(app => app.Run(http => connector!.HandleAsync(http)));
        connector = new FakeConnector(app, baseAddress);
        return connector;
    }

    /// <summary>The next <paramref name="count"/> calls for this conversation answer 503.</summary>
    public void FailNext(string conversationId, int count) => _failuresLeft[conversationId] = count;

    /// <summary>Calls made for a conversation, failed ones included.</summary>
    public int Attempts(string conversationId) => _attempts.GetValueOrDefault(conversationId);

    /// <summary>The next activity posted to a conversation; fails the test if none comes within the guard time.</summary>
    public async Task<ReceivedReply> NextAsync(string conversationId)
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        try
        {
            return await Inbox(conversationId).Reader.ReadAsync(guard.Token);
        }
        catch (OperationCanceledException)
        {
            throw new Xunit.Sdk.XunitException($"No activity reached the fake connector for conversation '{conversationId}'.");
        }
    }

    /// <summary>Activities received for a conversation and not yet taken by <see cref="NextAsync"/>.</summary>
    public int Pending(string conversationId) => Inbox(conversationId).Reader.Count;

    Channel<ReceivedReply> Inbox(string conversationId) => _received.GetOrAdd(conversationId, _ => Channel.CreateUnbounded<ReceivedReply>());

    async Task HandleAsync(HttpContext http)
    {
        using var json = await JsonDocument.ParseAsync(http.Request.Body);
        var activity = json.RootElement.Clone();
        var conversationId = activity.GetProperty("conversation").GetProperty("id").GetString()!;
        _attempts.AddOrUpdate(conversationId, 1, (_, n) => n + 1);
        if (_failuresLeft.TryGetValue(conversationId, out var left) && left > 0)
        {
            _failuresLeft[conversationId] = left - 1;
            http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }
        var rawTarget = http.Features.Get<IHttpRequestFeature>()!.RawTarget;
        var authorization = http.Request.Headers.Authorization.Count > 0 ? http.Request.Headers.Authorization.ToString() : null;
        await Inbox(conversationId).Writer.WriteAsync(new ReceivedReply(http.Request.Method, rawTarget, authorization, activity));
        await http.Response.WriteAsJsonAsync(new { id = "fake-" + Interlocked.Increment(ref _ids) });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
