using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Analysis.Util;
using LuceneTokenStream = Lucene.Net.Analysis.TokenStream;

namespace CitizenBot.Core.Analysis.Filters;

/// <summary>
/// Keeps only the words written with diacritics, as written: a question typed with accents matches "vàng" (gold) by
/// them, not "vắng" (absent), though both fold to "vang". Removed words leave position gaps (Lucene's
/// FilteringTokenFilter). Place after stop words, instead of folding.
/// </summary>
public sealed class AccentedWordFilter : FilteringTokenFilter
{
    readonly ICharTermAttribute _term;

    public AccentedWordFilter(LuceneTokenStream input) : base(VietnameseAnalyzer.Version, input) => _term = AddAttribute<ICharTermAttribute>();

    protected override bool Accept() => !VietnameseText.IsFolded(_term.Buffer.AsSpan(0, _term.Length));
}
