namespace CitizenBot.Core.Analysis;

/// <summary>A term at a position in the text. Tokens at the same position are alternatives (accented and folded).</summary>
/// <param name="Expansion">For the words an abbreviation was expanded into ("tnhh" → "trách nhiệm hữu hạn"), the
/// position of the expansion's first word, shared by all of them: together they are one word the user typed. -1 otherwise.</param>
public readonly record struct Token(string Text, int Position, TokenKind Kind = TokenKind.Word, int Expansion = -1);

public enum TokenKind
{
    /// <summary>A syllable as written (lower-cased, normalised, possibly accented).</summary>
    Word,
    /// <summary>The diacritic-free form of a word, at the same position.</summary>
    Folded,
    /// <summary>Two adjacent folded syllables joined by '_' ("khai_sinh").</summary>
    Bigram,
}

/// <summary>A lossless or lossy rewrite of raw text before tokenising (Lucene's CharFilter).</summary>
public interface ICharFilter
{
    string Apply(string text);
}

/// <summary>One step of the token stream (Lucene's TokenFilter): reads tokens, writes tokens.</summary>
public interface ITokenFilter
{
    IEnumerable<Token> Apply(IEnumerable<Token> tokens);
}
