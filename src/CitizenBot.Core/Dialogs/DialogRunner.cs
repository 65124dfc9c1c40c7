using CitizenBot.Core.Catalogue;
using CitizenBot.Core.Conversations;
using CitizenBot.Core.Demand;
using CitizenBot.Core.Protocol;
using CitizenBot.Core.Search;

namespace CitizenBot.Core.Dialogs;

/// <summary>
/// Interprets the dialog files for one turn: recognizes the message, routes it from the step the conversation waits
/// in (or the root's interruptions), runs steps until one waits, and returns the replies, the new state and the
/// demand to record. Pure apart from the search: the caller stores the state and records demand only once the
/// state is saved, so a turn retried after a version conflict reports nothing twice.
/// </summary>
public sealed class DialogRunner
{
    const int MaxStepsPerTurn = 64;
    const int MaxRestDepth = 4;

    readonly DialogSet _dialogs;
    readonly ICatalogue _catalogue;
    readonly IntentRecognizer _recognizer;
    readonly DialogActions _actions;
    readonly ContextResolver _context;
    readonly string? _clickThrough;
    readonly PersonalDataScrubber? _scrubber;

    /// <param name="clickThrough">The counting redirect the answer's online button goes through (null: the service's link itself).</param>
    /// <param name="scrubber">Takes personal data out of each message before the dialog reads it (null: read as typed).</param>
    public DialogRunner(DialogSet dialogs, ISearcher searcher, ICatalogue catalogue, string? clickThrough = null, PersonalDataScrubber? scrubber = null)
    {
        _clickThrough = clickThrough;
        _scrubber = scrubber;
        _dialogs = dialogs;
        _catalogue = catalogue;
        _recognizer = new IntentRecognizer(dialogs.Lexicon, catalogue);
        _actions = new DialogActions(searcher, catalogue, dialogs.FactCheck, dialogs.Lexicon, dialogs.ProcedureText);
        _context = new ContextResolver(searcher, catalogue, dialogs.Lexicon, dialogs.FactCheck, dialogs.ProcedureText);
    }

    public IntentRecognizer Recognizer => _recognizer;

    public TurnResult Run(Activity incoming, ConversationState state, string conversationId, DateTimeOffset now)
    {
        var turn = new Turn
        {
            ConversationId = conversationId,
            Channel = incoming.ChannelId ?? "",
            Now = now,
            State = state with { Turn = state.Turn + 1 },
            FocusAtStart = state.CurrentCode,
            ClickThrough = ClickThroughFor(incoming),
        };
        switch (incoming.Type)
        {
            case ActivityTypes.ConversationUpdate when UserJoined(incoming) && !state.Welcomed:
                turn.State = turn.State with { Welcomed = true };
                Go(turn, _dialogs.JoinStep);
                break;
            case ActivityTypes.Message:
                turn.State = turn.State with { Welcomed = true };
                var text = Readable(incoming.Text);
                turn.Recognition = _recognizer.Recognize(text, incoming.Value, turn.State.Choices);
                if (turn.Recognition.FeedbackCode is null) turn.Recognition = Interpret(UserText.Parse(text), turn.State);
                turn.AsksAboutAnswer = turn.Recognition.Facet is not null || turn.Recognition.Check;
                // "không phải, ý tôi là …" right after an answer: that answer was wrong, so it is not demand for its procedure.
                if (turn.Recognition.Intent == Intents.Correction && _actions.Demand(DemandOutcome.Corrected, turn) is { } corrected)
                    turn.Demand.Add(corrected);
                Go(turn, Route(turn));
                break;
            default:
                return new TurnResult([], state, [], Changed: false);
        }
        return new TurnResult(turn.Replies, turn.State, turn.Demand, Changed: true);
    }

    /// <summary>
    /// The message as the dialog reads it: names, phone numbers, house addresses and the like replaced by placeholders
    /// ("e tên [TÊN] [SĐT], muốn làm hộ chiếu"), so the conversation's state, a reply quoting the question and the demand
    /// log never hold them, and the search reads the need without them (<see cref="PersonalDataScrubber.WithoutPlaceholders"/>).
    /// </summary>
    string? Readable(string? text) => _scrubber is null || string.IsNullOrEmpty(text) ? text : _scrubber.Scrub(text).Text;

    /// <summary>What the message is for, read against the conversation so far (see <see cref="ContextResolver"/>).</summary>
    Recognition Interpret(UserText user, ConversationState state, bool corrects = false)
    {
        user = _recognizer.WithoutNegations(user);
        return _context.Resolve(_recognizer.Recognize(user, state.Choices), user, state, corrects);
    }

    /// <summary>Someone other than the bot was added (Direct Line adds user and bot in one update; the Emulator in two).</summary>
    static bool UserJoined(Activity a) =>
        a.MembersAdded?.Any(m => m.Id is { Length: > 0 } id && id != a.Recipient?.Id) == true;

    string Route(Turn turn)
    {
        var waiting = turn.State.Waiting is { } id && _dialogs.Steps.TryGetValue(id, out var step) && step.On is not null
            ? step
            : _dialogs.Steps[_dialogs.InitialStep];
        var intent = turn.Recognition.Intent;
        if (waiting.On!.TryGetValue(intent, out var target)) return target;
        return _dialogs.Interruptions[intent]; // the loader guarantees one of the two handles every intent
    }

    void Go(Turn turn, string target)
    {
        var restDepth = 0;
        // A correction holds for the whole rest of the message ("à ko, … đang làm việc ở HN": the province comes out
        // first, and what is left still corrects the question before).
        var corrects = false;
        for (var steps = 0; ; steps++)
        {
            if (steps > MaxStepsPerTurn) throw new InvalidOperationException($"Dialog ran more than {MaxStepsPerTurn} steps in one turn (last: {target}).");
            if (target == DialogVocabulary.Resume) return;
            if (target == DialogVocabulary.Rest)
            {
                if (!turn.Recognition.RestHasContent || ++restDepth > MaxRestDepth) return;
                corrects |= turn.Recognition.Intent == Intents.Correction;
                turn.Recognition = Interpret(UserText.Parse(turn.Recognition.Rest), turn.State, corrects);
                target = Route(turn);
                continue;
            }
            var next = Execute(turn, _dialogs.Steps[target]);
            if (next is null) return;
            target = next;
        }
    }

    /// <summary>
    /// The counting redirect's absolute address for this turn's replies, or null to link the service directly. A button
    /// needs an absolute address (Web Chat opens nothing else): a configured relative one ("/di") is resolved against the
    /// address the message came to when that is this host — our own Direct Line stamps its public address as the
    /// service URL — and left out on other channels, whose service URL is the channel's (Teams, Azure Direct Line).
    /// </summary>
    string? ClickThroughFor(Activity incoming)
    {
        if (_clickThrough is not { Length: > 0 } via) return null;
        if (Uri.TryCreate(via, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https") return via;
        return incoming.ChannelId == OwnDirectLineChannel && Uri.TryCreate(incoming.ServiceUrl, UriKind.Absolute, out var ours) &&
               !ours.Host.EndsWith(".botframework.com", StringComparison.OrdinalIgnoreCase)
            ? new Uri(ours, via.TrimStart('/')).ToString()
            : null;
    }

    /// <summary>The channel id of Direct Line (ours, or Azure's through the connector: told apart by the service URL).</summary>
    public const string OwnDirectLineChannel = "directline";

    /// <summary>Runs one step; returns where to go next, or null when the conversation now waits here.</summary>
    string? Execute(Turn turn, DialogStep step)
    {
        var outcome = step.Do is { } action ? _actions.Run(action, turn) : null;
        if (step.Record is { } record && _actions.Demand(record, turn) is { } e)
        {
            turn.Demand.Add(e);
            if (record == DemandOutcome.AmbiguousAbandoned) turn.State = turn.State with { Choices = null };
        }
        var facts = new TurnFacts(_catalogue, turn);
        var wording = new Wording(_dialogs.Templates, turn, facts, _dialogs.FactCheck);
        if (step.Say.Count > 0)
            turn.Replies.Add(Message(string.Join("\n\n", step.Say.Select(t => wording.Say(t)))));
        if (step.Card == DialogVocabulary.AnswerCard && facts.View is { } view)
            turn.Replies.Add(new Activity { Type = ActivityTypes.Message, Attachments = [Cards.Answer(wording, view, turn.ClickThrough)] });
        if (step.Suggest.Count > 0 && turn.Replies.Count > 0)
        {
            var actions = step.Suggest.SelectMany(set => set switch
            {
                DialogVocabulary.FeedbackButtons => Cards.Feedback(wording, turn.State.CurrentCode),
                DialogVocabulary.ChoiceButtons => Cards.Choices(turn.State.Choices ?? []),
                _ => Cards.Static(wording, _dialogs.ButtonSets[set]),
            }).ToList();
            if (actions.Count > 0) turn.Replies[^1].SuggestedActions = new SuggestedActions { Actions = actions };
        }

        if (outcome is not null) return step.Outcomes[outcome];
        if (step.On is not null)
        {
            turn.State = turn.State with { Waiting = step.Id };
            return null;
        }
        return step.Then;
    }

    static Activity Message(string text) => new() { Type = ActivityTypes.Message, Text = text, TextFormat = "markdown" };
}

/// <param name="Changed">False when the activity needs no state change (typing, events): nothing to save.</param>
public sealed record TurnResult(IReadOnlyList<Activity> Replies, ConversationState State, IReadOnlyList<DemandEvent> Demand, bool Changed);
