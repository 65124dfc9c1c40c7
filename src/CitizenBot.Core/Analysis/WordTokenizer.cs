using Lucene.Net.Analysis.Util;

namespace CitizenBot.Core.Analysis;

/// <summary>
/// Splits text into syllables: runs of letters and digits (Lucene's <see cref="CharTokenizer"/>, so a token longer than
/// 255 characters is cut). Everything else (punctuation, Lucene and FTS5 syntax such as quotes, '*', '?', '~', ':',
/// '^', '\', parentheses) separates tokens and never reaches a query.
/// </summary>
public sealed class WordTokenizer(TextReader input) : CharTokenizer(VietnameseAnalyzer.Version, input)
{
    // Letters and digits of the Basic Multilingual Plane: a surrogate pair (emoji) separates words, as punctuation does.
    protected override bool IsTokenChar(int c) => c <= char.MaxValue && char.IsLetterOrDigit((char)c);
}
