using System.Globalization;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.TokenAttributes;

namespace CitizenBot.Core.Analysis.Filters;

/// <summary>
/// Lowercases each word exactly as Lucene's <see cref="LowerCaseFilter"/> does (the invariant culture, one character
/// at a time), character by character with <see cref="VietnameseText.LowerInvariant"/>'s table. LowerCaseFilter hands
/// each word to the runtime's invariant casing, which calls into ICU for every word with a letter outside ASCII, that
/// is nearly every Vietnamese word (README "Indexing, session 10"). A word holding a surrogate (never from
/// <see cref="WordTokenizer"/>, which keeps only the BMP's letters and digits) is lowercased as LowerCaseFilter does.
/// Place right after the tokenizer.
/// </summary>
public sealed class InvariantLowerCaseFilter : TokenFilter
{
    readonly ICharTermAttribute _term;

    public InvariantLowerCaseFilter(TokenStream input) : base(input) => _term = AddAttribute<ICharTermAttribute>();

    public override bool IncrementToken()
    {
        if (!m_input.IncrementToken()) return false;
        var word = _term.Buffer.AsSpan(0, _term.Length);
        if (word.ContainsAnyInRange('\uD800', '\uDFFF'))
        {
            // A code point beyond the BMP: as LowerCaseFilter (the same length: invariant casing maps one to one).
            Span<char> lowered = word.Length <= 256 ? stackalloc char[word.Length] : new char[word.Length];
            word.ToLower(lowered, CultureInfo.InvariantCulture);
            lowered.CopyTo(word);
            return true;
        }
        for (var i = 0; i < word.Length; i++) word[i] = VietnameseText.LowerInvariant(word[i]);
        return true;
    }
}
