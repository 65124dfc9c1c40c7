using System.CommandLine;
using System.Text.Json;
using CitizenBot.Core.Catalogue;
using CitizenBot.Core.Search;
using CitizenBot.Search;

namespace CitizenBot.Cli;

/// <summary>`citizenbot search "question" [--province X] [--top N] [--json] [--explain]`</summary>
public sealed class SearchCommand : Command
{
    public Argument<string> Question { get; } = new("question") { Description = "The citizen's question, as typed" };
    public Option<string?> Province { get; } = new("--province") { Description = "Province name (current or pre-2025) for links" };
    public Option<int> Top { get; } = new("--top") { Description = "How many results", DefaultValueFactory = _ => 5 };
    public Option<bool> Json { get; } = new("--json") { Description = "Print the same JSON as GET /api/search" };
    public Option<bool> Explain { get; } = new("--explain") { Description = "Show how the question was understood, Lucene's explanation of each result's retrieval and its ranking features" };
    public CommonOptions Common { get; } = new();

    public SearchCommand() : base("search", "Search the catalogue as the bot does.")
    {
        Add(Question); Add(Province); Add(Top); Add(Json); Add(Explain);
        Common.AddTo(this);
        SetAction(Run);
    }

    int Run(ParseResult result)
    {
        var (catalogueOptions, storage) = Common.Resolve(result);
        var opened = CatalogueServices.Open(catalogueOptions, storage);
        var province = result.GetValue(Province);
        if (province is { Length: > 0 } && opened.Catalogue.FindProvince(province) is null)
        {
            Console.Error.WriteLine($"Unknown province '{province}'.");
            return ExitCodes.BadInput;
        }
        SearchResult found;
        try
        {
            found = opened.Searcher.Search(new SearchRequest(result.GetValue(Question) ?? "", Math.Clamp(result.GetValue(Top), 1, 50), province));
        }
        catch (InvalidQueryException e)
        {
            Console.Error.WriteLine(e.Message);
            return ExitCodes.BadInput;
        }
        if (result.GetValue(Json))
        {
            Console.WriteLine(JsonSerializer.Serialize(SearchResponse.From(found), CliJson.Options));
            return ExitCodes.Ok;
        }
        Console.WriteLine($"match: {found.Match.ToWire()}   understood as: {found.Normalized}");
        if (result.GetValue(Explain))
            foreach (var concept in opened.Searcher.ExplainQuery(result.GetValue(Question) ?? ""))
                Console.WriteLine($"  concept {concept}");
        var retrieval = result.GetValue(Explain)
            ? opened.Searcher.ExplainRetrieval(result.GetValue(Question) ?? "", found.Hits.Select(h => h.Procedure.Code))
            : null;
        var rank = 0;
        foreach (var hit in found.Hits)
        {
            Console.WriteLine($"{++rank,2}. {hit.Procedure.Code}  {hit.Score:0.000}  {hit.Procedure.Name}  [{hit.Procedure.Field}; {OnlineModeNames.ToWire(hit.Procedure.OnlineMode)}]{Environment.NewLine}    {hit.Url}");
            if (result.GetValue(Explain) && hit.Features is { } f)
                Console.WriteLine($"    rerank: name {f.NameCoverage:0.00}  evidence {f.Evidence:0.00}  phrase {f.Phrase:0.00}  title {f.TitleCoverage:0.00}/{f.TitlePrecision:0.00}");
            if (retrieval?.GetValueOrDefault(hit.Procedure.Code) is { } lucene)
                Console.WriteLine("    retrieval (Lucene BM25):" + Environment.NewLine + string.Join(Environment.NewLine,
                    lucene.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => "      " + line.TrimEnd())));
        }
        return ExitCodes.Ok;
    }
}

static class CliJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
