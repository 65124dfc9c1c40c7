using CitizenBot.Core.Analysis;
using CitizenBot.Core.Catalogue;

namespace CitizenBot.Core.Search;

/// <summary>
/// What the analysis chain makes of one procedure, per field: the text FTS5 indexes, and the folded term sets the
/// reranker compares a question with. Name and aliases rank above field, field above body text.
/// </summary>
public sealed record IndexedDocument(string Code, string NameText, string FieldText, string BodyText,
    string[] NameTerms, string[][] TitleWords, string[] FieldTerms, string[] BodyTerms)
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

        // Each title (official name, then each alias) as folded content words: for "how much of the name does the question explain".
        var titles = new[] { p.Name }.Concat(p.Aliases)
            .Select(t => analyzer.Analyze(t).Where(x => x.Kind == TokenKind.Folded).Select(x => x.Text).ToArray())
            .Where(t => t.Length > 0).ToArray();

        return new IndexedDocument(p.Code, Join(nameTokens), Join(fieldTokens), Join(bodyTokens),
            Terms(nameTokens), titles, Terms(fieldTokens), Terms(bodyTokens));
    }

    static string Join(IEnumerable<Token> tokens) => string.Join(' ', tokens.Select(t => t.Text));

    static string[] Terms(IEnumerable<Token> tokens) =>
        tokens.Where(t => t.Kind != TokenKind.Word).Select(t => t.Text).Distinct(StringComparer.Ordinal).ToArray();
}
