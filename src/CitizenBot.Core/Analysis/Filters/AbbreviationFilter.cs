using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace CitizenBot.Core.Analysis.Filters;

/// <summary>
/// Expands chat abbreviations and regional spellings from the lexicon: "dk" → "đăng ký", "ko" → "không",
/// "sanh" → "sinh". Matched exactly as written, so "bố" never rewrites "bộ". The words of a replacement take consecutive
/// positions, keep the offsets of the word typed and, when there are several, the type <see cref="ExpansionType"/>:
/// together they are one word the user typed. Place after Telex repair. (Lucene's SynonymFilter would stack the
/// words on the typed one's position; here the typed word is replaced, and what follows shifts.)
/// </summary>
public sealed class AbbreviationFilter : TokenFilter
{
    /// <summary>The token type of each word of a several-word replacement ("tnhh" → "trách nhiệm hữu hạn").</summary>
    public const string ExpansionType = "<EXPANSION>";

    readonly IReadOnlyDictionary<string, string[]> _abbreviations;
    readonly Dictionary<string, string[]>.AlternateLookup<ReadOnlySpan<char>>? _byBuffer;
    readonly ICharTermAttribute _term;
    readonly IPositionIncrementAttribute _position;
    readonly ITypeAttribute _type;
    readonly Queue<string> _pending = new();
    State? _typed;

    public AbbreviationFilter(TokenStream input, IReadOnlyDictionary<string, string[]> abbreviations) : base(input)
    {
        _abbreviations = abbreviations;
        if (abbreviations is Dictionary<string, string[]> dictionary && dictionary.TryGetAlternateLookup<ReadOnlySpan<char>>(out var lookup))
            _byBuffer = lookup;
        _term = AddAttribute<ICharTermAttribute>();
        _position = AddAttribute<IPositionIncrementAttribute>();
        _type = AddAttribute<ITypeAttribute>();
    }

    public override bool IncrementToken()
    {
        if (_pending.Count > 0)
        {
            RestoreState(_typed);
            _term.SetEmpty().Append(_pending.Dequeue());
            _position.PositionIncrement = 1;
            return true;
        }
        if (!m_input.IncrementToken()) return false;
        if (Find(_term.Buffer.AsSpan(0, _term.Length)) is { } words)
        {
            _term.SetEmpty().Append(words[0]);
            if (words.Length > 1)
            {
                _type.Type = ExpansionType;
                _typed = CaptureState();
                foreach (var word in words.Skip(1)) _pending.Enqueue(word);
            }
        }
        return true;
    }

    /// <summary>The replacement of a word, looked up in the token's buffer when the lexicon allows (no string per word).</summary>
    string[]? Find(ReadOnlySpan<char> word)
    {
        if (_byBuffer is { } lookup) return lookup.TryGetValue(word, out var found) ? found : null;
        return _abbreviations.TryGetValue(word.ToString(), out var words) ? words : null;
    }

    public override void Reset()
    {
        base.Reset();
        _pending.Clear();
        _typed = null;
    }
}
