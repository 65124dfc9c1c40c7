using CitizenBot.Core.Catalogue;
using CitizenBot.Core.Conversations;
using CitizenBot.Core.Demand;
using CitizenBot.Core.Provinces;
using CitizenBot.Core.Search;

namespace CitizenBot.Core.Dialogs;

/// <summary>
/// What the dialog files' "do" names: each action reads and updates the turn and returns one of its outcomes
/// (listed in <see cref="DialogVocabulary.Actions"/>), which the step's "outcomes" route on.
/// </summary>
public sealed class DialogActions(ISearcher searcher, ICatalogue catalogue)
{
    /// <summary>How many hits a search asks for, and how many a clarification offers.</summary>
    public const int SearchTop = 5;
    public const int MaxChoices = 4;

    public string Run(string action, Turn turn) => action switch
    {
        "search" => Search(turn),
        "answer" => Answer(turn),
        "facet" => Facet(turn),
        "choose" => Choose(turn),
        "remember-province" => RememberProvince(turn),
        "check-province" => turn.State.ProvinceId is { } id && catalogue.FindProvince(id) is not null ? "known" : "unknown",
        "check-answer" => turn.State.CurrentCode is not null ? "answered" : "not-answered",
        "check-link" => OfferInFocus(turn) is { ProvinceUrl: not null } ? "provincial" : "national",
        "reset" => Reset(turn),
        "rest" => turn.Recognition.RestHasContent ? "has-rest" : "no-rest",
        _ => throw new InvalidOperationException($"No implementation for dialog action '{action}'."),
    };

    /// <summary>Searches the recognized text; the outcome is the search's verdict, with the state updated to match.</summary>
    string Search(Turn turn)
    {
        var text = turn.Recognition.Text;
        SearchResult result;
        try
        {
            result = turn.Recognition.Search ?? searcher.Search(new SearchRequest(text, SearchTop, turn.State.ProvinceId));
        }
        catch (InvalidQueryException)
        {
            return "invalid";
        }
        turn.Search = result;
        var asked = new AskedQuestion(text, result.Normalized, result.Hits.Select(h => new DemandCandidate(h.Procedure.Code, h.Score)).ToList());
        var topic = MarkdownText.Shorten(result.Query, ContextResolver.MaxTopicLength);
        var state = turn.State with { LastQuestion = asked, Choices = null, Topic = topic };
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
                turn.State = state with { CurrentCode = null, Topic = null };
                return match == MatchVerdict.OutOfScope ? "out-of-scope" : "none";
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
        if (turn.State.CurrentCode is not { } code || catalogue.FindByCode(code) is not { } p) return "no-procedure";
        turn.Checked = turn.Recognition.Check ? FactCheck.Check(facet, turn.Recognition.Text, p, catalogue.OfferFor(p, Province(turn)).Mode) : null;
        static string Known(string facet, bool known) => known ? facet : facet + "-unknown";
        return facet switch
        {
            Lexicon.Fee => Known("fee", p.Methods.Any(m => !string.IsNullOrWhiteSpace(m.Fee))),
            Lexicon.Time => Known("time", p.Methods.Any(m => !string.IsNullOrWhiteSpace(m.ProcessingTime))),
            Lexicon.Documents => Known("documents", p.Documents.Count > 0),
            Lexicon.Where => Known("where", !string.IsNullOrWhiteSpace(p.Agency) || !string.IsNullOrWhiteSpace(p.SubmissionAddress)),
            Lexicon.Who => Known("who", !string.IsNullOrWhiteSpace(p.Applicants)),
            Lexicon.Conditions => Known("conditions", !string.IsNullOrWhiteSpace(p.Conditions)),
            Lexicon.Result => Known("result", !string.IsNullOrWhiteSpace(p.Result)),
            _ => catalogue.OfferFor(p, Province(turn)).Mode switch
            {
                OnlineMode.FullyOnline => "online",
                OnlineMode.Partial => "online-partial",
                OnlineMode.Offline => "online-offline",
                _ => "online-unknown",
            },
        };
    }

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
            case DemandOutcome.AmbiguousAbandoned when state.Choices is null || state.LastQuestion is null:
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
