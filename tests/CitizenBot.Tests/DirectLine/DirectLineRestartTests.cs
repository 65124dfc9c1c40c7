using System.Net;
using CitizenBot.DirectLine;
using CitizenBot.Tests.Infrastructure;

namespace CitizenBot.Tests.DirectLine;

/// <summary>
/// One host on SQLite, stopped and started again on the same data folder: the conversation continues (same id, token,
/// transcript, watermark never going back), and a turn acknowledged before the stop is answered after the start.
/// </summary>
public sealed class DirectLineRestartTests : IDisposable
{
    readonly string _data = Directory.CreateTempSubdirectory("citizenbot-restart-").FullName;
    static readonly string SigningKey = new('k', 40);

    Task<(TestHost Host, RecordingBot Bot)> StartAsync() =>
        DirectLineTestClient.StartHostAsync(null, ("Storage:DataDirectory", _data), ("DirectLine:TokenSigningKey", SigningKey));

    /// <summary>The embedded defaults: no signing key configured, so the host generates one and keeps it.</summary>
    Task<(TestHost Host, RecordingBot Bot)> StartWithoutKeyAsync() => DirectLineTestClient.StartHostAsync(null, ("Storage:DataDirectory", _data));

    [Fact]
    public async Task Without_a_configured_key_the_tokens_of_open_chats_still_work_after_a_restart()
    {
        var (first, _) = await StartWithoutKeyAsync();
        var client = new DirectLineTestClient(first.Client);
        await client.GenerateTokenAsync();
        Assert.Equal(HttpStatusCode.Created, (await client.StartConversationAsync()).Status);
        await client.PostAsync(DirectLineTestClient.Message("trước khi khởi động lại", "c1"));
        await client.PollUntilAsync([], s => s.Any(a => (string?)a["text"] == "Bạn hỏi: trước khi khởi động lại"));
        await first.DisposeAsync();

        // The generated key is kept sealed (data protection), readable by the host's user only.
        var keyFile = Path.Combine(_data, TokenSigningKeySource.FileName);
        Assert.True(File.Exists(keyFile));
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));

        var (second, _) = await StartWithoutKeyAsync();
        await using var _second = second;
        var resumed = new DirectLineTestClient(second.Client) { Token = client.Token, ConversationId = client.ConversationId };
        using (var reconnect = await second.Client.SendAsync(resumed.Request(HttpMethod.Get, $"/conversations/{client.ConversationId}")))
            Assert.Equal(HttpStatusCode.OK, reconnect.StatusCode);
        await resumed.PostAsync(DirectLineTestClient.Message("sau khi khởi động lại", "c2"));
        await resumed.PollUntilAsync([], s => s.Any(a => (string?)a["text"] == "Bạn hỏi: sau khi khởi động lại"));

        // A token the first process never saw is refused: the kept key is a key, not an open door.
        var forged = new DirectLineTestClient(second.Client) { Token = client.Token![..^4] + "AAAA", ConversationId = client.ConversationId };
        using var refused = await second.Client.SendAsync(forged.Request(HttpMethod.Get, $"/conversations/{client.ConversationId}"));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task A_kept_token_key_whose_key_ring_is_gone_is_replaced_and_new_chats_start()
    {
        var (first, _) = await StartWithoutKeyAsync();
        var before = new DirectLineTestClient(first.Client);
        await before.GenerateTokenAsync();
        await first.DisposeAsync();
        Directory.Delete(Path.Combine(_data, "keys"), recursive: true); // restored from a backup without its key ring

        var (second, _) = await StartWithoutKeyAsync();
        await using var _second = second;
        var client = new DirectLineTestClient(second.Client);
        await client.GenerateTokenAsync();
        Assert.Equal(HttpStatusCode.Created, (await client.StartConversationAsync()).Status);
        using var old = await second.Client.SendAsync(before.Request(HttpMethod.Post, "/conversations"));
        Assert.Equal(HttpStatusCode.Forbidden, old.StatusCode);
    }

    [Fact]
    public async Task A_restarted_host_continues_the_conversation_and_answers_what_it_had_acknowledged()
    {
        var (first, bot) = await StartAsync();
        var client = new DirectLineTestClient(first.Client);
        await client.GenerateTokenAsync();
        Assert.Equal(HttpStatusCode.Created, (await client.StartConversationAsync()).Status);
        var seen = await client.PollUntilAsync([], s => s.Any(a => (string?)a["text"] == RecordingBot.Welcome));
        await client.PostAsync(DirectLineTestClient.Message("câu một", "c1"));
        await client.PollUntilAsync(seen, s => s.Any(a => (string?)a["text"] == "Bạn hỏi: câu một"));
        var watermarkBefore = long.Parse(client.Watermark);

        bot.Hold(); // the next turn is acknowledged, then the host stops before answering it
        var acknowledged = await client.PostAsync(DirectLineTestClient.Message("câu hai", "c2"));
        await first.DisposeAsync();

        var (second, _) = await StartAsync();
        await using var _second = second;
        var resumed = new DirectLineTestClient(second.Client) { Token = client.Token, ConversationId = client.ConversationId, Watermark = client.Watermark };
        using (var reconnect = await second.Client.SendAsync(resumed.Request(HttpMethod.Get, $"/conversations/{client.ConversationId}?watermark={client.Watermark}")))
            Assert.Equal(HttpStatusCode.OK, reconnect.StatusCode);
        var after = await resumed.PollUntilAsync([], s => s.Any(a => (string?)a["text"] == "Bạn hỏi: câu hai"));
        Assert.True(long.Parse(resumed.Watermark) > watermarkBefore);
        Assert.Equal(acknowledged, (string?)after.Single(a => (string?)a["text"] == "Bạn hỏi: câu hai")["replyToId"]);

        // The whole transcript, as Web Chat asks for after a page reload: once each, in order.
        var history = new DirectLineTestClient(second.Client) { Token = client.Token, ConversationId = client.ConversationId };
        var all = await history.PollUntilAsync([], s => s.Count >= 5);
        Assert.Equal([RecordingBot.Welcome, "câu một", "Bạn hỏi: câu một", "câu hai", "Bạn hỏi: câu hai"], all.Select(a => (string?)a["text"]));
        Assert.Equal(all.Count, all.Select(a => (string?)a["id"]).Distinct().Count());
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { }
    }
}
