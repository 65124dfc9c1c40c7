using CitizenBot.Core.Catalogue;
using CitizenBot.Core.Provinces;

namespace CitizenBot.Core.Demand;

/// <summary>
/// Where the bot reports demand it could not meet, so officials see what citizens need: questions with no answer,
/// clarifications the user walked away from, services that are not fully online, answers marked 👎.
/// </summary>
public interface IDemandRecorder
{
    ValueTask RecordAsync(DemandEvent e, CancellationToken ct);
}

/// <summary>One unmet or poorly met need, as seen at the end of a turn.</summary>
/// <param name="At">UTC time of the turn.</param>
/// <param name="Channel">The channel id of the activity ("webchat", "directline", "msteams", …).</param>
/// <param name="ProvinceId">The user's province when known (<see cref="Province.Id"/>).</param>
/// <param name="Question">The citizen's raw text. Personal data may be in it: the demand log scrubs it, nothing else may log it.</param>
/// <param name="NormalizedQuery">The search's normalized form of the question.</param>
/// <param name="Candidates">The best candidates the search found, best first.</param>
/// <param name="MatchedCode">The procedure answered or in focus, when there was one.</param>
/// <param name="MatchedOnlineMode">Its online mode as answered (the province's list, else our curated catalogue, else chưa rõ).</param>
/// <param name="ModeSource">Which list that mode came from, as answered (null without a procedure).</param>
public sealed record DemandEvent(
    DateTimeOffset At,
    string Channel,
    string? ProvinceId,
    string Question,
    string NormalizedQuery,
    DemandOutcome Outcome,
    IReadOnlyList<DemandCandidate> Candidates,
    string? MatchedCode,
    OnlineMode? MatchedOnlineMode,
    string ConversationId,
    OfferSource? ModeSource = null);

public enum DemandOutcome
{
    /// <summary>The search found nothing that fits.</summary>
    NoMatch,
    /// <summary>The bot asked which procedure was meant, and the user asked something else instead of choosing.</summary>
    AmbiguousAbandoned,
    /// <summary>The answer is a procedure that cannot be done fully online (một phần, không trực tuyến, chưa rõ).</summary>
    NotFullyOnline,
    /// <summary>The user marked an answer 👎.</summary>
    ThumbsDown,
    /// <summary>
    /// A question was answered with a procedure card, whatever its online mode (<see cref="NotFullyOnline"/> is recorded
    /// besides when it is not fully online). Counts toward the share answered and, with a fully online procedure, the
    /// share sent to an online service. Its question text is not kept, only procedure, time, channel and province.
    /// </summary>
    Answered,
    /// <summary>The user marked an answer 👍 (a feedback count only; the question text is not kept).</summary>
    ThumbsUp,
    /// <summary>
    /// The question is about something no public service answers (gold prices, the weather, a bank loan): told so,
    /// and kept apart from unmet demand so officials are not asked to build it.
    /// </summary>
    OutOfScope,
    /// <summary>
    /// A follow-up about the procedure in focus ("phí 70 nghìn đúng hông") that the bot could not answer: attached to
    /// that procedure (<see cref="DemandEvent.MatchedCode"/>), never an unmet need of its own.
    /// </summary>
    FollowUp,
    /// <summary>
    /// The user corrected the answer in the next turn ("không phải, ý tôi là …"): the answer was wrong, so it is not
    /// demand for that procedure. A counter: no text kept.
    /// </summary>
    Corrected,
    /// <summary>The answer's online button was followed (through the counting redirect; no conversation, no text).</summary>
    ClickThrough,
}

public sealed record DemandCandidate(string Code, double Score);
