using CitizenBot.Core.Catalogue;
using CitizenBot.Core.Demand;

namespace CitizenBot.Conversation;

/// <summary>
/// The stand-in demand recorder until the durable demand log exists: one structured log line per event with the
/// outcome, channel, province, procedure and candidate codes — and deliberately without the question or its
/// normalized form, which may hold personal data that must never reach logs.
/// </summary>
public sealed class LoggingDemandRecorder(ILogger<LoggingDemandRecorder> logger) : IDemandRecorder
{
    public ValueTask RecordAsync(DemandEvent e, CancellationToken ct)
    {
        logger.LogInformation(
            "Demand {Outcome} on {Channel}: province {ProvinceId}, procedure {MatchedCode} ({OnlineMode}), candidates {Candidates}, question of {QuestionLength} characters, conversation {ConversationId}",
            e.Outcome, e.Channel, e.ProvinceId ?? "-", e.MatchedCode ?? "-",
            e.MatchedOnlineMode is { } mode ? OnlineModeNames.ToWire(mode) : "-",
            string.Join(",", e.Candidates.Select(c => $"{c.Code}:{c.Score:0.###}")), e.Question.Length, e.ConversationId);
        return ValueTask.CompletedTask;
    }
}
