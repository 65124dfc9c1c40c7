using Lucene.Net.Analysis.Shingle;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Analysis.Util;
using LuceneTokenStream = Lucene.Net.Analysis.TokenStream;

namespace CitizenBot.Core.Analysis.Filters;

/// <summary>
/// Adds syllable bigrams for adjacent positions ("khai sinh" → "khai", "khai_sinh", "sinh"), so documents with the
/// multi-syllable word outrank those that merely contain both syllables: Lucene's <see cref="ShingleFilter"/> (pairs
/// joined by '_', type "shingle", at the first word's position), without the pairs it makes across a gap left by a
/// removed stop word ("khai thì sinh" has no "khai_sinh"). Place last, after folding (one token per position).
/// </summary>
public sealed class SyllableBigramFilter : FilteringTokenFilter
{
    public const char Separator = '_';

    readonly ICharTermAttribute _term;
    readonly ITypeAttribute _type;

    public SyllableBigramFilter(LuceneTokenStream input) : base(VietnameseAnalyzer.Version, Shingles(input))
    {
        _term = AddAttribute<ICharTermAttribute>();
        _type = AddAttribute<ITypeAttribute>();
    }

    static ShingleFilter Shingles(LuceneTokenStream input)
    {
        var shingles = new ShingleFilter(input, 2, 2);
        shingles.SetTokenSeparator(Separator.ToString());
        shingles.SetFillerToken(""); // a gap becomes an empty word: "khai_" or "_sinh", dropped below
        return shingles;
    }

    protected override bool Accept()
    {
        if (_type.Type != ShingleFilter.DEFAULT_TOKEN_TYPE) return true;
        var length = _term.Length;
        return length > 2 && _term.Buffer[0] != Separator && _term.Buffer[length - 1] != Separator;
    }
}
