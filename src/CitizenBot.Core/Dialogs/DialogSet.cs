using CitizenBot.Core.Demand;

namespace CitizenBot.Core.Dialogs;

/// <summary>The loaded, validated dialogs: steps by id ("main.listen"), templates, button sets and the intent lexicon.</summary>
public sealed class DialogSet
{
    public required string Folder { get; init; }
    public required IReadOnlyDictionary<string, DialogStep> Steps { get; init; }
    public required TemplateSet Templates { get; init; }
    public required IntentLexicon Lexicon { get; init; }
    /// <summary>The words of procedure-text.txt: validity and deadline questions, and the passages that answer them.</summary>
    public required ProcedureText ProcedureText { get; init; }
    /// <summary>Yes or no to a stated fact, with the words of fact-words.txt: amounts, days, "free", kinds of agency and levels.</summary>
    public required FactCheck FactCheck { get; init; }
    /// <summary>Button set name → the templates whose text is each button's title and imBack value.</summary>
    public required IReadOnlyDictionary<string, IReadOnlyList<string>> ButtonSets { get; init; }
    /// <summary>The step run when the user joins the conversation.</summary>
    public required string JoinStep { get; init; }
    /// <summary>The waiting step of a conversation that has no state yet.</summary>
    public required string InitialStep { get; init; }
    /// <summary>Intent → step, for intents the waiting step does not handle itself (help, restart, thanks…).</summary>
    public required IReadOnlyDictionary<string, string> Interruptions { get; init; }

    public static DialogSet Load(string folder) => DialogLoader.Load(folder);
}

/// <summary>
/// One step of a dialog. Runs, in order: the action (<see cref="Do"/>), the demand record, the sentences
/// (<see cref="Say"/>, one message), the card, the suggested buttons; then goes on by the action's outcome, waits for
/// the user (<see cref="On"/>), or goes to <see cref="Then"/>.
/// </summary>
public sealed record DialogStep
{
    /// <summary>"dialog.step", e.g. "main.listen".</summary>
    public required string Id { get; init; }
    public string? Do { get; init; }
    /// <summary>Outcome of <see cref="Do"/> → target step id (or $resume / $rest).</summary>
    public IReadOnlyDictionary<string, string> Outcomes { get; init; } = new Dictionary<string, string>();
    public IReadOnlyList<string> Say { get; init; } = [];
    public string? Card { get; init; }
    public IReadOnlyList<string> Suggest { get; init; } = [];
    public DemandOutcome? Record { get; init; }
    public string? Then { get; init; }
    /// <summary>When set, the conversation waits here; intent → target step id.</summary>
    public IReadOnlyDictionary<string, string>? On { get; init; }
}
