using CitizenBot.Core.Search;

namespace CitizenBot.Core.Tests.Search;

public sealed class RankingWeightsTests
{
    static readonly RankingWeights W = RankingWeights.Tuned;

    [Fact]
    public void The_feature_weights_sum_to_one_so_the_features_part_of_a_score_is_0_to_1() =>
        Assert.Equal(1.0, W.Title + W.NameCoverage + W.Evidence + W.Phrase, precision: 12);

    [Fact]
    public void The_priors_stay_tie_breakers_below_the_plausibility_threshold() =>
        Assert.True(W.CitizenApplicantPrior + W.CitizenLevelPrior + W.ProvinceLinkPrior < W.PlausibleScore / 5);
}
