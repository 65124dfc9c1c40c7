namespace CitizenBot.Core.Analysis;

/// <summary>A term at a position in the text. Tokens at the same position are alternatives (accented and folded).</summary>
public readonly record struct Token(string Text, int Position, TokenKind Kind = TokenKind.Word);

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
