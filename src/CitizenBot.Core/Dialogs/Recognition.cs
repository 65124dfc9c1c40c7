using CitizenBot.Core.Catalogue;
using CitizenBot.Core.Search;

namespace CitizenBot.Core.Dialogs;

/// <summary>What a message is for, as the dialogs route on it (the keys of "on" and "interruptions").</summary>
public static class Intents
{
    /// <summary>No text at all (an attachment, an empty message).</summary>
    public const string Empty = "empty";
    /// <summary>Text, but nothing to act on ("vậy à", "???", "2" with nothing to choose).</summary>
    public const string Unclear = "unclear";
    public const string Restart = "restart";
    public const string Correction = "correction";
    public const string FeedbackUp = "feedback-up";
    public const string FeedbackDown = "feedback-down";
    /// <summary>A pick among the offered choices (by number, button or part of the name).</summary>
    public const string Choice = "choice";
    public const string Province = "province";
    /// <summary>A follow-up about the procedure in focus ("phí bao nhiêu?").</summary>
    public const string Facet = "facet";
    public const string Greeting = "greeting";
    public const string Thanks = "thanks";
    public const string Help = "help";
    public const string Smalltalk = "smalltalk";
    public const string Ack = "ack";
    /// <summary>Anything else: a question to search.</summary>
    public const string Question = "question";

    public static readonly IReadOnlyList<string> All =
        [Empty, Unclear, Restart, Correction, FeedbackUp, FeedbackDown, Choice, Province, Facet, Greeting, Thanks, Help, Smalltalk, Ack, Question];
}

/// <param name="Intent">One of <see cref="Intents"/>.</param>
/// <param name="Text">The text to act on (the whole message, normalized).</param>
public sealed record Recognition(string Intent, string Text)
{
    /// <summary>What is left to handle after this intent ("tôi ở Huế, làm khai sinh" → "làm khai sinh"), or empty.</summary>
    public string Rest { get; init; } = "";
    /// <summary>The rest names something to do (not only filler or politeness).</summary>
    public bool RestHasContent { get; init; }
    /// <summary>The part of an answer asked for: fee, time, documents, where, online (see <see cref="Lexicon"/>).</summary>
    public string? Facet { get; init; }
    /// <summary>1-based number of the chosen option.</summary>
    public int? Choice { get; init; }
    public Province? Province { get; init; }
    /// <summary>The pre-2025 province name the user gave, when it is not the current one ("Quảng Nam" for Đà Nẵng).</summary>
    public string? FormerProvinceName { get; init; }
    /// <summary>The procedure code a feedback button was about.</summary>
    public string? FeedbackCode { get; init; }
    /// <summary>The message checks a stated fact and wants a yes or a no first ("phí 70 nghìn đúng không").</summary>
    public bool Check { get; init; }
    /// <summary>The message says it changes the subject ("tiện hỏi luôn", "còn chuyện này nữa"): never a follow-up.</summary>
    public bool Switch { get; init; }
    /// <summary>"còn … thì sao": the topic stays, its object changes, so it is not a follow-up about the same procedure.</summary>
    public bool Swap { get; init; }
    /// <summary>The search <see cref="ContextResolver"/> already ran for this message (alone or with the topic's words).</summary>
    public SearchResult? Search { get; init; }
    /// <summary>
    /// The search read the message with the topic's words and settled the need the pending clarification was about:
    /// leaving the choices this way is not an abandoned clarification.
    /// </summary>
    public bool SettlesTopic { get; init; }
}
