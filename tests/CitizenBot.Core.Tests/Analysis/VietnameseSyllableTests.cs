using System.Text.RegularExpressions;
using CitizenBot.Core.Analysis;

namespace CitizenBot.Core.Tests.Analysis;

public sealed class VietnameseSyllableTests
{
    [Theory]
    [InlineData("khai")]
    [InlineData("sinh")]
    [InlineData("đăng")]
    [InlineData("nghiêng")]
    [InlineData("quyết")]
    [InlineData("người")]
    [InlineData("tạm")]
    [InlineData("xinh")]
    public void Vietnamese_syllables_are_valid(string word) => Assert.True(VietnameseSyllable.IsValid(word));

    [Theory]
    [InlineData("")]
    [InlineData("gplx")]
    [InlineData("cccd")]
    [InlineData("ddawng")] // Telex keys, not yet repaired
    [InlineData("kys")]
    [InlineData("b2")]
    [InlineData("passport")]
    [InlineData("nghieengg")] // longer than any syllable
    public void Other_words_are_not(string word) => Assert.False(VietnameseSyllable.IsValid(word));

    /// <summary>The shape as the expression it was first written as (the syllable check used it until it was hand-written).</summary>
    static readonly Regex Shape = new("^(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?[aeiouy]{1,3}(ng|nh|ch|[cmnptiyou])?$");

    static bool ByExpression(string word) =>
        word.Length is > 0 and <= 7 && Shape.IsMatch(VietnameseText.Fold(word));

    [Fact]
    public void Every_short_word_is_judged_as_the_expression_judges_it()
    {
        // Every word of up to four characters over the letters syllables are made of, a digit, a line break and 'đ'.
        const string alphabet = "abceghikmnopqrtuy1\nđ";
        var words = new List<string> { "" };
        for (var length = 1; length <= 4; length++)
            words.AddRange(words.Where(w => w.Length == length - 1).SelectMany(w => alphabet.Select(c => w + c)).ToList());
        var disagreements = words.Where(w => VietnameseSyllable.IsValid(w) != ByExpression(w)).Take(10).ToList();
        Assert.Empty(disagreements);
        Assert.Contains(words, w => VietnameseSyllable.IsValid(w)); // the comparison saw valid words too
    }

    [Fact]
    public void Long_words_built_from_syllable_parts_are_judged_as_the_expression_judges_them()
    {
        // Initials, vowels and finals joined at random, well or badly (up to 8 characters: the longest is too long).
        string[] parts = ["ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr", "b", "đ", "x", "f", "w",
                          "a", "e", "i", "o", "u", "y", "ươ", "iê", "oa", "uyê", "c", "m", "p", "t", "\n", "Ng", "2"];
        var random = new Random(13);
        var words = Enumerable.Range(0, 200_000)
            .Select(_ => string.Concat(Enumerable.Range(0, random.Next(1, 5)).Select(_ => parts[random.Next(parts.Length)])))
            .Where(w => w.Length <= 8).Distinct().ToList();
        Assert.Empty(words.Where(w => VietnameseSyllable.IsValid(w) != ByExpression(w)).Take(10));
        Assert.InRange(words.Count(w => VietnameseSyllable.IsValid(w)), 1000, words.Count - 1000);
    }
}
