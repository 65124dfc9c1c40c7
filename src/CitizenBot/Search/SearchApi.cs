using CitizenBot.Core.Catalogue;
using CitizenBot.Core.Search;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace CitizenBot.Search;

/// <summary>GET /api/search: the same search the bot uses, for the eval tool, the look-up page and integrations.</summary>
public static class SearchApi
{
    public static IEndpointRouteBuilder MapSearchApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/search", Search);
        return routes;
    }

    public static Results<Ok<SearchResponse>, ProblemHttpResult> Search(
        ISearcher searcher, ICatalogue catalogue, [FromQuery] string? q, [FromQuery] int? top, [FromQuery] string? province, [FromQuery] bool explain = false)
    {
        if (top is < 1 or > 50)
            return Problem("top must be between 1 and 50. / Tham số top phải từ 1 đến 50.", "top");
        if (province is { Length: > 0 } && catalogue.FindProvince(province) is null)
            return Problem($"Không tìm thấy tỉnh/thành phố '{province}'. / Unknown province '{province}'.", "province");
        try
        {
            return TypedResults.Ok(SearchResponse.From(searcher.Search(new SearchRequest(q ?? "", top ?? 5, province)), explain));
        }
        catch (InvalidQueryException e)
        {
            return Problem(e.Message, "q");
        }
    }

    static ProblemHttpResult Problem(string detail, string parameter) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Invalid search request",
            extensions: new Dictionary<string, object?> { ["parameter"] = parameter });
}

/// <summary>The wire shape of a search (others depend on it: the eval tool, the look-up page).</summary>
/// <param name="Unserved">Where to ask, when nothing was found because the question names a need the catalogue lacks
/// (index-data/analysis/gaps.txt); absent otherwise.</param>
public sealed record SearchResponse(string Query, string Normalized, string Match, string? Province, IReadOnlyList<SearchResponseHit> Results,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? Unserved = null)
{
    /// <param name="explain">Include each result's ranking features (for tuning and support).</param>
    public static SearchResponse From(SearchResult result, bool explain = false) => new(
        result.Query, result.Normalized, result.Match.ToWire(), result.Province?.Name,
        result.Hits.Select(h => new SearchResponseHit(h.Procedure.Code, h.Procedure.Name, h.Score, h.Procedure.Field,
            h.Procedure.Levels, OnlineModeNames.ToWire(h.Procedure.OnlineMode), h.Url, explain ? h.Features : null)).ToList(), result.Unserved?.AskWhere);
}

public sealed record SearchResponseHit(string Code, string Name, double Score, string Field, IReadOnlyList<string> Levels, string OnlineMode, string? Url,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] RankFeatures? Features = null);
