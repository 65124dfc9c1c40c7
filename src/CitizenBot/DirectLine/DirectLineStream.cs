using System.Net.WebSockets;
using CitizenBot.Core.DirectLine;
using Microsoft.Extensions.Options;

namespace CitizenBot.DirectLine;

/// <summary>
/// The WebSocket at streamUrl (preferred by DLJS): pushes every new ActivitySet, starting after the watermark in the URL,
/// and an empty text frame as keep-alive when idle. The URL is pre-authorized with the token in <c>t</c>, because
/// browsers send no headers on a WebSocket. Frames the client sends (its "" keep-alives) are read and dropped.
/// </summary>
public static class DirectLineStream
{
    const int BatchSize = 100;

    public static async Task<IResult> Run(HttpContext http, string conversationId, string? watermark,
        DirectLineAuth auth, DirectLineChannel channel, IOptions<DirectLineOptions> options, TimeProvider clock, IHostApplicationLifetime lifetime)
    {
        var result = auth.AuthenticateFor(http, DirectLineAuth.CredentialOf(http.Request), conversationId);
        if (result.Caller is null)
            return result.Failure!;
        if (await channel.FindAsync(conversationId, http.RequestAborted) is not { } conversation)
            return DirectLineProblems.ConversationNotFound(conversationId);
        if (!DirectLineApi.TryParseWatermark(watermark, out var from))
            return DirectLineProblems.BadRequest("watermark must be a non-negative integer. / Tham số watermark không hợp lệ.");
        if (!http.WebSockets.IsWebSocketRequest)
            return DirectLineProblems.BadRequest("This URL is a WebSocket stream; open it with a WebSocket client. / Đường dẫn này chỉ dùng cho WebSocket.");

        using var socket = await http.WebSockets.AcceptWebSocketAsync();
        // A stream lives no longer than the token it was opened with, as the Direct Line service does: the client
        // renews its token and reconnects (GET /conversations/{id}) rather than holding a stream its token no longer
        // covers — and a client that reconnects does not end up with two streams repeating every activity.
        using var expiry = result.Caller.Claims is { } claims
            ? new CancellationTokenSource(Max(claims.ExpiresAt - clock.GetUtcNow(), TimeSpan.Zero), clock)
            : new CancellationTokenSource();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, lifetime.ApplicationStopping, expiry.Token);
        var reading = DrainIncomingAsync(socket, channel, conversation, stop);
        try
        {
            await PushAsync(socket, channel, conversation, from ?? 0, options.Value.StreamKeepAlive, clock, stop.Token);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        catch (WebSocketException)
        {
            // The client went away mid-send; DLJS reconnects through GET /conversations/{id}.
        }
        await stop.CancelAsync();
        await reading;
        if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            try
            {
                using var closing = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, closing.Token);
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException)
            {
            }
        }
        return Results.Empty;
    }

    static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    /// <summary>
    /// Reads the store on connect (and for a change made on another replica, or one that leaves a gap); a change this
    /// process made is sent from the rows it has just appended.
    /// </summary>
    static async Task PushAsync(WebSocket socket, DirectLineChannel channel, StoredConversation conversation, long position, TimeSpan keepAlive, TimeProvider clock, CancellationToken cancel)
    {
        using var changes = channel.Subscribe(conversation); // before reading, so nothing appended in between is missed
        var (activities, next) = await channel.ReadAsync(conversation, position, BatchSize, cancel);
        while (!cancel.IsCancellationRequested)
        {
            if (activities.Count > 0)
            {
                position = next;
                await socket.SendAsync(DirectLineJson.ActivitySet(activities, next), WebSocketMessageType.Text, endOfMessage: true, cancel);
                if (activities.Count == BatchSize) // a long transcript: its next page
                {
                    (activities, next) = await channel.ReadAsync(conversation, position, BatchSize, cancel);
                    continue;
                }
            }
            if (await changes.NextAsync(keepAlive, clock, cancel) is { } change)
                (activities, next) = await channel.ReadChangeAsync(conversation, position, change, BatchSize, cancel);
            else
            {
                activities = [];
                await socket.SendAsync(ReadOnlyMemory<byte>.Empty, WebSocketMessageType.Text, endOfMessage: true, cancel);
            }
        }
    }

    /// <summary>Reads until the client closes; each frame counts as activity so an open chat is not forgotten as idle.</summary>
    static async Task DrainIncomingAsync(WebSocket socket, DirectLineChannel channel, StoredConversation conversation, CancellationTokenSource stop)
    {
        var buffer = new byte[4096];
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var frame = await socket.ReceiveAsync(buffer, stop.Token);
                if (frame.MessageType == WebSocketMessageType.Close)
                    break;
                if (await channel.FindAsync(conversation.Id, stop.Token) is { } current)
                    conversation = current; // FindAsync marks it active at most once a minute
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or System.Data.Common.DbException)
        {
        }
        await stop.CancelAsync();
    }
}
