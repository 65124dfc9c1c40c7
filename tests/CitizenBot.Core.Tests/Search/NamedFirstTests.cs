using CitizenBot.Core.Search;

namespace CitizenBot.Core.Tests.Search;

public sealed class NamedFirstTests
{
    static RankFeatures F(double score, double precision) => new(score, 0, 0, 0, 0, precision);

    static string[] Order(params (string Name, RankFeatures Features)[] ranked) =>
        [.. NamedFirst.Apply(ranked.ToList(), r => r.Features).Select(r => r.Name)];

    [Fact]
    public void A_candidate_named_in_full_goes_before_one_named_in_small_part_that_scores_a_little_more() =>
        // "đăng ký kết hôn, hai đứa bắt buộc phải có mặt cùng lúc": the birth-and-parentage procedure scored on the story.
        Assert.Equal(["kết hôn", "khai sinh kết hợp", "đóng BHXH"],
            Order(("khai sinh kết hợp", F(0.40, 0.41)), ("kết hôn", F(0.356, 1.0)), ("đóng BHXH", F(0.32, 0.58))));

    [Fact]
    public void A_first_candidate_that_is_mostly_named_keeps_its_place() =>
        Assert.Equal(["cấp lại thẻ", "cấp thẻ"], Order(("cấp lại thẻ", F(0.5, 0.7)), ("cấp thẻ", F(0.49, 1.0))));

    [Fact]
    public void A_named_candidate_that_scores_much_less_keeps_its_place() =>
        Assert.Equal(["a", "b"], Order(("a", F(0.5, 0.4)), ("b", F(0.43, 1.0))));

    [Fact]
    public void Only_the_first_candidates_are_looked_at() =>
        Assert.Equal(["a", "b", "c", "d", "e"],
            Order(("a", F(0.5, 0.4)), ("b", F(0.5, 0.4)), ("c", F(0.5, 0.4)), ("d", F(0.5, 0.4)), ("e", F(0.5, 1.0))));

    [Fact]
    public void A_partly_named_candidate_is_not_moved() =>
        Assert.Equal(["a", "b"], Order(("a", F(0.5, 0.4)), ("b", F(0.49, 0.9))));
}
