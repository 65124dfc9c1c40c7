using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace CitizenBot.Core.Analysis;

/// <summary>
/// A token stream recorded once and played back any number of times (<see cref="Replay"/>): what Lucene's
/// <see cref="CachingTokenFilter"/> does, but keeping only the attributes the catalogue chain has (term, offsets,
/// position increment and length, type) in arrays instead of a cloned <c>State</c> per token, which cost more than the
/// analysis it saved (see README, "Indexing CPU"). <see cref="VietnameseAnalyzer.CatalogueWords"/> records a text's
/// words once for the several index fields they feed.
/// </summary>
public sealed class RecordedTokens
{
    char[] _chars = new char[256];
    int _charCount;
    Token[] _tokens = new Token[32];

    record struct Token(int CharStart, int CharLength, int StartOffset, int EndOffset, int PositionIncrement, int PositionLength, string Type);

    public int Count { get; private set; }

    /// <summary>The offset and position increment <c>End()</c> left.</summary>
    int _finalOffset, _finalIncrement;

    /// <summary>Records every token of <paramref name="stream"/> (reset, read to the end and ended here; not disposed).</summary>
    public static RecordedTokens Record(TokenStream stream)
    {
        var recorded = new RecordedTokens();
        var term = stream.AddAttribute<ICharTermAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        var increment = stream.AddAttribute<IPositionIncrementAttribute>();
        var length = stream.AddAttribute<IPositionLengthAttribute>();
        var type = stream.AddAttribute<ITypeAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            if (recorded.Count == recorded._tokens.Length) Array.Resize(ref recorded._tokens, recorded.Count * 2);
            if (recorded._charCount + term.Length > recorded._chars.Length)
                Array.Resize(ref recorded._chars, Math.Max(recorded._chars.Length * 2, recorded._charCount + term.Length));
            Array.Copy(term.Buffer, 0, recorded._chars, recorded._charCount, term.Length);
            recorded._tokens[recorded.Count++] = new Token(recorded._charCount, term.Length, offset.StartOffset, offset.EndOffset,
                increment.PositionIncrement, length.PositionLength, type.Type);
            recorded._charCount += term.Length;
        }
        stream.End();
        (recorded._finalOffset, recorded._finalIncrement) = (offset.EndOffset, increment.PositionIncrement);
        return recorded;
    }

    /// <summary>The recorded tokens again, attribute for attribute, from the start after each reset.</summary>
    public TokenStream Replay() => new Playback(this);

    sealed class Playback : TokenStream
    {
        readonly RecordedTokens _recorded;
        readonly ICharTermAttribute _term;
        readonly IOffsetAttribute _offset;
        readonly IPositionIncrementAttribute _increment;
        readonly IPositionLengthAttribute _length;
        readonly ITypeAttribute _type;
        int _next;

        public Playback(RecordedTokens recorded) : base(LockFreeAttributeFactory.Instance)
        {
            _recorded = recorded;
            _term = AddAttribute<ICharTermAttribute>();
            _offset = AddAttribute<IOffsetAttribute>();
            _increment = AddAttribute<IPositionIncrementAttribute>();
            _length = AddAttribute<IPositionLengthAttribute>();
            _type = AddAttribute<ITypeAttribute>();
        }

        public override bool IncrementToken()
        {
            if (_next == _recorded.Count) return false;
            ClearAttributes();
            var token = _recorded._tokens[_next++];
            _term.CopyBuffer(_recorded._chars, token.CharStart, token.CharLength);
            _offset.SetOffset(token.StartOffset, token.EndOffset);
            _increment.PositionIncrement = token.PositionIncrement;
            _length.PositionLength = token.PositionLength;
            _type.Type = token.Type;
            return true;
        }

        public override void End()
        {
            base.End();
            _offset.SetOffset(_recorded._finalOffset, _recorded._finalOffset);
            _increment.PositionIncrement = _recorded._finalIncrement;
        }

        public override void Reset()
        {
            base.Reset();
            _next = 0;
        }
    }
}
