using CitizenBot.Core.Analysis;

namespace CitizenBot.Core.Tests.Analysis.Filters;

static class FilterTestHelpers
{
    /// <summary>Words at consecutive positions, as the tokenizer would give them.</summary>
    public static Token[] Words(params string[] words) => words.Select((w, i) => new Token(w, i)).ToArray();

    public static string[] Texts(this IEnumerable<Token> tokens) => tokens.Select(t => t.Text).ToArray();

    /// <summary>"text@position:Kind", to compare whole streams in one assertion.</summary>
    public static string[] Describe(this IEnumerable<Token> tokens) => tokens.Select(t => $"{t.Text}@{t.Position}:{t.Kind}").ToArray();
}
