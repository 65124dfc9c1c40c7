using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using CitizenBot.Core.Protocol;

namespace CitizenBot.Tests.DirectLine;

/// <summary>The exact sequence Web Chat 4.18 performs, over real HTTP and WebSocket on 127.0.0.1.</summary>
public sealed class DirectLineWebChatSequenceTests(DirectLineHostFixture fixture) : IClassFixture<DirectLineHostFixture>
{
    [Fact]
    public async Task Generate_start_post_sees_echo_with_client_id_then_reply_to_it()
    {
        var (host, bot) = (fixture.Host, fixture.Bot);
        var client = new DirectLineTestClient(host.Client);

        var generated = await client.GenerateTokenAsync();
        Assert.Equal(3600, (int)generated["expires_in"]!);
        var userId = TokenUser(client.Token!);
        Assert.StartsWith("dl_", userId);

        var (status, started) = await client.StartConversationAsync();
        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal((string)generated["conversationId"]!, (string)started["conversationId"]!);
        Assert.False(string.IsNullOrEmpty((string?)started["token"]));
        Assert.Equal(3600, (int)started["expires_in"]!);
        Assert.StartsWith($"ws://{host.BaseAddress.Authority}/v3/directline/conversations/{client.ConversationId}/stream?t=", client.StreamUrl);

        // The welcome: the bot got conversationUpdate with membersAdded [user, bot]; the client never sees the update.
        var seen = await client.PollUntilAsync([], s => s.Count >= 1);
        var welcome = DirectLineTestClient.ToActivity(Assert.Single(seen));
        Assert.Equal(RecordingBot.Welcome, welcome.Text);
        Assert.Equal("bot", welcome.From?.Role);
        Assert.Null(welcome.ReplyToId);
        var update = Assert.Single(fixture.ReceivedIn(client.ConversationId), a => a.Type == ActivityTypes.ConversationUpdate);
        Assert.Equal([userId, "citizenbot"], update.MembersAdded!.Select(m => m.Id));
        Assert.Equal("directline", update.ChannelId);
        Assert.Equal(client.ConversationId, update.Conversation?.Id);

        var postedId = await client.PostAsync(DirectLineTestClient.Message("dang ky khai sinh cho con", "client-1", userId));
        seen = await client.PollUntilAsync(seen, s => s.Count >= 3);
        Assert.Equal(3, seen.Count);

        var echoJson = seen[1];
        Assert.Equal("client-1", (string?)echoJson["channelData"]!["clientActivityID"]);
        Assert.Empty(echoJson["channelData"]!["attachmentSizes"]!.AsArray()); // channelData kept unchanged
        var echo = DirectLineTestClient.ToActivity(echoJson);
        Assert.Equal(postedId, echo.Id);
        Assert.EndsWith("Z", (string)echoJson["timestamp"]!);
        Assert.Equal("directline", echo.ChannelId);
        Assert.Equal(client.ConversationId, echo.Conversation?.Id);
        Assert.Equal("citizenbot", echo.Recipient?.Id);
        Assert.Equal(userId, echo.From?.Id);
        Assert.Equal($"http://{host.BaseAddress.Authority}/", echo.ServiceUrl);
        Assert.Equal(DateTimeOffset.Parse("2025-07-01T15:00:00.000+07:00"), echo.LocalTimestamp);
        Assert.EndsWith("+07:00", (string)echoJson["localTimestamp"]!); // the client's offset is kept

        var reply = DirectLineTestClient.ToActivity(seen[2]);
        Assert.Equal(echo.Id, reply.ReplyToId);
        Assert.Equal("Bạn hỏi: dang ky khai sinh cho con", reply.Text);
        Assert.Equal(userId, reply.Recipient?.Id);
        Assert.EndsWith("Z", (string)seen[2]["timestamp"]!);
        Assert.True(reply.Timestamp > echo.Timestamp, "the reply sorts after the echo");
        Assert.Equal(3, seen.Select(a => (string)a["id"]!).Distinct().Count());

        // What the bot received is the echo: same id, so its reply's replyToId points at an activity Web Chat has.
        var received = Assert.Single(fixture.ReceivedIn(client.ConversationId), a => a.Type == ActivityTypes.Message);
        Assert.Equal(postedId, received.Id);
        Assert.Equal("client-1", received.ChannelData?.GetProperty("clientActivityID").GetString());
    }

    [Fact]
    public async Task A_post_retried_with_the_same_client_activity_id_is_echoed_and_answered_once()
    {
        var client = new DirectLineTestClient(fixture.Host.Client);
        await client.GenerateTokenAsync();
        await client.StartConversationAsync();
        var userId = TokenUser(client.Token!);
        // Web Chat's "Send failed" → retry resends the activity with its clientActivityID (the 200 was lost, not the post).
        var first = await client.PostAsync(DirectLineTestClient.Message("đăng ký kết hôn", "retry-1", userId));
        var retried = await client.PostAsync(DirectLineTestClient.Message("đăng ký kết hôn", "retry-1", userId));
        var other = await client.PostAsync(DirectLineTestClient.Message("đăng ký kết hôn", "retry-2", userId));
        Assert.Equal(first, retried);
        Assert.NotEqual(first, other);

        var seen = await client.PollUntilAsync([], s => s.Count(a => (string?)a["replyToId"] == other) == 1);
        await Task.Delay(300); // a second answer to the retried post would be stored by now
        seen.AddRange(await client.PollOnceAsync());
        Assert.Single(seen, a => (string?)a["id"] == first);
        Assert.Single(seen, a => (string?)a["replyToId"] == first);
        Assert.Equal(2, fixture.ReceivedIn(client.ConversationId!).Count(a => a.Type == ActivityTypes.Message));

        using var tooLong = await fixture.Host.Client.SendAsync(client.Request(HttpMethod.Post, $"/conversations/{client.ConversationId}/activities",
            DirectLineTestClient.Message("x", new string('x', 257), userId)));
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
    }

    [Fact]
    public async Task Starting_an_already_started_conversation_answers_200_and_welcomes_once()
    {
        var (host, bot) = (fixture.Host, fixture.Bot);
        var client = new DirectLineTestClient(host.Client);
        await client.GenerateTokenAsync();
        Assert.Equal(HttpStatusCode.Created, (await client.StartConversationAsync()).Status);
        Assert.Equal(HttpStatusCode.OK, (await client.StartConversationAsync()).Status);
        await client.PostAsync(DirectLineTestClient.Message("xin chao", "c1"));
        var seen = await client.PollUntilAsync([], s => s.Count >= 3);
        Assert.Single(seen, a => (string?)a["text"] == RecordingBot.Welcome);
        Assert.Single(fixture.ReceivedIn(client.ConversationId), a => a.Type == ActivityTypes.ConversationUpdate);
    }

    [Fact]
    public async Task Watermark_paging_has_no_repeats_and_no_gaps()
    {
        var host = fixture.Host;
        var client = new DirectLineTestClient(host.Client);
        await client.GenerateTokenAsync();
        await client.StartConversationAsync();

        // '' and a missing watermark both mean 0.
        var first = await client.PollUntilAsync([], s => s.Count >= 1);
        using (var noWatermark = await client.SendAsync(client.Request(HttpMethod.Get, $"/conversations/{client.ConversationId}/activities")))
        {
            var set = await DirectLineTestClient.ReadObjectAsync(noWatermark);
            Assert.Equal((string)first[0]["id"]!, (string)set["activities"]![0]!["id"]!);
        }

        var seen = new List<JsonObject>(first);
        for (var i = 0; i < 5; i++)
        {
            await client.PostAsync(DirectLineTestClient.Message($"cau hoi {i}", $"c{i}"));
            seen.AddRange(await client.PollOnceAsync());
        }
        await client.PollUntilAsync(seen, s => s.Count >= 11);

        Assert.Equal(11, seen.Count); // welcome + 5 echoes + 5 replies, each exactly once
        var ids = seen.Select(a => (string)a["id"]!).ToList();
        Assert.Equal(ids.Distinct().Count(), ids.Count);
        Assert.Equal(Enumerable.Range(0, 11).Select(i => $"{client.ConversationId}|{i:D7}"), ids);
        Assert.Equal("11", client.Watermark);

        // Nothing new: an empty set and the same watermark, at once.
        var empty = await client.PollOnceAsync();
        Assert.Empty(empty);
        Assert.Equal("11", client.Watermark);

        // A client resuming from an older watermark gets exactly what came after it.
        client.Watermark = "7";
        var tail = await client.PollOnceAsync();
        Assert.Equal(ids[7..], tail.Select(a => (string)a["id"]!));
    }

    [Fact]
    public async Task WebSocket_stream_pushes_welcome_echo_and_reply()
    {
        var host = fixture.Host;
        var client = new DirectLineTestClient(host.Client);
        await client.GenerateTokenAsync();
        await client.StartConversationAsync();

        using var socket = new ClientWebSocket();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await socket.ConnectAsync(new Uri(client.StreamUrl!), timeout.Token);

        var received = new List<JsonObject>();
        async Task ReceiveUntil(int count)
        {
            while (received.Count < count)
            {
                var frame = await ReceiveTextAsync(socket, timeout.Token);
                if (frame.Length == 0)
                    continue; // keep-alive
                var set = JsonNode.Parse(frame)!.AsObject();
                Assert.False(string.IsNullOrEmpty((string?)set["watermark"]));
                received.AddRange(set["activities"]!.AsArray().Select(a => a!.AsObject()));
            }
        }

        await ReceiveUntil(1);
        Assert.Equal(RecordingBot.Welcome, (string?)received[0]["text"]);

        var postedId = await client.PostAsync(DirectLineTestClient.Message("lam can cuoc", "ws-1"));
        await ReceiveUntil(3);
        Assert.Equal(postedId, (string)received[1]["id"]!);
        Assert.Equal("ws-1", (string?)received[1]["channelData"]!["clientActivityID"]);
        Assert.Equal(postedId, (string?)received[2]["replyToId"]);
        Assert.Equal("Bạn hỏi: lam can cuoc", (string?)received[2]["text"]);

        // Reconnect as DLJS does: GET /conversations/{id}?watermark=W gives a stream that starts after W.
        using var again = await client.SendAsync(client.Request(HttpMethod.Get, $"/conversations/{client.ConversationId}?watermark=1"));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var conversation = await DirectLineTestClient.ReadObjectAsync(again);
        Assert.Contains("watermark=1", (string)conversation["streamUrl"]!);
        using var resumed = new ClientWebSocket();
        await resumed.ConnectAsync(new Uri((string)conversation["streamUrl"]!), timeout.Token);
        var replay = JsonNode.Parse(await ReceiveTextAsync(resumed, timeout.Token))!.AsObject();
        Assert.Equal(postedId, (string?)replay["activities"]![0]!["id"]);
        Assert.Equal("3", (string?)replay["watermark"]);

        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
        await resumed.CloseAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
    }

    [Fact]
    public async Task Concurrent_posts_to_one_conversation_are_answered_in_echo_order()
    {
        var (host, bot) = (fixture.Host, fixture.Bot);
        var client = new DirectLineTestClient(host.Client);
        await client.GenerateTokenAsync();
        await client.StartConversationAsync();
        await client.PollUntilAsync([], s => s.Count >= 1);

        const int count = 20;
        var ids = await Task.WhenAll(Enumerable.Range(0, count).Select(i => client.PostAsync(DirectLineTestClient.Message($"q{i}", $"c{i}"))));
        Assert.Equal(count, ids.Distinct().Count());

        var seen = await client.PollUntilAsync([], s => s.Count >= 2 * count);
        var echoes = seen.Where(a => (string?)a["from"]!["role"] == "user").ToList();
        var replies = seen.Where(a => (string?)a["from"]!["role"] == "bot" && a["replyToId"] is not null).ToList();
        Assert.Equal(count, echoes.Count);
        Assert.Equal(count, replies.Count);
        // The bot saw the turns in transcript order, one at a time, and answered in the same order.
        Assert.Equal(echoes.Select(e => (string)e["id"]!), fixture.ReceivedIn(client.ConversationId).Where(a => a.Type == ActivityTypes.Message).Select(a => a.Id!));
        Assert.Equal(echoes.Select(e => (string)e["id"]!), replies.Select(r => (string)r["replyToId"]!));
        Assert.Equal(echoes.Select(e => "Bạn hỏi: " + (string)e["text"]!), replies.Select(r => (string)r["text"]!));
        Assert.Equal(ids.Order(), echoes.Select(e => (string)e["id"]!).Order());
    }

    static async Task<string> ReceiveTextAsync(WebSocket socket, CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        WebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(buffer, cancellationToken);
            Assert.NotEqual(WebSocketMessageType.Close, result.MessageType);
            message.Write(buffer, 0, result.Count);
        } while (!result.EndOfMessage);
        return Encoding.UTF8.GetString(message.ToArray());
    }

    internal static string TokenUser(string token)
    {
        var payload = token.Split('.')[1];
        var json = Encoding.UTF8.GetString(Convert.FromBase64String(payload.Replace('-', '+').Replace('_', '/').PadRight((payload.Length + 3) / 4 * 4, '=')));
        return (string)JsonNode.Parse(json)!["user"]!;
    }
}
