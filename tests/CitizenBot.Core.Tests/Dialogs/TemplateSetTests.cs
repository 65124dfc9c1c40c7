using CitizenBot.Core.Dialogs;

namespace CitizenBot.Core.Tests.Dialogs;

public sealed class TemplateSetTests
{
    static readonly TemplateSet Templates = new([
        new Template("greeting", ["Chào {name}!", "Xin chào {name}!", "Chào bạn {name}!"], "t.vi", 1),
        new Template("braces", ["{{literal}} {name}"], "t.vi", 5),
        new Template("nested", ["{{{name}}}, {missing}{name}{{"], "t.vi", 7),
        new Template("plain", ["Không có chỗ trống"], "t.vi", 9),
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
    public void The_hash_is_fnv1a_over_utf8() // the values of the byte-array version, so transcripts keep their variants
    {
        Assert.Equal(3645408687u, TemplateSet.StableHash("conv-1|3|0|greeting"));
        Assert.Equal(3106319008u, TemplateSet.StableHash("Chào bạn|answer.fee"));
        Assert.Equal(2310819429u, TemplateSet.StableHash(new string('ạ', 700))); // past the stack buffer
    }

    [Fact]
    public void Braces_next_to_placeholders_read_left_to_right_and_an_unknown_value_is_empty()
    {
        Assert.Equal("{An}, An{", Templates.Render("nested", Values, "x"));
        Assert.Equal("Không có chỗ trống", Templates.Render("plain", Values, "x"));
    }

    [Fact]
    public void Placeholders_are_filled_and_double_braces_are_literal() =>
        Assert.Equal("{literal} An", Templates.Render("braces", Values, "x"));

    [Fact]
    public void An_unknown_template_is_a_clear_error() =>
        Assert.Contains("[nope]", Assert.Throws<KeyNotFoundException>(() => Templates.Render("nope", Values, "x")).Message);
}
