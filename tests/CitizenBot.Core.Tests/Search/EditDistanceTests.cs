using CitizenBot.Core.Search;

namespace CitizenBot.Core.Tests.Search;

public sealed class EditDistanceTests
{
    [Theory]
    [InlineData("giay", "giay", 0)]
    [InlineData("giay", "giy", 1)]
    [InlineData("khai", "khia", 2)] // a swap is two edits here, one for typing slips
    [InlineData("cup", "cap", 1)]   // any substitution is one edit here, two for an unlikely slip
    [InlineData("chungnhan", "chungnhanh", 1)]
    public void Levenshtein_counts_every_edit_as_one(string a, string b, int expected) =>
        Assert.Equal(expected, EditDistance.Levenshtein(a, b, 3));

    [Fact]
    public void Both_stop_early_past_the_limit()
    {
        Assert.Equal(2, EditDistance.Levenshtein("abcd", "wxyz", 1));
        Assert.Equal(2, EditDistance.Compute("abcd", "wxyz", 1));
        Assert.Equal(1, EditDistance.Compute("khai", "khia", 2));
    }
}
