using CitizenBot.Core.Analysis;
using CitizenBot.Core.Catalogue;

namespace CitizenBot.Core.Search;

/// <summary>
/// One procedure as the index receives it (see <see cref="SearchIndex"/>): its texts analysed by the index's
/// <see cref="VietnameseAnalyzer"/>, each once for all the fields it feeds, and the titles the reranker compares a
/// question with. Name and aliases rank above field, field above body text.
/// </summary>
/// <param name="NameWords">Name and aliases up to the field steps (<see cref="VietnameseAnalyzer.CatalogueWordsOf"/>):
/// for the name and accented fields.</param>
/// <param name="TitleWords">Each title's folded words (official name, then each alias).</param>
/// <param name="FieldWords">The field (lĩnh vực) up to the field steps: for the index field of the same name.</param>
/// <param name="FieldTerms">The field's folded words and word pairs, distinct.</param>
/// <param name="BodyTerms">The body's folded words and word pairs, distinct: what the presence-only
/// <see cref="SearchIndex.Body"/> field holds.</param>
public sealed record IndexedDocument(string Code, RecordedTokens NameWords, string[][] TitleWords, RecordedTokens FieldWords, string[] FieldTerms, string[] BodyTerms)
{
    /// <summary>How much body text is indexed: enough for the substance, bounded so huge legal texts do not dominate.</summary>
    const int MaxBodyCharacters = 6000;

    public static IndexedDocument From(Procedure p, VietnameseAnalyzer analyzer)
    {
        var body = string.Join(" . ", new[] { p.Description, p.Result, p.Applicants, p.Agency }
            .Concat(p.Documents.Select(d => d.Name)).Concat(p.Steps).Where(s => !string.IsNullOrWhiteSpace(s)));
        if (body.Length > MaxBodyCharacters) body = body[..MaxBodyCharacters];

        // Each title (official name, then each alias) as folded content words: for "how much of the name does the
        // question explain". Parenthesised qualifiers ("(thực hiện tại cấp tỉnh)") are administrative detail no
        // citizen says, so they do not count against a match.
        var titles = new[] { SplitTitle(StripParentheses(p.Name), analyzer) }
            .Concat(p.Aliases.Select(a => FoldedWords(a, analyzer)))
            .Where(t => t.Length > 0).ToArray();

        var field = analyzer.CatalogueWordsOf(p.Field);
        return new IndexedDocument(p.Code, analyzer.CatalogueWordsOf(string.Join(" . ", new[] { p.Name }.Concat(p.Aliases))), titles, field,
            VietnameseAnalyzer.DistinctTerms(VietnameseAnalyzer.Field(field, SearchIndex.Field)), analyzer.DistinctTerms(SearchIndex.Body, body));
    }

    /// <summary>Separates a name's core from its applicant clause (see <see cref="SplitTitle"/>).</summary>
    public const string QualifierMarker = "~";

    /// <summary>
    /// Names read "&lt;action&gt; &lt;object&gt; cho / đối với &lt;who&gt;": the words after the first "cho" or "đối với"
    /// say who may apply, which citizens rarely repeat, so they follow <see cref="QualifierMarker"/> and count less.
    /// </summary>
    static string[] SplitTitle(string name, VietnameseAnalyzer analyzer)
    {
        var split = System.Text.RegularExpressions.Regex.Match(name, @"\s(cho|đối với)\s", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
        if (!split.Success) return FoldedWords(name, analyzer);
        var core = FoldedWords(name[..split.Index], analyzer);
        var qualifier = FoldedWords(name[(split.Index + split.Length)..], analyzer);
        return core.Length < 2 ? FoldedWords(name, analyzer) : [.. core, QualifierMarker, .. qualifier];
    }

    static string[] FoldedWords(string text, VietnameseAnalyzer analyzer) =>
        analyzer.Terms(VietnameseAnalyzer.FoldedWordsField, text).ToArray();

    static string StripParentheses(string text) => System.Text.RegularExpressions.Regex.Replace(text, @"\([^)]*\)", " ");
}
