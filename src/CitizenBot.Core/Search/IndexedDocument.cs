using CitizenBot.Core.Analysis;
using CitizenBot.Core.Catalogue;

namespace CitizenBot.Core.Search;

/// <summary>
/// What the analysis chain makes of one procedure, per field: the folded terms the index holds (see
/// <see cref="SearchIndex"/>) and the titles the reranker compares a question with. Name and aliases rank above
/// field, field above body text.
/// </summary>
/// <param name="NameAccentedWords">The name's and aliases' words that carry diacritics, as written: a question typed with
/// accents matches "vàng" (gold) here, not "vắng" (absent), though both fold to "vang".</param>
public sealed record IndexedDocument(string Code,
    string[] NameTerms, string[][] TitleWords, string[] FieldTerms, string[] BodyTerms, string[] NameAccentedWords)
{
    /// <summary>How much body text is indexed: enough for the substance, bounded so huge legal texts do not dominate.</summary>
    const int MaxBodyCharacters = 6000;

    public static IndexedDocument From(Procedure p, VietnameseAnalyzer analyzer)
    {
        var nameTokens = analyzer.Analyze(string.Join(" . ", new[] { p.Name }.Concat(p.Aliases)));
        var fieldTokens = analyzer.Analyze(p.Field);
        var body = string.Join(" . ", new[] { p.Description, p.Result, p.Applicants, p.Agency }
            .Concat(p.Documents.Select(d => d.Name)).Concat(p.Steps).Where(s => !string.IsNullOrWhiteSpace(s)));
        if (body.Length > MaxBodyCharacters) body = body[..MaxBodyCharacters];
        var bodyTokens = analyzer.Analyze(body);

        // Each title (official name, then each alias) as folded content words: for "how much of the name does the
        // question explain". Parenthesised qualifiers ("(thực hiện tại cấp tỉnh)") are administrative detail no
        // citizen says, so they do not count against a match.
        var titles = new[] { SplitTitle(StripParentheses(p.Name), analyzer) }
            .Concat(p.Aliases.Select(a => FoldedWords(a, analyzer)))
            .Where(t => t.Length > 0).ToArray();

        return new IndexedDocument(p.Code, Terms(nameTokens), titles, Terms(fieldTokens), Terms(bodyTokens), AccentedWords(nameTokens));
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
        analyzer.Analyze(text).Where(x => x.Kind == TokenKind.Folded).Select(x => x.Text).ToArray();

    static string StripParentheses(string text) => System.Text.RegularExpressions.Regex.Replace(text, @"\([^)]*\)", " ");

    static string[] AccentedWords(IEnumerable<Token> tokens) =>
        tokens.Where(t => t.Kind == TokenKind.Word && VietnameseText.HasDiacritics(t.Text)).Select(t => t.Text).Distinct(StringComparer.Ordinal).ToArray();

    static string[] Terms(IEnumerable<Token> tokens) =>
        tokens.Where(t => t.Kind != TokenKind.Word).Select(t => t.Text).Distinct(StringComparer.Ordinal).ToArray();
}
