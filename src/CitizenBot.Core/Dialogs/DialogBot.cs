using CitizenBot.Core.Catalogue;
using CitizenBot.Core.Conversations;
using CitizenBot.Core.Demand;
using CitizenBot.Core.Protocol;
using CitizenBot.Core.Search;
using Microsoft.Extensions.Logging;

namespace CitizenBot.Core.Dialogs;

/// <summary>
/// CitizenBot as the channels see it: loads the conversation's state, lets the <see cref="DialogRunner"/> take the
/// turn, saves the state (retrying the turn if another turn saved first), then records the turn's demand. A failed
/// turn is reset through <see cref="IBotErrorRecovery"/>, so the next message starts clean.
/// </summary>
public sealed class DialogBot : IBot, IBotErrorRecovery
{
    const int MaxAttempts = 3;

    readonly DialogRunner _runner;
    readonly IConversationStateStore _store;
    readonly IDemandRecorder _demand;
    readonly TimeProvider _time;
    readonly ILogger<DialogBot> _logger;

    public DialogBot(DialogSet dialogs, ISearcher searcher, ICatalogue catalogue, IConversationStateStore store,
        IDemandRecorder demand, TimeProvider time, ILogger<DialogBot> logger, AnswerLinks? links = null, PersonalDataScrubber? scrubber = null)
    {
        _runner = new DialogRunner(dialogs, searcher, catalogue, links?.ClickThrough, scrubber);
        _store = store;
        _demand = demand;
        _time = time;
        _logger = logger;
    }

    public async Task<IReadOnlyList<Activity>> OnTurnAsync(Activity incoming, CancellationToken cancellationToken)
    {
        if (incoming.Conversation?.Id is not { Length: > 0 } conversationId)
        {
            _logger.LogWarning("Activity of type {Type} on {Channel} has no conversation id; ignored", incoming.Type, incoming.ChannelId);
            return [];
        }
        for (var attempt = 1; ; attempt++)
        {
            var stored = await _store.GetAsync(conversationId, cancellationToken);
            var result = _runner.Run(incoming, stored?.State ?? ConversationState.New, conversationId, _time.GetUtcNow());
            if (!result.Changed) return result.Replies;
            try
            {
                await _store.SaveAsync(conversationId, result.State, stored?.Version ?? 0, cancellationToken);
            }
            catch (ConversationStateConflictException) when (attempt < MaxAttempts)
            {
                _logger.LogInformation("Conversation {ConversationId} changed during the turn; running it again (attempt {Attempt})", conversationId, attempt + 1);
                continue;
            }
            await RecordAsync(result.Demand, cancellationToken);
            return result.Replies;
        }
    }

    public async Task ResetAsync(string conversationId, CancellationToken cancellationToken) =>
        await _store.DeleteAsync(conversationId, cancellationToken);

    /// <summary>The answer is already decided: a failing demand log is logged, and the user still gets the reply.</summary>
    async Task RecordAsync(IReadOnlyList<DemandEvent> events, CancellationToken ct)
    {
        foreach (var e in events)
        {
            try
            {
                await _demand.RecordAsync(e, ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                _logger.LogError(ex, "Could not record {Outcome} demand for conversation {ConversationId}", e.Outcome, e.ConversationId);
            }
        }
    }
}

/// <summary>Where the answer's online button points: through the counting redirect at <paramref name="ClickThrough"/>, or straight to the service when null.</summary>
public sealed record AnswerLinks(string? ClickThrough);
