using CitizenBot.Core.Search;

namespace CitizenBot.Core.Tests.Search;

public sealed class MatchPolicyTests
{
    // A title covering most of the question, not all of it, unless a test says otherwise.
    static RankFeatures Candidate(double score, double titlePrecision = 1.0, double titleCoverage = 0.9) =>
        new(score, 1, 1, 1, titleCoverage, titlePrecision);

    [Fact]
    public void No_candidates_is_no_match() => Assert.Equal(MatchVerdict.None, MatchPolicy.Decide([]));

    [Theory]
    [InlineData(0.34, 0.59, MatchVerdict.None)] // explains little of the question, and the question does not name it
    [InlineData(0.34, 0.60, MatchVerdict.Confident)] // a story that names most of its title: plausible, and alone
    [InlineData(0.35, 0.30, MatchVerdict.Ambiguous)] // explains enough to offer, but its title is mostly about other things
    [InlineData(0.90, 0.40, MatchVerdict.Ambiguous)] // a strong score for a name the question explains too little of: ask
    public void Nothing_plausible_is_no_match_and_a_plausible_candidate_is_never_dropped(double score, double precision, MatchVerdict expected) =>
        Assert.Equal(expected, MatchPolicy.Decide([Candidate(score, precision)]));

    [Theory]
    [InlineData(1.00, 0.98, MatchVerdict.Confident)] // explains the whole question: a small lead is enough
    [InlineData(1.00, 0.99, MatchVerdict.Ambiguous)]
    [InlineData(0.60, 0.53, MatchVerdict.Confident)] // leaves 40 % unexplained: needs a lead of 0.02 + 0.1 × 0.4 = 0.06
    [InlineData(0.60, 0.55, MatchVerdict.Ambiguous)]
    [InlineData(0.80, 0.80, MatchVerdict.Ambiguous)] // a tie always asks
    public void One_candidate_clearly_ahead_is_the_answer_otherwise_the_bot_asks(double top, double second, MatchVerdict expected) =>
        Assert.Equal(expected, MatchPolicy.Decide([Candidate(top, 0.8), Candidate(second, 0.8)]));

    [Theory]
    [InlineData(0.82, 1.0, 0.028, MatchVerdict.Ambiguous)] // "hộ kinh doanh": both titles hold it; "chấm dứt" was not asked
    [InlineData(0.82, 0.9, 0.028, MatchVerdict.Confident)] // the runner-up's title lacks part of the question: the lead is enough
    [InlineData(0.82, 1.0, 0.05, MatchVerdict.Confident)] // lead ≥ 0.02 + 0.1 × 0.056 + 0.1 × 0.18 ≈ 0.044
    [InlineData(1.00, 1.0, 0.02, MatchVerdict.Confident)] // the winner's title is exactly the question: nothing unasked
    public void When_both_titles_hold_the_whole_question_the_unasked_part_of_the_winner_needs_a_wider_lead(
        double precision, double runnerUpCoverage, double lead, MatchVerdict expected) =>
        Assert.Equal(expected, MatchPolicy.Decide([Candidate(0.944, precision, 1.0), Candidate(0.944 - lead, 0.69, runnerUpCoverage)]));

    [Theory]
    [InlineData(1.0, 0.75, 0.03, MatchVerdict.Confident)] // the story names the top procedure in full, the runner-up in part
    [InlineData(1.0, 0.85, 0.03, MatchVerdict.Ambiguous)] // both are named about as well: ask
    [InlineData(1.0, 0.50, 0.01, MatchVerdict.Ambiguous)] // named, but scored level with the runner-up: ask
    [InlineData(0.9, 0.50, 0.03, MatchVerdict.Ambiguous)] // not named in full
    public void A_long_question_is_judged_by_the_words_that_name_the_procedure(double precision, double runnerUpPrecision, double lead, MatchVerdict expected) =>
        Assert.Equal(expected, MatchPolicy.Decide([Candidate(0.45, precision), Candidate(0.45 - lead, runnerUpPrecision)]));

    [Theory]
    [InlineData(0.70, 0.50, 0.35, MatchVerdict.Confident)] // far ahead of every other reading, its name half used: the answer
    [InlineData(0.70, 0.50, 0.56, MatchVerdict.Ambiguous)] // half-named and only a little ahead: ask
    [InlineData(0.82, 0.40, 0.41, MatchVerdict.Ambiguous)] // far ahead, but the question uses too little of its name ("nộp đơn"): ask
    [InlineData(0.30, 0.50, 0.10, MatchVerdict.None)] // far ahead of nothing plausible is still nothing plausible
    public void A_candidate_far_ahead_of_every_other_reading_is_the_answer(double score, double precision, double runnerUp, MatchVerdict expected) =>
        Assert.Equal(expected, MatchPolicy.Decide([Candidate(score, precision), Candidate(runnerUp, precision)]));

    [Theory]
    [InlineData(0.30, 0.1, MatchVerdict.OutOfScope)] // nothing plausible: outside what the bot helps with, not unmet demand
    [InlineData(0.50, 0.3, MatchVerdict.OutOfScope)] // something scores, but the question does not name it
    [InlineData(0.47, 0.64, MatchVerdict.OutOfScope)] // "ma gia sau rieng": a chance meeting with "mã số …" names nothing
    [InlineData(0.50, 0.8, MatchVerdict.Ambiguous)] // the question names a procedure: still offered, the citizen may need it
    [InlineData(0.95, 1.0, MatchVerdict.Confident)] // a procedure clearly matches ("giấy phép kinh doanh vàng"): answer it
    public void Out_of_scope_words_turn_away_only_a_question_that_names_no_procedure(double score, double precision, MatchVerdict expected) =>
        Assert.Equal(expected, MatchPolicy.Decide([Candidate(score, precision), Candidate(Math.Min(score, 0.48), 0.3)], outOfScope: true));

    [Fact]
    public void Without_out_of_scope_words_nothing_plausible_stays_unmet_demand() =>
        Assert.Equal(MatchVerdict.None, MatchPolicy.Decide([Candidate(0.30, 0.1), Candidate(0.3, 0.3)], outOfScope: false));

    [Theory]
    [InlineData(MatchVerdict.None, "none")]
    [InlineData(MatchVerdict.Ambiguous, "ambiguous")]
    [InlineData(MatchVerdict.Confident, "confident")]
    [InlineData(MatchVerdict.OutOfScope, "outOfScope")]
    public void Verdicts_have_stable_wire_names(MatchVerdict verdict, string wire) => Assert.Equal(wire, verdict.ToWire());
}
