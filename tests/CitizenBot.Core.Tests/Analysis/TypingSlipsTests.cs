using CitizenBot.Core.Analysis;

namespace CitizenBot.Core.Tests.Analysis;

public sealed class TypingSlipsTests
{
    [Theory]
    [InlineData('j', 'h')] // neighbouring keys, same row
    [InlineData('s', 'w')] // across rows
    [InlineData('x', 'd')]
    [InlineData('s', 'x')] // sound-alike
    [InlineData('i', 'y')]
    [InlineData('l', 'n')]
    [InlineData('d', 'r')]
    public void Neighbouring_keys_and_sound_alikes_are_likely_slips(char typed, char meant)
    {
        Assert.True(TypingSlips.IsLikelySubstitution(typed, meant));
        Assert.True(TypingSlips.IsLikelySubstitution(meant, typed));
    }

    [Theory]
    [InlineData('u', 'a')]
    [InlineData('q', 'p')]
    [InlineData('a', 'l')]
    [InlineData('z', 'm')]
    public void Far_apart_letters_are_not(char typed, char meant) =>
        Assert.False(TypingSlips.IsLikelySubstitution(typed, meant));
}
