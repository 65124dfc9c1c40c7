using Lucene.Net.Analysis.CharFilters;

namespace CitizenBot.Core.Analysis.CharFilters;

/// <summary>
/// A Lucene CharFilter that reads its whole input and rewrites it at once, as Lucene's PatternReplaceCharFilter does:
/// questions and indexed fields are short (bounded by <c>LuceneSearcher.MaxQueryLength</c> and the body limit).
/// Subclasses that change lengths record offset corrections with <see cref="BaseCharFilter.AddOffCorrectMap"/>,
/// so token offsets still point into the original text.
/// </summary>
public abstract class WholeTextCharFilter(TextReader input) : BaseCharFilter(input)
{
    StringReader? _output;

    protected abstract string Rewrite(string text);

    public override int Read(char[] buffer, int index, int count) => Output().Read(buffer, index, count);

    public override int Read() => Output().Read();

    /// <summary>
    /// The rest of the rewritten text as it is (the whole of it, not a copy, when nothing was read yet), so the next
    /// filter of the same kind reads it at once: TextReader's own ReadToEnd would copy it through a buffer and a
    /// StringBuilder, for every field of every document indexed.
    /// </summary>
    public override string ReadToEnd() => Output().ReadToEnd();

    protected override int Correct(int currentOff) => Math.Max(0, base.Correct(currentOff));

    // Lucene's own string reader answers null, not "", for an empty or spent text.
    StringReader Output() => _output ??= new StringReader(Rewrite(m_input.ReadToEnd() ?? ""));
}
