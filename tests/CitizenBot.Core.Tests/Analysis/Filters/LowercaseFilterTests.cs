using CitizenBot.Core.Analysis.Filters;

namespace CitizenBot.Core.Tests.Analysis.Filters;

public sealed class LowercaseFilterTests
{
    [Theory]
    [InlineData("ĐĂNG", "đăng")]
    [InlineData("Ký", "ký")]
    [InlineData("GPLX", "gplx")]
    [InlineData("B2", "b2")]
    [InlineData("ƯỚC", "ước")]
    public void Lowercases_culture_invariantly(string input, string expected) =>
        Assert.Equal([expected], new LowercaseFilter().Apply(FilterTestHelpers.Words(input)).Texts());
}
