using CitizenBot.Core.Demand;
using CitizenBot.Core.Analysis;
using CitizenBot.Core.Catalogue;
using CitizenBot.Core.Conversations;
using CitizenBot.Core.Search;

namespace CitizenBot.Core.Dialogs;

/// <summary>
/// Dialog state tracking: reads a message that the recognizer took for a new question against what the
/// conversation already holds — the procedure in focus, the choices of a pending clarification, the words of the
/// question that set the topic — and decides what it really is:
/// <list type="bullet">
/// <item>a new topic, when the message alone finds a procedure confidently (a clear switch always wins);</item>
/// <item>an answer to the clarification, when its words tell one offered choice from the others
///   ("cái cấp lại á, em làm mất thẻ"), or when the topic's words plus the message settle on one of them;</item>
/// <item>a follow-up about the procedure in focus, when it asks for a part of the answer (fee, time, who, …) or checks
///   a fact, and what else it says is about that procedure ("có phải niêm yết thông báo mất không, bao lâu");</item>
/// <item>the topic carried on ("còn làm cho con 6 tuổi thì sao", "à nhầm, người Hàn"), when the topic's words plus
///   the message find a procedure that the message alone does not.</item>
/// </list>
/// Every search it runs is handed on, so the dialog's search action does not repeat it.
/// </summary>
public sealed class ContextResolver(ISearcher searcher, ICatalogue catalogue, IntentLexicon lexicon, FactCheck factCheck, ProcedureText procedureText)
{
    /// <summary>The topic words kept for the next turns: enough for a procedure name and its qualifiers.</summary>
    public const int MaxTopicLength = 300;

    /// <summary>
    /// Of the message's own word pairs, at least this share must occur in the procedure in focus for a follow-up
    /// (a message with a single pair or word of its own, "nhà em ở Nghi Lộc thì nộp ở đâu", is one anyway).
    /// </summary>
    const double FollowUpCoverage = 0.5;

    /// <summary>The share that suffices when the message alone finds nothing at all: it names nothing else either.</summary>
    const double FollowUpCoverageWhenNothingElse = 0.4;

    /// <summary>How much more the message must put the first offered choice ahead for it to count as chosen.</summary>
    const double LeadGain = 0.02;

    /// <summary>A message with this few word pairs of its own that finds nothing alone leans on the topic ("khách Việt ạ").</summary>
    const int ShortMessageUnits = 3;

    /// <summary>How far down the message's own ranking a procedure still counts as one of its readings.</summary>
    const int FocusAmongTop = 4;

    /// <param name="corrects">The message is what followed a correction ("à nhầm, …"): it may lean on the topic.</param>
    public Recognition Resolve(Recognition recognition, UserText user, ConversationState state, bool corrects = false)
    {
        if (recognition is { Intent: Intents.Choice, Choice: { } number } && state.Choices is { Count: > 1 } offered &&
            number >= 1 && number <= offered.Count)
            return Described(recognition, user, offered, number);
        if (recognition.Intent != Intents.Question) return recognition;
        var focus = state.CurrentCode is { } code ? catalogue.FindByCode(code) : null;
        var choices = state.Choices is { Count: > 0 } c ? c : null;
        if (focus is null && choices is null && state.Topic is null) return recognition;

        var scored = Search(recognition.Text, state, ScoredCandidates);
        var alone = Trimmed(scored);
        // Gold prices or the weather are out of scope whatever was asked before; a need the catalogue lacks
        // ("thế còn trợ cấp thất nghiệp thì đăng ký ở đâu" after a one-time social-insurance payout) is unmet whatever
        // the topic's words would add to it.
        if (alone.Match == MatchVerdict.OutOfScope || alone is { Match: MatchVerdict.None, Unserved: not null })
            return recognition with { Search = alone };
        var top = alone.Match == MatchVerdict.Confident && alone.Hits.Count > 0 ? alone.Hits[0].Procedure : null;
        var ownRuns = OwnWordRuns(user);
        var runs = Folded(ownRuns);
        var units = Units(runs);
        // The message read with the topic's words: searched at most once, when a rule below first needs it.
        var withTopic = new Lazy<SearchResult?>(() => WithTopic(recognition, state), LazyThreadSafetyMode.None);
        // What else the message says belongs to the procedure (its own word pairs are in the procedure's text).
        bool About(Procedure? procedure) => procedure is not null && !recognition.Switch &&
                                            Coverage(units, procedure) >= (alone.Match == MatchVerdict.None ? FollowUpCoverageWhenNothingElse : FollowUpCoverage);
        // A follow-up about the procedure names nothing else, or what it names belongs to it and it does not swap the object.
        bool AsksAbout(Procedure? procedure) => procedure is not null && !recognition.Switch &&
                                                (units.Length == 0 || !recognition.Swap && (StrayWords(runs) || About(procedure)));

        if (choices is not null)
        {
            // While choices are open, a follow-up is about the first offered: the dialog answers for it and says so
            // (the procedure answered before the choices were offered is no longer the one in focus).
            var assumed = catalogue.FindByCode(choices[0].Code);
            return Clarified(recognition, state, choices, alone, top, [.. ownRuns.SelectMany(r => r)], assumed, () => AsksAbout(assumed),
                detail: !recognition.Switch && units.Length <= ShortMessageUnits && !NamesAProcedure(alone));
        }

        // A yes/no about how to get it done — by someone else or at home ("làm tại nhà được ko" after a certification;
        // alone it reads "làm nhà", a building permit) — or about a paper of the dossier ("có cần giấy khai sinh ko"
        // after a child's ID card) asks about the procedure in focus, though its words name a procedure of their own.
        if (top is not null && focus is not null && recognition is { Check: true, Swap: false, Switch: false } &&
            (procedureText.AsksHowToGetItDone(recognition.Text) || top.Code != focus.Code && NamesItsPaper(units, focus)))
            return AsFacet(recognition);

        // A detail whose own words are all the focus's ("khai sinh ở Hà Tĩnh" after the copy of a birth certificate) is
        // about it, though alone those words name the plain procedure ("Thủ tục đăng ký khai sinh").
        if (top is not null && focus is not null && top.Code != focus.Code && recognition is { Facet: null, Check: false, Swap: false, Switch: false } &&
            runs.Count > 0 && FoldedWords(focus.Name, focus.Aliases) is var focusWords && runs.All(r => r.All(focusWords.Contains)) &&
            withTopic.Value is { Hits: [var inFocus, ..] } reread && inFocus.Procedure.Code == focus.Code)
            return recognition with { Search = reread with { Match = MatchVerdict.Confident } };

        if (top is not null)
            // A follow-up that names the topic in general words ("giấy chứng nhận kết hôn bao lâu") stays with the
            // variant in focus (the marriage with a foreigner); anything else confident is a new topic.
            // ("còn … thì sao" swaps the object: what it finds is the new topic).
            return recognition.Facet is not null && (top.Code == focus?.Code || !recognition.Swap && (Near(alone, focus?.Code) || Narrows(focus, top)) && About(focus))
                ? AsFacet(recognition)
                : recognition with { Search = alone };

        // A follow-up: it asks for a part of the answer or checks a fact, and names nothing else ("phí 200k đúng ko"),
        // or what it names belongs to the procedure in focus and it does not swap the object ("còn bên bán thì sao").
        // So is one whose own readings include the procedure in focus, though it names it in words the procedure's text
        // lacks ("nop o bhxh tinh hay o xa a": "bhxh" is how citizens write "bảo hiểm xã hội").
        if ((recognition.Facet is not null || recognition.Check) &&
            (AsksAbout(focus) || recognition is { Switch: false, Swap: false } && Near(alone, focus?.Code)))
            return AsFacet(recognition);
        // A yes/no check that names no procedure of its own checks a fact of the one in focus, though its words are not
        // in that procedure's text ("có cần dắt xe đến cho công an kiểm tra không" after the re-issue of a vehicle
        // registration): alone it only finds titles that happen to share a word. (A question about a part of the answer,
        // "mất bao lâu", is not widened so: with words of its own it is as often a new question.)
        if (recognition is { Check: true, Switch: false, Swap: false } && focus is not null && !NamesAProcedure(alone))
            return AsFacet(recognition);

        // The conversation settles what the message alone leaves open: the first of its candidates is the procedure
        // in focus ("hộ kinh doanh thôi ạ, em bán nhỏ lẻ tại nhà" after the household business was answered), or,
        // in a correction, one the topic's question found — answer it instead of asking again. (The same question
        // asked again is asked again: it says nothing the topic's question did not.)
        if (alone is { Match: MatchVerdict.Ambiguous, Hits: [var first, ..] } && recognition is { Switch: false, Check: false } &&
            (first.Procedure.Code == state.CurrentCode && !Repeats(runs, state.Topic) || corrects && AmongTopic(state, first.Procedure.Code)))
            return recognition with { Search = InTopic(alone with { Match = MatchVerdict.Confident }, state) };

        // A detail that is open alone, one of whose readings is the procedure in focus, describes that procedure again
        // when read with the topic it comes first ("cấp lại vì bị mất, e đánh rơi ở chợ" after the re-issue of a
        // vehicle registration was answered: alone it is any re-issue).
        if (alone.Match == MatchVerdict.Ambiguous && focus is not null && recognition is { Switch: false, Swap: false, Check: false } &&
            Near(alone, focus.Code) && !Repeats(runs, state.Topic) &&
            withTopic.Value is { Hits: [var same, ..] } described && same.Procedure.Code == focus.Code)
            return recognition.Facet is not null ? AsFacet(recognition) : recognition with { Search = described with { Match = MatchVerdict.Confident } };

        // A short detail that names no procedure ("e là nam", "con e 8 tuổi", "nhà cấp 4 thôi") says more about the topic:
        // alone it only finds titles that happen to share a word ("nam" of "Việt Nam"). Read with the topic, when it
        // puts first the procedure in focus or one of the topic question's candidates, that is what it is about. (Words
        // the catalogue knows none of, "zxqv wplk", find nothing alone and describe nothing.) So is the same for another
        // person ("còn vợ e thì sao", "còn đứa lớn 15 tuổi thì sao": with an age stated, the topic's age is replaced and a
        // sibling of the procedure in focus, the card for 14 and over, is what it finds; so does a correction of the age
        // alone: "à nhầm, con e mới 10 tuổi" after the card for 14 and over finds the card for under 14).
        if (focus is not null && !recognition.Switch && units.Length <= ShortMessageUnits &&
            alone.Match != MatchVerdict.Confident && scored.Hits.Count > 0 && !NamesAProcedure(alone) &&
            withTopic.Value is { Hits: [var detailed, ..] } read &&
            (detailed.Procedure.Code == focus.Code || AmongTopic(state, detailed.Procedure.Code) ||
             (recognition.Swap || corrects) && searcher.StatedAge.InQuestion(recognition.Text).Count > 0 && Siblings(focus, detailed.Procedure)))
            return detailed.Procedure.Code == focus.Code && (recognition.Facet is not null || recognition.Check)
                ? AsFacet(recognition)
                : recognition with { Search = read with { Match = MatchVerdict.Confident } };

        // The detail picks one of the topic's candidates over the one answered ("khách chủ yếu là Tây ạ": among the
        // guest-declaration candidates, the one for foreigners).
        if (!recognition.Switch && alone.Match != MatchVerdict.Confident && Refined(scored, state) is { } refined)
            return recognition with { Search = InTopic(refined, state) };

        // The topic carries over only where the message says it continues: a correction, "còn … thì sao", a
        // follow-up question, or a message too short to stand alone; a new story of its own is searched on its own.
        // Words the catalogue knows none of ("zxqv wplk") add nothing to read with the topic: the topic alone would answer.
        // A longer message that finds nothing alone continues the topic too when the procedure the topic's words plus
        // the message find is one of the message's own readings ("cái cấp lại á, em làm rớt mất cái thẻ hôm đi chợ").
        var saysItContinues = corrects || recognition.Swap || recognition.Facet is not null || recognition.Check;
        var continues = (saysItContinues || alone.Match == MatchVerdict.None && !recognition.Switch) &&
                        (scored.Hits.Count > 0 || units.Length == 0);
        var carried = continues ? withTopic.Value : null;
        if (carried is { Match: MatchVerdict.Confident, Hits: [var hit, ..] } &&
            (Near(alone, hit.Procedure.Code) || alone.Match == MatchVerdict.None && (saysItContinues || units.Length <= ShortMessageUnits)))
            return hit.Procedure.Code == focus?.Code && recognition.Facet is not null
                ? AsFacet(recognition)
                : recognition with { Search = carried };
        // Read with the topic, the message puts the procedure in focus first, and that procedure is one of its own
        // readings: it describes the same thing again in its own words ("loại thường xuyên ấy ạ, nhà e mới có người bị
        // tai nạn …" after the regular poor-household recognition was answered).
        if (carried is { Match: MatchVerdict.Ambiguous, Hits: [var again, ..] } && again.Procedure.Code == focus?.Code &&
            alone.Match == MatchVerdict.None && Near(alone, focus.Code))
            return recognition.Facet is not null ? AsFacet(recognition) : recognition with { Search = carried with { Match = MatchVerdict.Confident } };
        // A correction that finds nothing alone, read with the topic, puts first one of the topic question's own
        // candidates: the same question with the detail corrected ("à nhầm, đứa lớn 15 tuổi rồi chứ k phải bé 9 tuổi"
        // after a 9-year-old's ID card: the card for 14 and over). A corrected age reads the topic anew (the old age
        // had ruled out the procedure it now finds), so there a sibling of the procedure in focus is enough.
        if (corrects && carried is { Match: MatchVerdict.Ambiguous, Hits: [var corrected, ..] } && alone.Match == MatchVerdict.None &&
            corrected.Procedure.Code != focus?.Code &&
            (AmongTopic(state, corrected.Procedure.Code) || searcher.StatedAge.InQuestion(recognition.Text).Count > 0 && Siblings(focus, corrected.Procedure)))
            return recognition with { Search = carried with { Match = MatchVerdict.Confident } };

        return recognition with { Search = alone };
    }

    /// <summary>A message while a clarification is pending: a choice, a new topic, or the choices again.</summary>
    /// <param name="assumed">The choice a follow-up is about: the first offered.</param>
    /// <param name="asksAboutAssumed">A follow-up in this message would be about <paramref name="assumed"/>.</param>
    Recognition Clarified(Recognition recognition, ConversationState state, IReadOnlyList<ClarificationChoice> choices,
        SearchResult alone, Procedure? top, IReadOnlyList<Word> own, Procedure? assumed, Func<bool> asksAboutAssumed, bool detail)
    {
        var followUp = recognition.Facet is not null || recognition.Check;
        if (top is not null)
        {
            if (Offers(choices, top.Code)) return AsChoice(recognition, choices, top.Code);
            // A follow-up that names the choice's object in its own words finds something else alone ("hộ chiếu có giá
            // trị mấy năm": "khôi phục giá trị sử dụng hộ chiếu"), but the choice is one of its readings: it asks about it.
            if (recognition.Facet is not null && !recognition.Swap && assumed is not null && (Near(alone, assumed.Code) || Narrows(assumed, top)) && asksAboutAssumed())
                return AsFacet(recognition);
            // A detail that alone finds something else, but read with the topic puts first another of its own readings,
            // goes on with the topic ("… e chỉ cần 1 bản sao" after "làm lại giấy khai sinh": the copy of the birth
            // certificate, not "cấp bản sao từ sổ gốc"). A switch or a swap ("còn … thì sao") is a new topic.
            if (recognition is { Switch: false, Swap: false } && WithTopic(recognition, state) is { Hits: [var first, ..] } carried &&
                first.Procedure.Code != top.Code && Near(alone, first.Procedure.Code))
                return Offers(choices, first.Procedure.Code)
                    ? AsChoice(recognition, choices, first.Procedure.Code)
                    : recognition with { Search = carried with { Match = MatchVerdict.Confident }, SettlesTopic = true };
            return recognition with { Search = alone };
        }
        // "còn … thì sao" names another object or action than the choices ("còn cấp lại thì sao" after "đổi bằng lái" or
        // "đổi bằng lái quân sự do Bộ Quốc phòng cấp"): a word it shares with one of them does not pick it.
        if (!recognition.Swap && Distinguishes(own, choices) is { } picked)
            return recognition with { Intent = Intents.Choice, Choice = picked };
        // A follow-up asked instead of choosing, whose own words name nothing else ("nộp đơn ở đâu, mất bao lâu"):
        // answered for the choice in focus, the choices staying open.
        if (followUp && asksAboutAssumed()) return AsFacet(recognition);
        // A question whose own readings share nothing with the choices is a new topic: no need to read it with the old one.
        // A short detail that names no procedure ("con 2 tháng tuổi", "bán lẻ thôi") is not one: it says more about the choices.
        var unrelated = !alone.Hits.Any(h => Offers(choices, h.Procedure.Code) || VariantOfChoice(choices, h.Procedure));
        if (!detail && alone.Match != MatchVerdict.None && unrelated)
            return recognition with { Search = alone };
        var combined = WithTopic(recognition, state);
        if (Reranked(combined, choices, state.LastQuestion) is { } reranked) return AsChoice(recognition, choices, reranked);
        // The detail settles on a level variant of a choice that was not offered ("báo mất … ở bến xe": the commune-level
        // report), or on another of the choices' family ("cái cấp lại ấy" after the choices for a driving licence — issue,
        // withdraw, exchange, international: "Cấp lại giấy phép lái xe").
        if (combined is { Match: MatchVerdict.Confident, Hits: [var variant, ..] } &&
            (VariantOfChoice(choices, variant.Procedure) || choices.Any(c => Siblings(catalogue.FindByCode(c.Code), variant.Procedure))))
            return recognition with { Search = combined, SettlesTopic = true };
        // "còn … thì sao" keeps the topic and changes the action or the person: what the topic's words and the message
        // find confidently is the question now; a first reading that is one of the choices is that choice for the other
        // person ("còn cho mẹ em thì sao" after the choices for a judicial record).
        if (recognition is { Swap: true, Switch: false } && combined is { Hits: [var swapped, ..] })
        {
            if (Offers(choices, swapped.Procedure.Code)) return AsChoice(recognition, choices, swapped.Procedure.Code);
            if (combined.Match == MatchVerdict.Confident) return recognition with { Search = combined, SettlesTopic = true };
        }
        // A short detail that names no procedure, read with the topic, puts first an offered choice whose name holds its
        // words: that choice ("bị mất" after the choices for a passport: the report of a lost passport), not a list of what
        // "bị mất" alone meets (land titles, driving licences). ("con 2 tháng tuổi" names none of them: asked again.)
        // (A level variant of a choice that was not offered is answered itself: "báo mất … ở bến xe", the commune's report.)
        if (detail && combined is { Hits: [var kept, ..] } &&
            choices.ToList().FindIndex(c => c.Code == kept.Procedure.Code || VariantOfChoice([c], kept.Procedure)) is var at and >= 0 &&
            DistinctionScores(UserText.Parse(recognition.Text).Words, choices)[at] > 0)
            return choices[at].Code == kept.Procedure.Code
                ? AsChoice(recognition, choices, kept.Procedure.Code)
                : recognition with { Search = combined with { Match = MatchVerdict.Confident }, SettlesTopic = true };
        // Nothing here tells the choices apart nor names anything else: ask again rather than answer "not found" or list
        // what the detail's words happen to share with other titles.
        return alone.Match == MatchVerdict.None || detail && unrelated ? recognition with { Intent = Intents.Unclear } : recognition with { Search = alone };
    }

    /// <summary>
    /// A numbered choice with a description after it ("cái đầu tiên á, sao y bản chính …"): when the description tells
    /// another choice from the rest and says nothing of the numbered one, the order was misread — the description wins.
    /// </summary>
    Recognition Described(Recognition recognition, UserText user, IReadOnlyList<ClarificationChoice> choices, int number)
    {
        var scores = DistinctionScores([.. OwnWordRuns(user).SelectMany(r => r)], choices);
        return Distinct(scores) is { } described && described != number && scores[number - 1] == 0
            ? recognition with { Choice = described }
            : recognition;
    }

    /// <summary>
    /// The offered choice that the topic's words plus the message rank first of all, when the message changed
    /// something: it lifted another choice above the first one offered, or widened the first one's lead over the
    /// second (or made it a confident answer).
    /// </summary>
    static string? Reranked(SearchResult? combined, IReadOnlyList<ClarificationChoice> choices, AskedQuestion? asked)
    {
        if (combined is not { Hits: [var first, ..] } || !Offers(choices, first.Procedure.Code)) return null;
        var code = first.Procedure.Code;
        if (code != choices[0].Code || combined.Match == MatchVerdict.Confident) return code;
        return Lead(combined.Hits.Select(h => (h.Procedure.Code, h.Score)), choices) >
               Lead(asked?.Candidates.Select(c => (c.Code, c.Score)) ?? [], choices) + LeadGain ? code : null;
    }

    /// <summary>How far the first offered choice is ahead of the best other offered choice in a ranking (0 when not ranked).</summary>
    static double Lead(IEnumerable<(string Code, double Score)> ranking, IReadOnlyList<ClarificationChoice> choices)
    {
        var offered = ranking.Where(r => Offers(choices, r.Code)).ToList();
        if (offered.Count == 0 || offered[0].Code != choices[0].Code) return 0;
        return offered.Count > 1 ? offered[0].Score - offered[1].Score : offered[0].Score;
    }

    /// <summary>
    /// The topic's candidate that the message alone scores plausibly and clearly above the procedure in focus, as a
    /// confident result; null when the message does not tell them apart.
    /// </summary>
    static SearchResult? Refined(SearchResult scored, ConversationState state)
    {
        if (state.CurrentCode is not { } focus || state.LastQuestion is not { Candidates.Count: > 1 } asked) return null;
        var scores = scored.Hits.ToDictionary(h => h.Procedure.Code, h => h);
        var best = asked.Candidates.Take(DialogActions.MaxChoices)
            .Where(c => c.Code != focus && scores.ContainsKey(c.Code))
            .Select(c => scores[c.Code]).MaxBy(h => h.Score);
        if (best is null || best.Score < RefinedScore) return null;
        var focusScore = scores.TryGetValue(focus, out var f) ? f.Score : 0;
        return best.Score - focusScore >= RefinedLead
            ? Trimmed(scored with { Match = MatchVerdict.Confident, Hits = [best, .. scored.Hits.Where(h => h != best)] })
            : null;
    }

    /// <summary>How much of the message a topic candidate must explain to be picked by it (units of the search score).</summary>
    const double RefinedScore = 0.25;

    /// <summary>How far above the procedure in focus the message must score the candidate it picks.</summary>
    const double RefinedLead = 0.05;

    /// <summary>How deep the message's own ranking is read, so the topic's candidates have their scores.</summary>
    const int ScoredCandidates = 50;

    /// <summary>A result cut to what the dialog's search action would have asked for.</summary>
    static SearchResult Trimmed(SearchResult result) =>
        result.Hits.Count <= DialogActions.SearchTop ? result : result with { Hits = result.Hits.Take(DialogActions.SearchTop).ToList() };

    SearchResult Search(string text, ConversationState state, int top = DialogActions.SearchTop) =>
        searcher.Search(new SearchRequest(PersonalDataScrubber.WithoutPlaceholders(text), top, state.ProvinceId));

    /// <summary>
    /// A result the topic settled, with the topic's words before the message's: what the next turn reads with
    /// (after "khách chủ yếu là Tây ạ" the topic is still the homestay's guests, so "còn khách Việt thì sao" finds them).
    /// </summary>
    static SearchResult InTopic(SearchResult result, ConversationState state) =>
        state.Topic is { Length: > 0 } topic ? result with { Query = topic + " " + result.Query } : result;

    /// <summary>The message read with the words of the question that set the topic; null when there is none.</summary>
    SearchResult? WithTopic(Recognition recognition, ConversationState state)
    {
        if (state.Topic is not { Length: > 0 } topic) return null;
        // An age the message states replaces the topic's ("à nhầm, đứa lớn 15 tuổi rồi" after "bé nhà mình 9 tuổi").
        if (searcher.StatedAge.InQuestion(recognition.Text).Count > 0) topic = searcher.StatedAge.Without(topic);
        try { return Search(topic + " " + recognition.Text, state); }
        catch (InvalidQueryException) { return null; }
    }

    /// <summary>The message's best reading is named by it: most of that title's words are in the message.</summary>
    static bool NamesAProcedure(SearchResult alone) =>
        alone.Hits is [{ Features: { } best }, ..] && best.TitlePrecision >= MatchPolicy.PlausiblePrecision;

    /// <summary>The procedure is among the message's own best readings.</summary>
    static bool Near(SearchResult alone, string? code) =>
        code is not null && alone.Hits.Take(FocusAmongTop).Any(h => h.Procedure.Code == code);

    /// <summary>The procedure is a level variant of an offered choice (the same name without its level note).</summary>
    static bool VariantOfChoice(IReadOnlyList<ClarificationChoice> choices, Procedure procedure) =>
        choices.Any(c => LevelVariants.Key(c.Name) == LevelVariants.Key(procedure.Name));

    /// <summary>The procedure in focus is a narrower case of <paramref name="general"/>: every word of the general name is
    /// in its name ("đăng ký kết hôn" and "đăng ký kết hôn có yếu tố nước ngoài").</summary>
    static bool Narrows(Procedure? focus, Procedure general) =>
        focus is not null && FoldedWords(general.Name, []).IsSubsetOf(FoldedWords(focus.Name, []));

    /// <summary>Share of the shorter name's words the other name holds, for <see cref="Siblings"/>.</summary>
    const double SiblingOverlap = 0.6;

    /// <summary>Two names of one family: most of the shorter one's words are in the other ("cấp thẻ căn cước cho người
    /// dưới 14 tuổi" and "… từ đủ 14 tuổi trở lên").</summary>
    static bool Siblings(Procedure? focus, Procedure other)
    {
        if (focus is null) return false;
        var (a, b) = (FoldedWords(focus.Name, []), FoldedWords(other.Name, []));
        return a.Count > 0 && b.Count > 0 && a.Intersect(b).Count() >= SiblingOverlap * Math.Min(a.Count, b.Count);
    }

    /// <summary>
    /// A follow-up. A bare check is about what its fact is ("mất 5 ngày đúng ko": the time, "200k hả": the fee), else
    /// about the conditions ("có phải dẫn bé theo không").
    /// </summary>
    Recognition AsFacet(Recognition r) =>
        r with { Intent = Intents.Facet, Facet = r.Facet ?? factCheck.FacetOf(r.Text) ?? IntentCategory.Conditions };

    static Recognition AsChoice(Recognition r, IReadOnlyList<ClarificationChoice> choices, string code) =>
        r with { Intent = Intents.Choice, Choice = choices.Select(c => c.Code).ToList().IndexOf(code) + 1 };

    static bool Offers(IReadOnlyList<ClarificationChoice> choices, string code) => choices.Any(c => c.Code == code);

    /// <summary>Every word of the message's own is one the topic's question already said: the same question again.</summary>
    static bool Repeats(List<string[]> runs, string? topic)
    {
        if (topic is null) return false;
        var said = WordExtensions.ParseWords(topic).Select(w => w.Folded).ToHashSet(StringComparer.Ordinal);
        return runs.SelectMany(r => r).All(said.Contains);
    }

    /// <summary>The procedure is among the first candidates the topic's question found.</summary>
    static bool AmongTopic(ConversationState state, string code) =>
        state.LastQuestion?.Candidates.Take(DialogActions.MaxChoices).Any(c => c.Code == code) == true;

    /// <summary>
    /// The message's words that carry meaning, in runs of adjacent words: no intent phrase (filler, facet, check, …)
    /// and no quantity ("70 nghìn", "200k", "6 tuổi": a number, a word with digits, the unit after a number), which
    /// end a run.
    /// </summary>
    List<Word[]> OwnWordRuns(UserText user)
    {
        var covered = new bool[user.Words.Count];
        foreach (var m in lexicon.Find(user.Words))
        {
            for (var k = m.Start; k < m.End; k++) covered[k] = true;
            // "ở Nghi Lộc, …", "tại phường 5", "nộp ở bhxh tỉnh hay ở xã": a place, up to the next punctuation, is where,
            // not what.
            if (m.Category == IntentCategory.ProvinceMarker ||
                m.Category == IntentCategory.Where && lexicon.Find([user.Words[m.End - 1]]) is [{ Category: IntentCategory.ProvinceMarker }])
                for (var k = m.End; k < user.Words.Count && !user.PunctuationBefore(k); k++) covered[k] = true;
        }
        var runs = new List<Word[]>();
        var run = new List<Word>();
        void Flush()
        {
            if (run.Count > 0) runs.Add([.. run]);
            run.Clear();
        }
        for (var k = 0; k < user.Words.Count; k++)
        {
            // A comma or a full stop ends a run too: "công an xã, gọi sđt" are two things.
            if (user.PunctuationBefore(k)) Flush();
            if (!covered[k] && !Quantity(user.Words, k)) run.Add(user.Words[k]);
            else Flush();
        }
        Flush();
        return runs;
    }

    /// <summary>The runs' words folded: how they are compared with catalogue text.</summary>
    static List<string[]> Folded(List<Word[]> runs) => runs.Select(r => r.Select(w => w.Folded).ToArray()).ToList();

    static bool Quantity(IReadOnlyList<Word> words, int k) =>
        words[k].Lower.Any(char.IsDigit) || k > 0 && words[k - 1].IsNumber;

    /// <summary>
    /// The choice (1-based) whose name and aliases hold the message's words that the other choices lack
    /// ("cấp lại" among "cấp mới / cấp đổi / cấp lại"); null when no word tells them apart or two choices tie.
    /// </summary>
    int? Distinguishes(IReadOnlyList<Word> words, IReadOnlyList<ClarificationChoice> choices) => Distinct(DistinctionScores(words, choices));

    /// <summary>
    /// For each choice, how many of the words only it (or few others) holds, each word shared among its holders. A word
    /// typed with its accents must be the choice's word as written ("khai tử" is not the "từ" of "từ đủ 14 tuổi");
    /// one typed without them matches by its folded form (<see cref="Word.Matches"/>). Filler the search drops counts
    /// only beside the word it goes with ("cấp trong nước": "trong nước"), not alone ("thẻ … bị gãy" does not pick the
    /// alias "làm lại CCCD bị mất", "nằm trong đó" not a name "… trong nước").
    /// </summary>
    double[] DistinctionScores(IReadOnlyList<Word> words, IReadOnlyList<ClarificationChoice> choices)
    {
        var vocabularies = choices.Select(c => ChoiceWords(c.Name, catalogue.FindByCode(c.Code)?.Aliases ?? [])).ToArray();
        var scores = new double[choices.Count];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var k = 0; k < words.Count; k++)
        {
            var word = words[k];
            if (!seen.Add(word.Lower)) continue;
            var filler = searcher.IsFiller(word.Lower);
            bool Holds(List<Word> vocabulary) => filler
                ? k > 0 && vocabulary.ContainsRun([words[k - 1], word]) || k + 1 < words.Count && vocabulary.ContainsRun([word, words[k + 1]])
                : vocabulary.Any(word.Matches);
            var holders = Enumerable.Range(0, choices.Count).Where(i => Holds(vocabularies[i])).ToArray();
            if (holders.Length == 0 || holders.Length == choices.Count) continue;
            foreach (var i in holders) scores[i] += 1.0 / holders.Length;
        }
        return scores;
    }

    /// <summary>The choice (1-based) with the highest score when it alone has it; null when none scores or two tie.</summary>
    static int? Distinct(double[] scores)
    {
        var best = Enumerable.Range(0, scores.Length).OrderByDescending(i => scores[i]).ToArray();
        if (scores[best[0]] <= 0 || best.Length > 1 && scores[best[1]] >= scores[best[0]]) return null;
        return best[0] + 1;
    }

    /// <summary>
    /// The share of the message's own word pairs (single words where a run has one) that the procedure's text (name,
    /// aliases, documents, steps, …) also holds: "niêm yết thông báo" is about a lost land certificate, "tiền điện"
    /// and "sơ tuyển" are not about residence.
    /// </summary>
    static double Coverage(string[] units, Procedure procedure) =>
        units.Length <= 1 ? 1 : Share(units, new[] { procedure.Name, procedure.Field, procedure.Applicants, procedure.Conditions,
                procedure.Result, procedure.Agency, procedure.Description }
            .Concat(procedure.Aliases).Concat(procedure.Steps).Concat(procedure.Documents.Select(d => d.Name))
            .Concat(procedure.Methods.SelectMany(m => new[] { m.Fee, m.ProcessingTime, m.Description })));

    /// <summary>Every word pair of the message's own names a paper of the procedure's dossier ("giấy khai sinh").</summary>
    static bool NamesItsPaper(string[] units, Procedure procedure) =>
        units.Length > 0 && Share(units, procedure.Documents.Select(d => d.Name)) >= 1;

    /// <summary>The share of the units (words, word pairs) that the texts hold.</summary>
    static double Share(string[] units, IEnumerable<string?> texts)
    {
        var text = new HashSet<string>(StringComparer.Ordinal);
        foreach (var part in texts)
        {
            if (string.IsNullOrWhiteSpace(part)) continue;
            var w = WordExtensions.ParseWords(part);
            for (var i = 0; i < w.Length; i++)
            {
                text.Add(w[i].Folded);
                if (i + 1 < w.Length) text.Add(w[i].Folded + " " + w[i + 1].Folded);
            }
        }
        return (double)units.Count(text.Contains) / units.Length;
    }

    /// <summary>
    /// Only single words of its own, each apart from the others ("nộp đơn cho ai, … bao lâu thì có giấy"): a new topic
    /// is named by words together ("tiền điện", "học phí", "vay ngân hàng"), so stray words leave the topic as it was.
    /// </summary>
    static bool StrayWords(List<string[]> runs) => runs.Count > 0 && runs.All(r => r.Length == 1);

    /// <summary>Word pairs of each run (a run of one word is that word).</summary>
    static string[] Units(List<string[]> runs) =>
        runs.SelectMany(r => r.Length == 1 ? [r[0]] : r.Zip(r.Skip(1), (a, b) => a + " " + b)).Distinct().ToArray();

    /// <summary>The words of a name and its aliases, as written.</summary>
    static List<Word> ChoiceWords(string name, IEnumerable<string?> more) =>
        [.. more.Prepend(name).Where(t => !string.IsNullOrWhiteSpace(t)).SelectMany(t => WordExtensions.ParseWords(t!))];

    static HashSet<string> FoldedWords(string name, IEnumerable<string?> more) =>
        ChoiceWords(name, more).Select(w => w.Folded).ToHashSet(StringComparer.Ordinal);
}
