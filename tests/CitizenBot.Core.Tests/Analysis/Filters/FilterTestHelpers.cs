using CitizenBot.Core.Analysis;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.TokenAttributes;

namespace CitizenBot.Core.Tests.Analysis.Filters;

/// <summary>
/// Lucene's BaseTokenStreamTestCase assertions, in the subset our filters need (Lucene.Net.TestFramework is not
/// served by our package registry): a stream's terms, offsets, types and position increments, checked while the
/// stream is consumed by the TokenStream contract (Reset, IncrementToken until false, End, Dispose), with every
/// attribute cleared before each token so a filter that forgets to set one is caught.
/// </summary>
static class FilterTestHelpers
{
    /// <summary>Words separated by spaces, as Lucene's tests feed a filter (MockTokenizer.WHITESPACE).</summary>
    public static Tokenizer Words(string text) => new WhitespaceTokenizer(VietnameseAnalyzer.Version, new StringReader(text));

    public static Tokenizer Words(params string[] words) => Words(string.Join(' ', words));

    public static void AssertTokenStreamContents(TokenStream stream, string[] output, int[]? startOffsets = null,
        int[]? endOffsets = null, string[]? types = null, int[]? positionIncrements = null, int? finalOffset = null)
    {
        var term = stream.AddAttribute<ICharTermAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        var type = stream.AddAttribute<ITypeAttribute>();
        var position = stream.AddAttribute<IPositionIncrementAttribute>();
        try
        {
            stream.Reset();
            var lastStart = 0;
            for (var i = 0; i < output.Length; i++)
            {
                stream.ClearAttributes();
                term.SetEmpty().Append("bogusTerm");
                offset.SetOffset(14584724, 24683243);
                type.Type = "bogusType";
                position.PositionIncrement = 45987657;
                Assert.True(stream.IncrementToken(), $"token {i} ('{output[i]}') does not exist");
                Assert.Equal(output[i], term.ToString());
                if (startOffsets is not null) Assert.Equal(startOffsets[i], offset.StartOffset);
                if (endOffsets is not null) Assert.Equal(endOffsets[i], offset.EndOffset);
                if (types is not null) Assert.Equal(types[i], type.Type);
                if (positionIncrements is not null) Assert.Equal(positionIncrements[i], position.PositionIncrement);
                // Offsets are well formed whatever the test asks: never negative, never backwards, start before end.
                Assert.InRange(offset.StartOffset, lastStart, offset.EndOffset);
                Assert.True(position.PositionIncrement >= (i == 0 ? 1 : 0), $"position increment of '{output[i]}'");
                lastStart = offset.StartOffset;
            }
            stream.ClearAttributes();
            Assert.False(stream.IncrementToken(), $"more tokens than expected: '{term}'");
            stream.End();
            if (finalOffset is not null) Assert.Equal(finalOffset.Value, offset.EndOffset);
        }
        finally
        {
            stream.Dispose();
        }
    }

    /// <summary>What an analyzer makes of <paramref name="input"/> in a field, checked as above.</summary>
    public static void AssertAnalyzesTo(Analyzer analyzer, string field, string input, string[] output, int[]? startOffsets = null,
        int[]? endOffsets = null, string[]? types = null, int[]? positionIncrements = null) =>
        AssertTokenStreamContents(analyzer.GetTokenStream(field, input), output, startOffsets, endOffsets, types, positionIncrements, input.Length);

    /// <summary>The terms only, for assertions about one of them.</summary>
    public static string[] Terms(TokenStream stream)
    {
        using (stream)
        {
            var term = stream.AddAttribute<ICharTermAttribute>();
            var terms = new List<string>();
            stream.Reset();
            while (stream.IncrementToken()) terms.Add(term.ToString());
            stream.End();
            return terms.ToArray();
        }
    }
}
