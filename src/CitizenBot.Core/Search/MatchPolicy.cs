namespace CitizenBot.Core.Search;

/// <summary>
/// Decides how sure the top result is. No match when the best candidate leaves much of the question unexplained
/// (the question is about something the catalogue lacks); ambiguous when the runner-up is nearly as good.
/// </summary>
public static class MatchPolicy
{
    public const double MinimumEvidence = 0.55;
    public const double MinimumNameCoverage = 0.35;
    public const double AmbiguityMargin = 0.03;

    public static MatchVerdict Decide(IReadOnlyList<RankFeatures> ranked)
    {
        if (ranked.Count == 0) return MatchVerdict.None;
        var top = ranked[0];
        if (top.Evidence < MinimumEvidence || top.NameCoverage < MinimumNameCoverage) return MatchVerdict.None;
        if (ranked.Count > 1 && top.Score - ranked[1].Score < AmbiguityMargin) return MatchVerdict.Ambiguous;
        return MatchVerdict.Confident;
    }
}
