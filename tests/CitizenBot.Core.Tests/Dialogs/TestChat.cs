using System.Text.Json;
using CitizenBot.Core.Catalogue;
using CitizenBot.Core.Conversations;
using CitizenBot.Core.Demand;
using CitizenBot.Core.Dialogs;
using CitizenBot.Core.Protocol;
using Microsoft.Extensions.Logging.Abstractions;

namespace CitizenBot.Core.Tests.Dialogs;

/// <summary>
/// A chat client for tests: sends activities through the real <see cref="BotAdapter"/> and <see cref="DialogBot"/>,
/// reads the replies back from their JSON (as a channel would), and clicks buttons the way Web Chat does.
/// </summary>
public sealed class TestChat
{
    public const string UserId = "user-1";
    public const string BotId = "citizenbot";

    readonly BotAdapter _adapter;
    readonly InMemoryDemandRecorder _demand = new();
    int _sent;
    IReadOnlyList<Activity> _visible = [];

    /// <param name="time">The bot's clock (what "today" is for dated fee notes); the system clock when null.</param>
    /// <param name="catalogue">Another catalogue than the fixture's (e.g. with province lists in force); the fixture's search still finds.</param>
    /// <param name="links">Where the answer's online button points (the counting redirect), when not straight to the service.</param>
    /// <param name="scrubber">What takes personal data out of messages; as the host does (the catalogue's places kept) when null.</param>
    public TestChat(DialogTestData data, string conversationId, string channel = "test", TimeProvider? time = null, ICatalogue? catalogue = null, AnswerLinks? links = null,
        PersonalDataScrubber? scrubber = null)
    {
        ConversationId = conversationId;
        Channel = channel;
        Store = new SqliteConversationStateStore(Path.Combine(data.Folder, $"conversations-{Guid.NewGuid():N}.db"), TimeSpan.FromMinutes(30), TimeProvider.System);
        Bot = new DialogBot(data.Dialogs, data.Searcher, catalogue ?? data.Catalogue, Store, _demand, time ?? TimeProvider.System, NullLogger<DialogBot>.Instance, links,
            scrubber ?? PersonalDataScrubber.For(catalogue ?? data.Catalogue));
        _adapter = new BotAdapter(Bot, NullLogger<BotAdapter>.Instance, Bot);
    }

    public string ConversationId { get; }
    public string Channel { get; }
    public DialogBot Bot { get; }
    public SqliteConversationStateStore Store { get; }
    public IReadOnlyList<Activity> LastReplies { get; private set; } = [];
    public IReadOnlyList<DemandEvent> LastDemand { get; private set; } = [];
    public IReadOnlyList<DemandEvent> AllDemand => _demand.Events;

    public Task<IReadOnlyList<Activity>> JoinAsync() => SendAsync(new Activity
    {
        Type = ActivityTypes.ConversationUpdate,
        MembersAdded = [new ChannelAccount { Id = UserId }, new ChannelAccount { Id = BotId }],
    });

    public Task<IReadOnlyList<Activity>> SayAsync(string text, object? value = null) => SendAsync(new Activity
    {
        Type = ActivityTypes.Message,
        Text = text,
        TextFormat = "plain",
        Value = value is null ? null : JsonSerializer.SerializeToElement(value, ProtocolJson.Options),
    });

    /// <summary>
    /// Clicks the button titled <paramref name="title"/> on the latest replies that had any (card buttons, then
    /// suggested actions): what the user still sees when a turn brought no reply.
    /// </summary>
    public Task<IReadOnlyList<Activity>> ClickAsync(string title)
    {
        var button = Buttons(_visible).FirstOrDefault(b => b.Title == title)
            ?? throw new InvalidOperationException($"No button '{title}' in the last replies; buttons: {string.Join(" | ", Buttons(_visible).Select(b => b.Title))}");
        return button.Type switch
        {
            "imBack" => SayAsync(button.Value!),
            "messageBack" => SayAsync(button.Text ?? "", button.RawValue),
            _ => throw new InvalidOperationException($"Button '{title}' is {button.Type}: it does not send a message."),
        };
    }

    async Task<IReadOnlyList<Activity>> SendAsync(Activity activity)
    {
        activity.Id = $"in-{++_sent}";
        activity.ChannelId = Channel;
        activity.ServiceUrl = "http://127.0.0.1/";
        activity.Timestamp = DateTimeOffset.UtcNow;
        activity.From = new ChannelAccount { Id = UserId, Name = "Người dùng", Role = "user" };
        activity.Recipient = new ChannelAccount { Id = BotId, Name = "CitizenBot", Role = "bot" };
        activity.Conversation = new ConversationAccount { Id = ConversationId };
        var before = _demand.Events.Count;
        var replies = await _adapter.ProcessAsync(activity, CancellationToken.None);
        // What a channel would deliver: the replies as JSON (a card's content must come out as an object).
        var json = JsonSerializer.Serialize(replies, ProtocolJson.Options);
        LastReplies = JsonSerializer.Deserialize<List<Activity>>(json, ProtocolJson.Options)!;
        if (LastReplies.Count > 0) _visible = LastReplies;
        LastDemand = _demand.Events.Skip(before).ToList();
        return LastReplies;
    }

    public sealed record Button(string Type, string? Title, string? Text, string? Value, JsonElement? RawValue);

    public static IEnumerable<Button> CardButtons(Activity reply) =>
        (reply.Attachments ?? []).Where(a => a.Content is JsonElement { ValueKind: JsonValueKind.Object })
            .SelectMany(a => ((JsonElement)a.Content!).TryGetProperty("buttons", out var b) ? b.EnumerateArray() : Enumerable.Empty<JsonElement>())
            .Select(ToButton);

    public static IEnumerable<Button> SuggestedButtons(Activity reply) =>
        (reply.SuggestedActions?.Actions ?? []).Select(a => ToButton(JsonSerializer.SerializeToElement(a, ProtocolJson.Options)));

    public static IEnumerable<Button> Buttons(IEnumerable<Activity> replies) =>
        replies.SelectMany(r => CardButtons(r).Concat(SuggestedButtons(r)));

    static Button ToButton(JsonElement e)
    {
        string? S(string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        JsonElement? raw = e.TryGetProperty("value", out var value) ? value.Clone() : null;
        return new Button(S("type") ?? "", S("title"), S("text"), S("value"), raw);
    }

    /// <summary>A readable dump of replies for failure messages.</summary>
    public static string Describe(IEnumerable<Activity> replies)
    {
        var lines = new List<string>();
        foreach (var r in replies)
        {
            if (r.Text is { } text) lines.Add("  text: " + text.Replace("\n", "⏎"));
            foreach (var a in r.Attachments ?? [])
                lines.Add($"  card {a.ContentType}: {(a.Content is JsonElement c ? c.GetRawText() : a.Content)}");
            if (r.SuggestedActions is { } s) lines.Add("  suggested: " + string.Join(" | ", s.Actions.Select(a => $"{a.Type}:{a.Title}")));
        }
        return lines.Count == 0 ? "  (no replies)" : string.Join(Environment.NewLine, lines);
    }
}
