using CitizenBot.Core.Dialogs;

namespace CitizenBot.Core.Tests.Dialogs;

public sealed class TemplateSetTests
{
    static readonly TemplateSet Templates = new([
        new Template("greeting", ["Chào {name}!", "Xin chào {name}!", "Chào bạn {name}!"], "t.vi", 1),
        new Template("braces", ["{{literal}} {name}"], "t.vi", 5),
    ]);

    static string? Values(string name) => name == "name" ? "An" : null;

    [Fact]
    public void The_same_seed_always_picks_the_same_variant() =>
        Assert.Equal(Templates.Render("greeting", Values, "conv-1|3|0"), Templates.Render("greeting", Values, "conv-1|3|0"));

    [Fact]
    public void Different_seeds_use_the_variants()
    {
        var seen = Enumerable.Range(0, 50).Select(i => Templates.Render("greeting", Values, $"conv-{i}|1|0")).ToHashSet();
        Assert.Equal(3, seen.Count);
    }

    [Fact]
    public void The_variant_choice_is_stable_across_processes() =>
        Assert.Equal(2166136261u, TemplateSet.StableHash(""));

    [Fact]
    public void Placeholders_are_filled_and_double_braces_are_literal() =>
        Assert.Equal("{literal} An", Templates.Render("braces", Values, "x"));

    [Fact]
    public void An_unknown_template_is_a_clear_error() =>
        Assert.Contains("[nope]", Assert.Throws<KeyNotFoundException>(() => Templates.Render("nope", Values, "x")).Message);
}
