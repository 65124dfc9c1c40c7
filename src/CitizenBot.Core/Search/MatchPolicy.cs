namespace CitizenBot.Core.Search;

/// <summary>
/// Decides how sure the top result is. No match when the best candidate leaves much of the question unexplained
/// (the question is about something the catalogue lacks); ambiguous when the runner-up is nearly as good.
/// </summary>
public static class MatchPolicy
{
    /// <summary>Below this the best candidate explains too little of the question.</summary>
    public const double MinimumScore = 0.45;
    /// <summary>A name mostly about other things (precision under this) is only a match when the rest is strong.</summary>
    public const double LowTitlePrecision = 0.35;
    public const double StrongScore = 0.6;
    public const double AmbiguityMargin = 0.03;

    public static MatchVerdict Decide(IReadOnlyList<RankFeatures> ranked)
    {
        if (ranked.Count == 0) return MatchVerdict.None;
        var top = ranked[0];
        if (top.Score < MinimumScore || top.TitlePrecision < LowTitlePrecision && top.Score < StrongScore) return MatchVerdict.None;
        if (ranked.Count > 1 && top.Score - ranked[1].Score < AmbiguityMargin) return MatchVerdict.Ambiguous;
        return MatchVerdict.Confident;
    }
}
