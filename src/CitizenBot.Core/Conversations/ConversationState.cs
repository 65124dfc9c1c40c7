using System.Text.Json;
using System.Text.Json.Serialization;
using CitizenBot.Core.Analysis;
using CitizenBot.Core.Demand;

namespace CitizenBot.Core.Conversations;

/// <summary>
/// What the bot remembers between turns of one conversation. Small and short-lived (deleted after the idle timeout);
/// it holds the user's last question for demand reports, so it is never logged.
/// </summary>
public sealed record ConversationState
{
    public static ConversationState New { get; } = new();

    /// <summary>The dialog step waiting for the user's next message ("main.listen", "clarify.choose"); null = the root's initial step.</summary>
    public string? Waiting { get; init; }
    /// <summary>Turns taken so far; part of the seed that picks template variants, so transcripts are reproducible.</summary>
    public int Turn { get; init; }
    /// <summary>The welcome was shown (or the user already talked), so a late join does not greet again.</summary>
    public bool Welcomed { get; init; }
    /// <summary>The user's province (<see cref="Catalogue.Province.Id"/>), used for links.</summary>
    public string? ProvinceId { get; init; }
    /// <summary>The procedure in focus: follow-ups ("phí bao nhiêu?") are about it.</summary>
    public string? CurrentCode { get; init; }
    /// <summary>The last question that was searched, for demand events raised on later turns (👎, abandoned choice).</summary>
    public AskedQuestion? LastQuestion { get; init; }
    /// <summary>The words of the search that set the topic (the procedure in focus or the pending choices), read with
    /// the next messages that do not name a topic of their own ("còn cho con 6 tuổi thì sao"). Never logged.</summary>
    public string? Topic { get; init; }
    /// <summary>The choices offered by a pending clarification, in the order shown; null when none is pending.</summary>
    public IReadOnlyList<ClarificationChoice>? Choices { get; init; }
    /// <summary>Where to ask about the need last asked, when the catalogue lacks it (gaps.txt): a follow-up ("nộp ở đâu")
    /// is told again where to ask, not asked which procedure it is about. Null otherwise.</summary>
    public UnservedNeed? Unserved { get; init; }
}

public sealed record AskedQuestion(string Text, string Normalized, IReadOnlyList<DemandCandidate> Candidates);

public sealed record ClarificationChoice(string Code, string Name);

/// <summary>The one JSON shape of <see cref="ConversationState"/> in every store.</summary>
public static class ConversationStateJson
{
    static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Serialize(ConversationState state) => JsonSerializer.Serialize(state, Options);

    /// <summary>Null when the text is not a state this version understands (the conversation then starts afresh).</summary>
    public static ConversationState? TryDeserialize(string json)
    {
        try { return JsonSerializer.Deserialize<ConversationState>(json, Options); }
        catch (JsonException) { return null; }
    }
}
