namespace CitizenBot.Core.Analysis.Filters;

/// <summary>"ĐĂNG KÝ" → "đăng ký" (culture-invariant, so Turkish-I rules never apply).</summary>
public sealed class LowercaseFilter : ITokenFilter
{
    public IEnumerable<Token> Apply(IEnumerable<Token> tokens) =>
        tokens.Select(t => t with { Text = t.Text.ToLowerInvariant() });
}
