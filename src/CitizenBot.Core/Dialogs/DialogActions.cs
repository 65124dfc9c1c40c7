using CitizenBot.Core.Analysis;
using CitizenBot.Core.Catalogue;
using CitizenBot.Core.Conversations;
using CitizenBot.Core.Demand;
using CitizenBot.Core.Provinces;
using CitizenBot.Core.Presentation;
using CitizenBot.Core.Search;

namespace CitizenBot.Core.Dialogs;

/// <summary>
/// What the dialog files' "do" names: each action reads and updates the turn and returns one of the outcomes it
/// declares (<see cref="All"/>), which the step's "outcomes" route on.
/// </summary>
public sealed class DialogActions(ISearcher searcher, ICatalogue catalogue, FactCheck factCheck, IntentLexicon? lexicon = null, ProcedureText? procedureText = null)
{
    /// <summary>How many hits a search asks for, and how many a clarification offers.</summary>
    public const int SearchTop = 5;
    public const int MaxChoices = 4;

    /// <summary>
    /// Every action the dialog files may name, with every outcome it can return: the loader requires each step that
    /// does an action to route exactly these (<see cref="DialogLoader"/>), and <see cref="Run"/> refuses any other.
    /// </summary>
    public static IReadOnlyList<DialogAction> All { get; } =
    [
        new("search", ["confident", "ambiguous", "none", "unserved", "out-of-scope", "invalid"], (a, turn) => a.Search(turn)),
        new("answer", ["fully-online", "partial", "offline", "unknown", "no-procedure"], (a, turn) => a.Answer(turn)),
        new("facet",
        [
            "fee", "fee-unknown", "time", "time-unknown", "documents", "documents-unknown", "where", "where-unknown",
            "online", "online-partial", "online-offline", "online-unknown", "who", "who-unknown", "conditions",
            "conditions-unknown", "result", "result-unknown", "level", "level-not", "level-which", "passage", "passage-none", "validity",
            "validity-unknown", "deadline", "deadline-unknown", "proxy", "proxy-unknown", "home", "home-unknown", "no-procedure", "unserved", "not-asked",
        ], (a, turn) => a.Facet(turn)),
        new("choose", ["chosen", "out-of-range"], (_, turn) => Choose(turn)),
        new("assume-first", ["assumed", "no-choices"], (_, turn) => AssumeFirst(turn)),
        new("remember-province", ["remembered", "merged"], (_, turn) => RememberProvince(turn)),
        new("check-province", ["known", "unknown"], (a, turn) => a.Province(turn) is not null ? "known" : "unknown"),
        new("check-answer", ["answered", "not-answered"], (_, turn) => turn.State.CurrentCode is not null ? "answered" : "not-answered"),
        new("check-link", ["provincial", "national"], (a, turn) => a.OfferInFocus(turn) is { ProvinceUrl: not null } ? "provincial" : "national"),
        new("reset", ["done"], (_, turn) => Reset(turn)),
        new("rest", ["has-rest", "no-rest"], (_, turn) => turn.Recognition.RestHasContent ? "has-rest" : "no-rest"),
    ];

    static readonly Dictionary<string, DialogAction> ByName = All.ToDictionary(a => a.Name, StringComparer.Ordinal);

    /// <summary>The action a dialog file names, or null when the code has none by that name.</summary>
    public static DialogAction? Find(string name) => ByName.GetValueOrDefault(name);

    /// <summary>Runs the named action on the turn and returns its outcome, one it declares.</summary>
    public string Run(string action, Turn turn)
    {
        var declared = Find(action) ?? throw new InvalidOperationException($"No implementation for dialog action '{action}'.");
        var outcome = declared.Body(this, turn);
        return declared.Outcomes.Contains(outcome) ? outcome
            : throw new InvalidOperationException($"Dialog action '{action}' returned '{outcome}', which it does not declare.");
    }

    /// <summary>Searches the recognized text; the outcome is the search's verdict, with the state updated to match.</summary>
    string Search(Turn turn)
    {
        var text = turn.Recognition.Text;
        SearchResult result;
        try
        {
            result = turn.Recognition.Search ?? searcher.Search(new SearchRequest(PersonalDataScrubber.WithoutPlaceholders(text), SearchTop, turn.State.ProvinceId));
        }
        catch (InvalidQueryException)
        {
            return "invalid";
        }
        turn.Search = result;
        var asked = new AskedQuestion(text, result.Normalized, result.Hits.Select(h => new DemandCandidate(h.Procedure.Code, h.Score)).ToList());
        var topic = ShortText.Shorten(result.Query, ContextResolver.MaxTopicLength);
        var state = turn.State with { LastQuestion = asked, Choices = null, Topic = topic, Unserved = null };
        var match = result.Match == MatchVerdict.Ambiguous && result.Hits.Count < 2 ? MatchVerdict.Confident : result.Match;
        switch (match)
        {
            case MatchVerdict.Confident when result.Hits.Count > 0:
                turn.State = state with { CurrentCode = result.Hits[0].Procedure.Code };
                return "confident";
            case MatchVerdict.Ambiguous:
                var choices = result.Hits.Take(MaxChoices).Select(h => new ClarificationChoice(h.Procedure.Code, h.Procedure.Name)).ToList();
                turn.State = state with { Choices = choices };
                return "ambiguous";
            default:
                // Follow-ups after an unanswered question must not silently answer about an older topic.
                turn.State = state with { CurrentCode = null, Topic = null, Unserved = match == MatchVerdict.None ? result.Unserved : null };
                return match == MatchVerdict.OutOfScope ? "out-of-scope" : result.Unserved is not null ? "unserved" : "none";
        }
    }

    string Answer(Turn turn)
    {
        if (OfferInFocus(turn) is not { } offer) return "no-procedure";
        return offer.Mode switch
        {
            OnlineMode.FullyOnline => "fully-online",
            OnlineMode.Partial => "partial",
            OnlineMode.Offline => "offline",
            _ => "unknown",
        };
    }

    /// <summary>
    /// Which part of the answer was asked for, and whether the catalogue has it for the procedure in focus. A message
    /// that checks a stated fact ("phí 70 nghìn đúng không") gets its yes or no in <see cref="Turn.Checked"/>.
    /// </summary>
    string Facet(Turn turn)
    {
        if (turn.Recognition.Facet is not { } facet) return "not-asked";
        if (turn.State.CurrentCode is not { } code || catalogue.FindByCode(code) is not { } p)
            return turn.State is { CurrentCode: null, Unserved: not null } ? "unserved" : "no-procedure";
        turn.Checked = turn.Recognition.Check ? factCheck.Check(facet, turn.Recognition.Text, p, catalogue.OfferFor(p, Province(turn)).Mode) : null;
        static string Known(string facet, bool known) => known ? facet : facet + "-unknown";
        if (FromText(turn, facet, p) is { } quoted) return quoted;
        return facet switch
        {
            IntentCategory.Fee => Known("fee", p.Methods.Any(m => !string.IsNullOrWhiteSpace(m.Fee))),
            IntentCategory.Time => Known("time", p.Methods.Any(m => !string.IsNullOrWhiteSpace(m.ProcessingTime))),
            IntentCategory.Documents => Known("documents", p.Documents.Count > 0),
            IntentCategory.Where => Known("where", !string.IsNullOrWhiteSpace(p.Agency) || !string.IsNullOrWhiteSpace(p.SubmissionAddress)),
            IntentCategory.Who => Known("who", !string.IsNullOrWhiteSpace(p.Applicants)),
            IntentCategory.Conditions => Known("conditions", !NoConditions(p.Conditions)),
            IntentCategory.Result => Known("result", !string.IsNullOrWhiteSpace(p.Result)),
            _ => catalogue.OfferFor(p, Province(turn)).Mode switch
            {
                OnlineMode.FullyOnline => "online",
                OnlineMode.Partial => "online-partial",
                OnlineMode.Offline => "online-offline",
                _ => "online-unknown",
            },
        };
    }

    /// <summary>
    /// A follow-up the procedure's own text answers better than the facet's field: whether it is carried out at the level
    /// the message names ("ở xã làm được ko") or which of the levels it names does ("nộp ở xã hay tỉnh"), how long the
    /// result is valid, the deadline the citizen must meet ("trong bao lâu phải đi khai tử"), or a yes/no question about
    /// something the text may mention ("có phải đăng báo ko"), quoted.
    /// Null when none applies and the facet answers as it is.
    /// </summary>
    string? FromText(Turn turn, string facet, Procedure p)
    {
        var message = turn.Recognition.Text;
        var check = turn.Recognition.Check;
        if (facet is IntentCategory.Where or IntentCategory.Conditions && factCheck.AtLevel(message, p) is { } level && (check || level.Either))
        {
            (turn.Level, turn.Checked) = (level, null);
            return level.Either ? "level-which" : level.Yes ? "level" : "level-not";
        }
        if (facet == IntentCategory.Result && !string.IsNullOrWhiteSpace(p.Result) && procedureText is not null && procedureText.AsksValidity(message))
        {
            turn.Quoted = procedureText.Validity(p);
            return turn.Quoted.Count > 0 ? "validity" : "validity-unknown";
        }
        if (facet is IntentCategory.Time or IntentCategory.Documents or IntentCategory.Conditions && procedureText is not null &&
            procedureText.AsksDeadline(message) && p.Methods.Any(m => !string.IsNullOrWhiteSpace(m.ProcessingTime)))
        {
            (turn.Quoted, turn.Checked) = (procedureText.Deadlines(p), null);
            return turn.Quoted.Count > 0 ? "deadline" : "deadline-unknown";
        }
        // Whether someone else may do it ("người nhà làm hộ được ko", "ủy quyền cho con nộp thay được không"): the passages
        // on acting for the applicant, else that the text says nothing of it — not a search for "người nhà" in its text.
        if (check && procedureText is not null && procedureText.AsksProxy(message))
        {
            (turn.Quoted, turn.Checked) = (procedureText.Proxies(p), null);
            return turn.Quoted.Count > 0 ? "proxy" : "proxy-unknown";
        }
        // Whether it can be done at home ("làm tại nhà được ko", "cán bộ đến nhà làm được không"): the passages on a
        // service that comes to the applicant ("lưu động"), else that the text says nothing of it and where to ask.
        // ("nộp online tại nhà được ko" asks about the online service, "bao lâu, gửi về nhà được không" about the time.)
        if (check && facet is IntentCategory.Conditions or IntentCategory.Where && procedureText is not null && procedureText.AsksHome(message))
        {
            (turn.Quoted, turn.Checked) = (procedureText.AtHome(p), null);
            return turn.Quoted.Count > 0 ? "home" : "home-unknown";
        }
        // A yes/no question with words of its own: a bare check is read as about the conditions ("có phải dẫn bé theo
        // không"), a document check as about the documents ("có cần giấy khai sinh ko"). A question that names the
        // conditions themselves ("có điều kiện gì không") is answered with them.
        if (!check || facet is not (IntentCategory.Conditions or IntentCategory.Documents) || lexicon is null || procedureText is null) return null;
        var words = UserText.Parse(message).Words;
        var matches = lexicon.Find(words);
        if (matches.Any(m => m.Category == IntentCategory.Conditions)) return null;
        var covered = new bool[words.Count];
        foreach (var m in matches)
            for (var k = m.Start; k < m.End; k++) covered[k] = true;
        var runs = new List<IReadOnlyList<Word>>();
        var run = new List<Word>();
        for (var k = 0; k <= words.Count; k++)
        {
            if (k < words.Count && !covered[k]) { run.Add(words[k]); continue; }
            if (run.Count > 0) runs.Add(run);
            run = [];
        }
        var own = covered.Select(c => !c).ToList();
        var negated = procedureText.Negated(words, own);
        if (procedureText.Mentioning(p, runs, negated.Count > 0 ? negated : null) is not { } found) return null;
        if (found.Count == 0 && facet == IntentCategory.Documents) return null;
        // What was looked for, as the citizen wrote it: from the first to the last word of their own ("chồng có được
        // hưởng"), not the bare words between the asking ones ("chồng hưởng").
        var first = Array.IndexOf(covered, false);
        var last = Array.LastIndexOf(covered, false);
        (turn.Quoted, turn.Sought, turn.Checked) = (found, words.Skip(first).Take(last - first + 1).Join(), null);
        return found.Count > 0 ? "passage" : "passage-none";
    }

    /// <summary>The catalogue's conditions say there are none ("Không.", "Không có").</summary>
    bool NoConditions(string? conditions) => string.IsNullOrWhiteSpace(conditions) || procedureText?.SaysNone(conditions) == true;

    Province? Province(Turn turn) => turn.State.ProvinceId is { } id ? catalogue.FindProvince(id) : null;

    /// <summary>The mode and link of the procedure in focus for the user's province (its own list's, else national).</summary>
    OnlineOffer? OfferInFocus(Turn turn) =>
        turn.State.CurrentCode is { } code && catalogue.FindByCode(code) is { } p ? catalogue.OfferFor(p, Province(turn)) : null;

    static string Choose(Turn turn)
    {
        var choices = turn.State.Choices ?? [];
        if (turn.Recognition.Choice is not { } n || n < 1 || n > choices.Count) return "out-of-range";
        turn.State = turn.State with { CurrentCode = choices[n - 1].Code, Choices = null };
        return "chosen";
    }

    /// <summary>
    /// A follow-up asked instead of choosing: the first (best) choice is taken as the procedure in focus, and the choices
    /// stay open so a number typed next still picks one.
    /// </summary>
    static string AssumeFirst(Turn turn)
    {
        if (turn.State.Choices is not [var first, ..]) return "no-choices";
        turn.State = turn.State with { CurrentCode = first.Code };
        return "assumed";
    }

    static string RememberProvince(Turn turn)
    {
        if (turn.Recognition.Province is { } province) turn.State = turn.State with { ProvinceId = province.Id };
        return turn.Recognition.FormerProvinceName is not null ? "merged" : "remembered";
    }

    /// <summary>Forgets the topic, the pending choice and the province; keeps the turn count and that the user was welcomed.</summary>
    static string Reset(Turn turn)
    {
        turn.State = ConversationState.New with { Turn = turn.State.Turn, Welcomed = turn.State.Welcomed };
        return "done";
    }

    /// <summary>
    /// The demand event a step's "record" asks for, from the turn's search or the state; null when there is nothing to
    /// report. A question that finds nothing while a procedure was in focus, and that asks about a part of an answer
    /// or checks a stated fact, is a <see cref="DemandOutcome.FollowUp"/> of that procedure, not an unmet need.
    /// Choices left for an answer the topic settled (<see cref="Recognition.SettlesTopic"/>) are not abandoned.
    /// </summary>
    public DemandEvent? Demand(DemandOutcome outcome, Turn turn)
    {
        var state = turn.State;
        string? code = outcome is DemandOutcome.ThumbsDown or DemandOutcome.ThumbsUp ? turn.Recognition.FeedbackCode ?? state.CurrentCode
            : outcome == DemandOutcome.Corrected ? turn.FocusAtStart
            : state.CurrentCode;
        if (outcome == DemandOutcome.NoMatch && turn.FocusAtStart is { } focus && turn.AsksAboutAnswer && !turn.Recognition.Switch && !turn.Recognition.Swap)
            (outcome, code) = (DemandOutcome.FollowUp, focus);
        switch (outcome)
        {
            case DemandOutcome.NoMatch or DemandOutcome.OutOfScope when state.LastQuestion is null:
            case DemandOutcome.AmbiguousAbandoned when state.Choices is null || state.LastQuestion is null || turn.Recognition.SettlesTopic:
            case DemandOutcome.NotFullyOnline or DemandOutcome.Answered or DemandOutcome.Corrected when code is null:
                return null;
            case DemandOutcome.NoMatch or DemandOutcome.AmbiguousAbandoned or DemandOutcome.OutOfScope:
                code = null;
                break;
        }
        var procedure = code is null ? null : catalogue.FindByCode(code);
        var offer = procedure is null ? null : catalogue.OfferFor(procedure, Province(turn));
        var asked = state.LastQuestion;
        return new DemandEvent(turn.Now.ToUniversalTime(), turn.Channel, state.ProvinceId, asked?.Text ?? "", asked?.Normalized ?? "",
            outcome, asked?.Candidates ?? [], code, offer?.Mode, turn.ConversationId, offer?.Source);
    }
}

/// <summary>An action the dialog files may name in a step's "do".</summary>
/// <param name="Outcomes">Every outcome <paramref name="Body"/> can return; a step doing the action routes each one.</param>
/// <param name="Body">Reads and updates the turn, returns the outcome.</param>
public sealed record DialogAction(string Name, IReadOnlyList<string> Outcomes, Func<DialogActions, Turn, string> Body);
