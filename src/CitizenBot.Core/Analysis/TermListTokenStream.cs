using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace CitizenBot.Core.Analysis;

/// <summary>
/// Terms already analysed, one per position. For a field that records only which documents hold a term (no
/// positions, frequencies or norms): there a text's distinct terms (<see cref="VietnameseAnalyzer.DistinctTerms"/>)
/// index exactly as the text's whole token stream does, and one analysis can feed several such fields.
/// </summary>
public sealed class TermListTokenStream : TokenStream
{
    readonly IEnumerable<string> _terms;
    readonly ICharTermAttribute _term;
    IEnumerator<string>? _next;

    public TermListTokenStream(IEnumerable<string> terms) : base(LockFreeAttributeFactory.Instance)
    {
        _terms = terms;
        _term = AddAttribute<ICharTermAttribute>();
    }

    public override bool IncrementToken()
    {
        ClearAttributes();
        if (_next is null || !_next.MoveNext()) return false;
        _term.SetEmpty().Append(_next.Current);
        return true;
    }

    public override void Reset()
    {
        base.Reset();
        _next?.Dispose();
        _next = _terms.GetEnumerator();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) _next?.Dispose();
        base.Dispose(disposing);
    }
}
