using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using CitizenBot.Core.Protocol;

namespace CitizenBot.Core.Tests.Dialogs;

/// <summary>
/// A conversation written as a test (Transcripts/*.transcript), replayed through the real bot and search.
/// <code>
/// # comment
/// today: 2026-06-01           the bot's clock for the whole conversation (first line; the system clock without it)
/// join                        the user opens the chat (conversationUpdate)
/// user: đăng ký khai sinh     the user sends text
/// click: 👎 Chưa đúng         the user clicks a button on the last replies (imBack / messageBack, as Web Chat does)
/// bot: fragment               the next reply is a text message containing fragment ("bot: *" = any text message);
///                             fragments are compared ignoring case
/// card: fragment              the next reply is a hero card whose title contains fragment
/// and: fragment               the current reply (text, or card title/subtitle/text) also contains fragment
/// not: fragment               … and does not contain it
/// link: https://…             the current card has an openUrl button to this address (prefix)
/// buttons: A | B              the current card has buttons with these titles (among others)
/// suggested: A | B            the current reply suggests these actions (among others)
/// demand: NoMatch [code]      the turn recorded this demand (every recorded event must be listed)
/// </code>
/// Every reply of a turn must be expected before the next user line; the conversation id is the file name, so the
/// template variants chosen are the same on every run.
/// </summary>
public sealed class Transcript
{
    public required string Name { get; init; }
    public required IReadOnlyList<TranscriptLine> Lines { get; init; }

    public static Transcript Parse(string file)
    {
        var lines = new List<TranscriptLine>();
        var number = 0;
        foreach (var raw in File.ReadLines(file, Encoding.UTF8))
        {
            number++;
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            if (line is "join" or "explore") { lines.Add(new TranscriptLine(number, line, "")); continue; }
            var colon = line.IndexOf(':');
            if (colon <= 0) throw new FormatException($"{file}:{number}: expected \"kind: text\"");
            lines.Add(new TranscriptLine(number, line[..colon].Trim(), line[(colon + 1)..].Trim()));
        }
        return new Transcript { Name = Path.GetFileNameWithoutExtension(file), Lines = lines };
    }

    public async Task ReplayAsync(DialogTestData data)
    {
        var today = Lines.FirstOrDefault(l => l.Kind == "today");
        var clock = today is null ? null
            : new FakeTimeProvider(DateTimeOffset.ParseExact(today.Text + " 09:00 +07:00", "yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture));
        var chat = new TestChat(data, "transcript-" + Name, time: clock);
        var pending = new Queue<Activity>();
        Activity? current = null;
        var demand = new List<string>();
        var log = new StringBuilder();
        var turnLine = 0;

        void Fail(TranscriptLine at, string message) =>
            Assert.Fail($"{Name}.transcript:{at.Number}: {message}{Environment.NewLine}Replies of the turn from line {turnLine}:{Environment.NewLine}" +
                        $"{TestChat.Describe(chat.LastReplies)}{Environment.NewLine}Demand: {string.Join(", ", chat.LastDemand.Select(e => $"{e.Outcome} {e.MatchedCode}"))}" +
                        $"{Environment.NewLine}Conversation so far:{Environment.NewLine}{log}");

        var explore = Lines.Any(l => l.Kind == "explore");
        void EndTurn(TranscriptLine at)
        {
            if (turnLine == 0 || explore) return;
            if (pending.Count > 0) Fail(at, $"{pending.Count} reply(s) of the turn were not expected");
            var actual = chat.LastDemand.Select(e => $"{e.Outcome}{(e.MatchedCode is { } c ? " " + c : "")}").ToList();
            foreach (var expected in demand)
            {
                var hit = actual.FindIndex(a => a == expected || a.StartsWith(expected + " ", StringComparison.Ordinal));
                if (hit < 0) Fail(at, $"expected demand '{expected}'; recorded: {string.Join(", ", actual)}");
                actual.RemoveAt(hit);
            }
            if (actual.Count > 0) Fail(at, $"demand recorded but not expected: {string.Join(", ", actual)}");
            demand.Clear();
        }

        foreach (var line in Lines)
        {
            switch (line.Kind)
            {
                case "join" or "user" or "click":
                    EndTurn(line);
                    turnLine = line.Number;
                    log.AppendLine($"  > {line.Kind} {line.Text}");
                    var replies = line.Kind switch
                    {
                        "join" => await chat.JoinAsync(),
                        "user" => await chat.SayAsync(line.Text),
                        _ => await chat.ClickAsync(line.Text),
                    };
                    log.AppendLine(TestChat.Describe(replies));
                    foreach (var e in chat.LastDemand) log.AppendLine($"  demand: {e.Outcome} {e.MatchedCode}");
                    pending = new Queue<Activity>(replies);
                    current = null;
                    break;
                case "bot":
                    if (!pending.TryDequeue(out current) || current.Text is null) { Fail(line, "expected a text message"); break; }
                    if (line.Text != "*" && !current.Text.Contains(line.Text, StringComparison.OrdinalIgnoreCase)) Fail(line, $"text does not contain \"{line.Text}\"");
                    break;
                case "card":
                    if (!pending.TryDequeue(out current) || Card(current) is not { } card) { Fail(line, "expected a hero card"); break; }
                    if (!Str(card, "title").Contains(line.Text, StringComparison.OrdinalIgnoreCase)) Fail(line, $"card title does not contain \"{line.Text}\"");
                    break;
                case "and" or "not":
                    if (current is null) { Fail(line, $"'{line.Kind}' needs a current reply (after bot: or card:)"); break; }
                    var content = Content(current);
                    if (content.Contains(line.Text, StringComparison.OrdinalIgnoreCase) != (line.Kind == "and"))
                        Fail(line, line.Kind == "and" ? $"reply does not contain \"{line.Text}\"" : $"reply contains \"{line.Text}\"");
                    break;
                case "link":
                    if (current is null || !TestChat.CardButtons(current).Any(b => b.Type == "openUrl" && b.Value?.StartsWith(line.Text, StringComparison.Ordinal) == true))
                        Fail(line, $"no openUrl button to {line.Text}");
                    break;
                case "buttons" or "suggested":
                    if (current is null) { Fail(line, $"'{line.Kind}' needs a current reply"); break; }
                    var titles = (line.Kind == "buttons" ? TestChat.CardButtons(current) : TestChat.SuggestedButtons(current)).Select(b => b.Title).ToList();
                    foreach (var title in line.Text.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                        if (!titles.Contains(title)) Fail(line, $"no {(line.Kind == "buttons" ? "card button" : "suggested action")} \"{title}\"; there are: {string.Join(" | ", titles)}");
                    break;
                case "explore" or "today":
                    break;
                case "demand":
                    demand.Add(line.Text);
                    break;
                default:
                    throw new FormatException($"{Name}.transcript:{line.Number}: unknown line kind '{line.Kind}'");
            }
        }
        EndTurn(Lines[^1]);
        // "explore" (while writing a transcript): replay without checking replies, then show the whole conversation.
        if (explore) Assert.Fail("explore: the conversation was" + Environment.NewLine + log);
    }

    static JsonElement? Card(Activity reply) =>
        reply.Attachments?.FirstOrDefault(a => a.ContentType == ContentTypes.HeroCard)?.Content is JsonElement { ValueKind: JsonValueKind.Object } c ? c : null;

    static string Str(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";

    static string Content(Activity reply) =>
        Card(reply) is { } card ? $"{Str(card, "title")}\n{Str(card, "subtitle")}\n{Str(card, "text")}" : reply.Text ?? "";
}

public sealed record TranscriptLine(int Number, string Kind, string Text);
