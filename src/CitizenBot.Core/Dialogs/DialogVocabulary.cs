namespace CitizenBot.Core.Dialogs;

/// <summary>
/// The names the dialog files may use and the C# side implements: actions with their outcomes, cards, built-in
/// button sets, placeholders, and the templates the C# side renders itself (card lines, list lines, labels).
/// The loader checks the files against these, so a typo stops start-up instead of surfacing mid-conversation.
/// </summary>
public static class DialogVocabulary
{
    /// <summary>Go back to the step the conversation was waiting in, and wait.</summary>
    public const string Resume = "$resume";
    /// <summary>Handle what is left of the message ("tôi ở Huế, làm khai sinh" → "làm khai sinh") from the waiting step; else resume.</summary>
    public const string Rest = "$rest";

    public static readonly IReadOnlyDictionary<string, string[]> Actions = new Dictionary<string, string[]>
    {
        ["search"] = ["confident", "ambiguous", "none", "out-of-scope", "invalid"],
        ["answer"] = ["fully-online", "partial", "offline", "unknown", "no-procedure"],
        ["facet"] =
        [
            "fee", "fee-unknown", "time", "time-unknown", "documents", "documents-unknown", "where", "where-unknown",
            "online", "online-partial", "online-offline", "online-unknown", "who", "who-unknown", "conditions",
            "conditions-unknown", "result", "result-unknown", "no-procedure", "not-asked",
        ],
        ["choose"] = ["chosen", "out-of-range"],
        ["remember-province"] = ["remembered", "merged"],
        ["check-province"] = ["known", "unknown"],
        ["check-answer"] = ["answered", "not-answered"],
        ["check-link"] = ["provincial", "national"],
        ["reset"] = ["done"],
        ["rest"] = ["has-rest", "no-rest"],
    };

    public const string AnswerCard = "answer";
    public static readonly IReadOnlySet<string> Cards = new HashSet<string> { AnswerCard };

    public const string FeedbackButtons = "feedback";
    public const string ChoiceButtons = "choices";
    public static readonly IReadOnlySet<string> BuiltInButtonSets = new HashSet<string> { FeedbackButtons, ChoiceButtons };

    /// <summary>Placeholder → what it holds. Values are Markdown-safe: user and catalogue text is escaped.</summary>
    public static readonly IReadOnlyDictionary<string, string> Placeholders = new Dictionary<string, string>
    {
        ["procedure.name"] = "name of the procedure in focus",
        ["procedure.code"] = "its national code (mã thủ tục)",
        ["procedure.field"] = "its field (lĩnh vực)",
        ["mode"] = "its online mode in words (from the mode.* templates): the user's province's list when it has the procedure, else national",
        ["mode.source"] = "whose list {mode} comes from: \"theo Đà Nẵng\" (its own list) or \"mức cả nước\" (national)",
        ["url"] = "the link to do it online: the province's link (its list's, else the catalogue's) when known, else the national page (or dichvucong.gov.vn)",
        ["fee"] = "fee summary over submission methods, marked (note.ended) when its note states an end date that has passed",
        ["time"] = "processing-time summary over submission methods, marked like the fee",
        ["fees"] = "fee per submission method, a Markdown list (line.method)",
        ["times"] = "processing time per submission method, a Markdown list (line.method)",
        ["documents"] = "the required documents, a numbered Markdown list (line.document*)",
        ["documents.summary"] = "the documents as a checklist: everyone's first, at most three short bullets (line.document.short*) and how many more (card.documents.more)",
        ["places"] = "agency and submission address, a Markdown list (line.agency, line.address)",
        ["where"] = "where to go in person: submission address, else agency, else the where.fallback template",
        ["agency"] = "the agency that carries the procedure out",
        ["applicants"] = "who may apply (đối tượng thực hiện)",
        ["conditions"] = "the conditions to meet (yêu cầu, điều kiện)",
        ["result"] = "what the applicant receives (kết quả), with its validity when the catalogue states it",
        ["check"] = "yes or no to the fact the user stated (check.* templates), then a space; empty when nothing was checked",
        ["steps"] = "the first steps of the procedure under the steps.heading template, a numbered Markdown list (line.step); empty when unknown",
        ["province.name"] = "the user's province",
        ["portal"] = "the user's province's public-service portal",
        ["former"] = "the pre-2025 province name the user gave",
        ["question"] = "the user's question, shortened and escaped",
        ["choices"] = "the offered choices, a numbered Markdown list",
        ["choices.count"] = "how many choices were offered",
        // Used by the line and card templates the C# side renders.
        ["channel"] = "submission method label (channel.* templates)",
        ["value"] = "a fee or a time in line.method",
        ["n"] = "position in a numbered list",
        ["name"] = "a document name",
        ["quantity"] = "how many copies of a document",
        ["step"] = "one step of the procedure",
        ["count"] = "how many more documents there are (card.documents.more), or how many in all (card.button.documents)",
        ["date"] = "the end date a fee or time note states, when it has passed (note.ended)",
    };

    /// <summary>Templates the C# side renders by name (cards, lists, labels); every dialog set must define them.</summary>
    public static readonly IReadOnlyList<string> RequiredTemplates =
    [
        "card.subtitle", "card.mode", "card.time", "card.fee", "card.documents", "card.documents.more", "card.agency",
        "card.button.online", "card.button.details", "card.button.portal", "card.button.documents", "followup.documents", "note.ended",
        "mode.fully-online", "mode.partial", "mode.offline", "mode.unknown",
        "channel.online", "channel.in-person", "channel.postal",
        "line.method", "line.document", "line.document.quantity", "line.document.present", "line.document.short", "line.document.short.present", "line.agency", "line.address", "line.step", "steps.heading",
        "where.fallback", "button.thumbs-up", "button.thumbs-down", "check.yes", "check.no", "check.can", "check.cannot",
    ];
}
