using System.Text.Json;
using System.Text.Json.Nodes;
using CitizenBot.Tests.DirectLine;
using CitizenBot.Tests.Infrastructure;

namespace CitizenBot.Tests.Demand;

/// <summary>
/// Plays <c>day-of-traffic.txt</c> against a running host as Web Chat drives it: one Direct Line conversation per
/// script conversation (token, start, then each message posted and its replies polled), 👍/👎 pressed as the answer
/// card's own messageBack buttons, and the card's online button followed through the counting redirect.
/// </summary>
public static class DayOfTraffic
{
    public enum StepKind { Message, ChitChat, FeedbackUp, FeedbackDown, Click }

    public sealed record Step(StepKind Kind, string Text, int Line);

    public sealed record Conversation(string Name, IReadOnlyList<Step> Steps);

    /// <summary>What was played: Direct Line turns (messages and feedback posted), clicks followed, and the chit-chat typed.</summary>
    public sealed record Played(int Turns, int Clicks, int FeedbackWithoutCard, int ClicksWithoutButton, IReadOnlyList<string> ChitChat);

    public static string ScriptPath => Path.Combine(RepoPaths.Root, "tests", "CitizenBot.Tests", "Demand", "day-of-traffic.txt");

    /// <summary>Reads the script; a line it does not understand fails with its number.</summary>
    public static IReadOnlyList<Conversation> Load(string path)
    {
        var conversations = new List<Conversation>();
        List<Step>? steps = null;
        var number = 0;
        foreach (var raw in File.ReadLines(path))
        {
            number++;
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#') && !line.StartsWith("##", StringComparison.Ordinal)) continue;
            if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                conversations.Add(new Conversation(line[3..].Trim(), steps = []));
                continue;
            }
            if (steps is null) throw new FormatException($"{path}:{number}: a step before the first '## conversation'.");
            steps.Add(line switch
            {
                ['-', ' ', ..] => new Step(StepKind.Message, line[2..].Trim(), number),
                ['*', ' ', ..] => new Step(StepKind.ChitChat, line[2..].Trim(), number),
                "+ up" => new Step(StepKind.FeedbackUp, "", number),
                "+ down" => new Step(StepKind.FeedbackDown, "", number),
                "+ click" => new Step(StepKind.Click, "", number),
                _ => throw new FormatException($"{path}:{number}: not a step: '{line}'."),
            });
        }
        return conversations;
    }

    /// <summary>Plays every conversation, a few at once (as citizens chat at the same time).</summary>
    public static async Task<Played> PlayAsync(TestHost host, IReadOnlyList<Conversation> conversations, int parallel = 4)
    {
        var turns = 0;
        var clicks = 0;
        var feedbackWithoutCard = 0;
        var clicksWithoutButton = 0;
        var address = 0;
        await Parallel.ForEachAsync(conversations, new ParallelOptions { MaxDegreeOfParallelism = parallel }, async (conversation, ct) =>
        {
            var client = new DirectLineTestClient(host.Client);
            await client.GenerateTokenAsync();
            var (status, _) = await client.StartConversationAsync();
            Assert.True((int)status is 200 or 201, $"POST /conversations: {status}");
            var seen = new List<JsonObject>();
            JsonObject? card = null;
            var sent = 0;
            foreach (var step in conversation.Steps)
            {
                object? activity = step.Kind switch
                {
                    StepKind.Message or StepKind.ChitChat => DirectLineTestClient.Message(step.Text, $"{conversation.Name}-{++sent}"),
                    StepKind.FeedbackUp or StepKind.FeedbackDown => Feedback(card, step.Kind == StepKind.FeedbackUp ? "up" : "down", $"{conversation.Name}-{++sent}"),
                    _ => null,
                };
                if (step.Kind == StepKind.Click)
                {
                    if (OnlineButton(card) is not { } url)
                    {
                        Interlocked.Increment(ref clicksWithoutButton);
                        continue;
                    }
                    // Each click from its own loopback address, as citizens on their own phones (the redirect counts ≤ 10 a minute per address).
                    using var browser = ClientAddresses.From($"127.0.1.{Interlocked.Increment(ref address) % 250 + 1}", host.BaseAddress);
                    using var response = await browser.GetAsync(url, ct);
                    Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
                    Interlocked.Increment(ref clicks);
                    continue;
                }
                if (activity is null)
                {
                    Interlocked.Increment(ref feedbackWithoutCard);
                    continue;
                }
                var id = await client.PostAsync(activity);
                Interlocked.Increment(ref turns);
                await client.PollUntilAsync(seen, all => all.Any(a => (string?)a["replyToId"] == id));
                var replies = seen.Where(a => (string?)a["replyToId"] == id).ToList();
                card = replies.LastOrDefault(a => a["attachments"] is JsonArray { Count: > 0 } attachments
                    && attachments.Any(x => (string?)x?["contentType"] == "application/vnd.microsoft.card.hero")) ?? card;
            }
        });
        var chitChat = conversations.SelectMany(c => c.Steps).Where(s => s.Kind == StepKind.ChitChat).Select(s => s.Text).ToList();
        return new Played(turns, clicks, feedbackWithoutCard, clicksWithoutButton, chitChat);
    }

    static IEnumerable<JsonObject> Buttons(JsonObject? activity) =>
        activity?["attachments"]?.AsArray().SelectMany(a => a?["content"]?["buttons"]?.AsArray() ?? []).OfType<JsonObject>() ?? [];

    /// <summary>What Web Chat posts for a messageBack button: its text and value, the display text in channelData.</summary>
    static object? Feedback(JsonObject? card, string rating, string clientActivityId)
    {
        var button = Buttons(card).FirstOrDefault(b => (string?)b["type"] == "messageBack" && (string?)b["value"]?["rating"] == rating);
        if (button is null) return null;
        return new
        {
            type = "message",
            text = (string?)button["text"],
            value = JsonSerializer.Deserialize<JsonElement>(button["value"]!.ToJsonString()),
            locale = "vi-VN",
            channelId = "webchat",
            from = new { id = "r_webchat", name = "", role = "user" },
            channelData = new { clientActivityID = clientActivityId, messageBack = new { displayText = (string?)button["displayText"] } },
        };
    }

    /// <summary>The card's button that goes through the counting redirect, as a path on this host.</summary>
    static string? OnlineButton(JsonObject? card) =>
        Buttons(card).Where(b => (string?)b["type"] == "openUrl").Select(b => (string?)b["value"])
            .Where(v => v is not null && Uri.TryCreate(v, UriKind.Absolute, out var u) && u.AbsolutePath.StartsWith("/di/", StringComparison.Ordinal))
            .Select(v => new Uri(v!).PathAndQuery).FirstOrDefault();
}
