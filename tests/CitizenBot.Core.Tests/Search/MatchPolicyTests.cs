using CitizenBot.Core.Search;

namespace CitizenBot.Core.Tests.Search;

public sealed class MatchPolicyTests
{
    static RankFeatures Candidate(double score, double titlePrecision = 1.0) => new(score, 1, 1, 1, 1, titlePrecision);

    [Fact]
    public void No_candidates_is_no_match() => Assert.Equal(MatchVerdict.None, MatchPolicy.Decide([]));

    [Theory]
    [InlineData(0.9, 1.0, MatchVerdict.Confident)]
    [InlineData(MatchPolicy.MinimumScore, 1.0, MatchVerdict.Confident)]
    [InlineData(MatchPolicy.MinimumScore - 0.01, 1.0, MatchVerdict.None)] // explains too little of the question
    [InlineData(0.55, 0.2, MatchVerdict.None)] // a name mostly about other things, and not strong
    [InlineData(MatchPolicy.StrongScore, 0.2, MatchVerdict.Confident)] // strong enough despite that
    public void The_top_candidate_must_explain_the_question(double score, double precision, MatchVerdict expected) =>
        Assert.Equal(expected, MatchPolicy.Decide([Candidate(score, precision)]));

    [Theory]
    [InlineData(0.80, 0.79, MatchVerdict.Ambiguous)]
    [InlineData(0.80, 0.80, MatchVerdict.Ambiguous)]
    [InlineData(0.80, 0.70, MatchVerdict.Confident)]
    [InlineData(0.40, 0.39, MatchVerdict.None)] // no match outranks ambiguity
    public void A_runner_up_nearly_as_good_makes_it_ambiguous(double top, double second, MatchVerdict expected) =>
        Assert.Equal(expected, MatchPolicy.Decide([Candidate(top), Candidate(second)]));
}
