using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Shingle;
using Lucene.Net.Analysis.TokenAttributes;
using LuceneTokenStream = Lucene.Net.Analysis.TokenStream;

namespace CitizenBot.Core.Analysis.Filters;

/// <summary>
/// Adds syllable bigrams for adjacent positions ("khai sinh" → "khai", "khai_sinh", "sinh"), so documents with the
/// multi-syllable word outrank those that merely contain both syllables: the tokens of Lucene's
/// <see cref="ShingleFilter"/> with sizes 2..2 (pairs joined by '_', type "shingle", at the first word's position,
/// position length 2), without the pairs it makes across a gap left by a removed stop word ("khai thì sinh" has no
/// "khai_sinh"). Place last, after folding (one token per position).
/// Not ShingleFilter itself: it keeps a window of cloned attribute sources and clones each word's state several times,
/// which cost more CPU than every other step of the chain together when indexing (1.9 of 3.2 s for the national
/// catalogue's bodies). Here the word read ahead is kept in fields of its own, not as a captured state: the chain's
/// attributes are term, offsets, position increment and length and type, and nothing after this step adds one.
/// Unlike ShingleFilter, a word after a gap keeps its whole increment (ShingleFilter gives it at most 2); no field
/// of the index records positions, so the index is the same.
/// </summary>
public sealed class SyllableBigramFilter : TokenFilter
{
    public const char Separator = '_';

    readonly ICharTermAttribute _term;
    readonly IOffsetAttribute _offset;
    readonly IPositionIncrementAttribute _position;
    readonly IPositionLengthAttribute _length;
    readonly ITypeAttribute _type;

    /// <summary>The word last passed on (its text and where it starts), while a pair with the next word is possible.</summary>
    char[] _previous = new char[32];
    int _previousLength = -1, _previousStart;

    /// <summary>The word read to make a pair, passed on after the pair (its text, offsets, position length and type).</summary>
    char[] _next = new char[32];
    int _nextLength = -1, _nextStart, _nextEnd, _nextPositionLength;
    string _nextType = TypeAttribute.DEFAULT_TYPE;

    public SyllableBigramFilter(LuceneTokenStream input) : base(input)
    {
        _term = AddAttribute<ICharTermAttribute>();
        _offset = AddAttribute<IOffsetAttribute>();
        _position = AddAttribute<IPositionIncrementAttribute>();
        _length = AddAttribute<IPositionLengthAttribute>();
        _type = AddAttribute<ITypeAttribute>();
    }

    public override bool IncrementToken()
    {
        if (_nextLength >= 0)
        {
            _term.CopyBuffer(_next, 0, _nextLength);
            _offset.SetOffset(_nextStart, _nextEnd);
            _position.PositionIncrement = 1;
            _length.PositionLength = _nextPositionLength;
            _type.Type = _nextType;
            _nextLength = -1;
            Remember();
            return true;
        }
        if (!m_input.IncrementToken())
        {
            _previousLength = -1;
            return false;
        }
        if (_previousLength < 0 || _position.PositionIncrement != 1)
        {
            Remember();
            return true;
        }
        // The word after the one passed on, adjacent to it: the pair first (at the previous word's position), then it.
        var word = _term.Length;
        if (_next.Length < word) _next = new char[Math.Max(word, _next.Length * 2)];
        Array.Copy(_term.Buffer, _next, word);
        (_nextLength, _nextStart, _nextEnd, _nextPositionLength, _nextType) =
            (word, _offset.StartOffset, _offset.EndOffset, _length.PositionLength, _type.Type);
        var pair = _term.ResizeBuffer(_previousLength + 1 + word);
        Array.Copy(_previous, 0, pair, 0, _previousLength);
        Array.Copy(_next, 0, pair, _previousLength + 1, word);
        pair[_previousLength] = Separator;
        _term.Length = _previousLength + 1 + word;
        _offset.SetOffset(_previousStart, _nextEnd);
        _position.PositionIncrement = 0;
        _length.PositionLength = 2;
        _type.Type = ShingleFilter.DEFAULT_TOKEN_TYPE;
        return true;
    }

    void Remember()
    {
        var length = _term.Length;
        if (_previous.Length < length) _previous = new char[Math.Max(length, _previous.Length * 2)];
        Array.Copy(_term.Buffer, _previous, length);
        _previousLength = length;
        _previousStart = _offset.StartOffset;
    }

    public override void Reset()
    {
        base.Reset();
        _previousLength = -1;
        _nextLength = -1;
    }
}
