using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace CitizenBot.Core.Analysis.Filters;

/// <summary>
/// A filter that rewrites each word on its own (Telex repair, typo correction): position, offsets and type
/// stay the word's.
/// </summary>
public abstract class TermRewriteFilter : TokenFilter
{
    readonly ICharTermAttribute _term;

    protected TermRewriteFilter(TokenStream input) : base(input) => _term = AddAttribute<ICharTermAttribute>();

    /// <returns>The word as it should be, or the same string instance when it stays.</returns>
    protected abstract string Rewrite(string word);

    /// <summary>False when the word certainly stays, told from the token's buffer (no string is made for it).</summary>
    protected virtual bool MayRewrite(ReadOnlySpan<char> word) => true;

    public sealed override bool IncrementToken()
    {
        if (!m_input.IncrementToken()) return false;
        if (!MayRewrite(_term.Buffer.AsSpan(0, _term.Length))) return true;
        var word = _term.ToString();
        var rewritten = Rewrite(word);
        if (!ReferenceEquals(rewritten, word)) _term.SetEmpty().Append(rewritten);
        return true;
    }
}
