using System.Text.Json.Nodes;
using CitizenBot.Conversation;
using CitizenBot.Core.Conversations;
using CitizenBot.Core.Demand;
using CitizenBot.Core.Dialogs;
using CitizenBot.Core.Protocol;
using CitizenBot.Tests.DirectLine;
using CitizenBot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CitizenBot.Tests.Conversation;

/// <summary>The conversation as the host wires it: the dialog bot behind Direct Line, its state in the data folder.</summary>
public sealed class ConversationHostTests
{
    [Fact]
    public async Task The_host_registers_the_dialog_bot_and_its_services()
    {
        await using var host = await TestHost.StartAsync();
        Assert.IsType<DialogBot>(host.Services.GetRequiredService<IBot>());
        Assert.Same(host.Services.GetRequiredService<IBot>(), host.Services.GetRequiredService<IBotErrorRecovery>());
        Assert.NotNull(host.Services.GetRequiredService<IDemandRecorder>());
        var store = Assert.IsType<SqliteConversationStateStore>(host.Services.GetRequiredService<IConversationStateStore>());
        Assert.Equal(Path.Combine(host.DataDirectory, "conversations.db"), store.Path);
    }

    [Fact]
    public async Task A_conversation_over_Direct_Line_gets_the_welcome_and_an_answer_card()
    {
        await using var host = await TestHost.StartAsync();
        var client = new DirectLineTestClient(host.Client);
        await client.GenerateTokenAsync();
        await client.StartConversationAsync("dl_user");
        var seen = new List<JsonObject>();

        await client.PollUntilAsync(seen, s => s.Any(IsBotText));
        var welcome = seen.First(IsBotText);
        Assert.Contains("tra cứu thủ tục hành chính", (string)welcome["text"]!);
        Assert.Equal("markdown", (string?)welcome["textFormat"]);
        Assert.Contains(welcome["suggestedActions"]!["actions"]!.AsArray(), a => (string?)a!["title"] == "Đăng ký khai sinh");

        await client.PostAsync(DirectLineTestClient.Message("đăng ký khai sinh", "c1", "dl_user"));
        await client.PollUntilAsync(seen, s => s.Any(IsCard));
        var card = seen.First(IsCard)["attachments"]![0]!;
        Assert.Equal(ContentTypes.HeroCard, (string?)card["contentType"]);
        var content = Assert.IsType<JsonObject>(card["content"]);
        Assert.Equal("Thủ tục đăng ký khai sinh", (string?)content["title"]);
        // The online button goes through the counting redirect, which sends the citizen on to the national service.
        var online = content["buttons"]!.AsArray().First(b => (string?)b!["type"] == "openUrl")!;
        Assert.Equal(new Uri(host.BaseAddress, "/di/1.001193").ToString(), (string?)online["value"]);
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var redirect = await http.GetAsync((string?)online["value"]);
        Assert.StartsWith("https://dichvucong.gov.vn/", redirect.Headers.Location?.ToString());

        var state = await host.Services.GetRequiredService<IConversationStateStore>().GetAsync(client.ConversationId!, default);
        Assert.Equal("1.001193", state?.State.CurrentCode);
        Assert.True(File.Exists(Path.Combine(host.DataDirectory, "conversations.db")));
    }

    [Fact]
    public async Task A_failed_turn_resets_the_conversation_state()
    {
        await using var host = await TestHost.StartAsync();
        var store = host.Services.GetRequiredService<IConversationStateStore>();
        await store.SaveAsync("broken", new ConversationState { Waiting = "main.listen", CurrentCode = "1.001193" }, 0, default);

        await host.Services.GetRequiredService<IBotErrorRecovery>().ResetAsync("broken", default);

        Assert.Null(await store.GetAsync("broken", default));
    }

    [Fact]
    public async Task A_bad_idle_timeout_stops_start_up()
    {
        var e = await Assert.ThrowsAnyAsync<Exception>(() => TestHost.StartAsync(("Conversation:IdleTimeout", "00:00:00")));
        Assert.Contains("Conversation:IdleTimeout", e.ToString());
    }

    [Fact]
    public async Task A_bad_dialogs_folder_stops_start_up_with_the_file_named()
    {
        var folder = Directory.CreateTempSubdirectory("citizenbot-bad-dialogs-").FullName;
        try
        {
            var e = await Assert.ThrowsAsync<DialogLoadException>(() => TestHost.StartAsync(("Dialogs:Path", folder)));
            Assert.Contains(Path.Combine(folder, "intents.txt"), e.Message);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    static bool IsBotText(JsonObject a) => (string?)a["type"] == "message" && (string?)a["from"]?["role"] == "bot" && a["text"] is not null;

    static bool IsCard(JsonObject a) => (string?)a["type"] == "message" && a["attachments"] is JsonArray { Count: > 0 };
}
