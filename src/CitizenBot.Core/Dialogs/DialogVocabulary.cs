namespace CitizenBot.Core.Dialogs;

/// <summary>
/// The names the dialog files may use and the C# side implements: cards, built-in button sets and the templates the
/// C# side renders itself (card lines, list lines, labels). Actions with their outcomes are
/// <see cref="DialogActions.All"/>, placeholders <see cref="Wording.Placeholders"/>: each declared where it is
/// implemented. The loader checks the files against all of them, so a typo stops start-up instead of surfacing
/// mid-conversation.
/// </summary>
public static class DialogVocabulary
{
    /// <summary>Go back to the step the conversation was waiting in, and wait.</summary>
    public const string Resume = "$resume";
    /// <summary>Handle what is left of the message ("tôi ở Huế, làm khai sinh" → "làm khai sinh") from the waiting step; else resume.</summary>
    public const string Rest = "$rest";

    public const string AnswerCard = "answer";
    public static readonly IReadOnlySet<string> Cards = new HashSet<string> { AnswerCard };

    public const string FeedbackButtons = "feedback";
    public const string ChoiceButtons = "choices";
    public static readonly IReadOnlySet<string> BuiltInButtonSets = new HashSet<string> { FeedbackButtons, ChoiceButtons };

    /// <summary>Templates the C# side renders by name (cards, lists, labels); every dialog set must define them.</summary>
    public static readonly IReadOnlyList<string> RequiredTemplates =
    [
        "card.subtitle", "card.mode", "card.time", "card.fee", "card.documents", "card.documents.more", "card.agency",
        "card.button.online", "card.button.details", "card.button.portal", "card.button.documents", "followup.documents", "note.ended",
        "mode.fully-online", "mode.partial", "mode.offline", "mode.unknown",
        "channel.online", "channel.in-person", "channel.postal",
        "line.method", "line.document", "line.document.quantity", "line.document.present", "line.document.short", "line.document.short.present", "line.agency", "line.address", "line.step", "steps.heading",
        "where.fallback", "where.fallback-level", "button.thumbs-up", "button.thumbs-down", "check.yes", "check.no", "check.can", "check.cannot",
        "line.quote", "level.xa", "level.huyen", "level.tinh", "level.trung-uong", "agency.cong-an", "agency.uy-ban",
    ];
}
