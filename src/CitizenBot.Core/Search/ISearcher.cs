using CitizenBot.Core.Catalogue;

namespace CitizenBot.Core.Search;

/// <summary>Answers a citizen's question with ranked procedures and a verdict on how sure the match is.</summary>
public interface ISearcher
{
    /// <summary>Runs in-process against the embedded Lucene index, so it is synchronous and fast.</summary>
    SearchResult Search(SearchRequest request);
}

/// <param name="Query">The citizen's text as typed.</param>
/// <param name="Top">How many results to return (1–50).</param>
/// <param name="Province">A province id, name or pre-2025 name; links are chosen for it.</param>
public sealed record SearchRequest(string Query, int Top = 5, string? Province = null);

public sealed record SearchResult(string Query, string Normalized, MatchVerdict Match, IReadOnlyList<SearchHit> Hits, Province? Province);

/// <param name="Url">The link to open for this procedure in the requested province (provincial link when known, else national).</param>
/// <param name="Features">Why it ranks where it does (for explaining and tuning; not part of the public API).</param>
public sealed record SearchHit(Procedure Procedure, double Score, string? Url, RankFeatures? Features = null);

public enum MatchVerdict
{
    /// <summary>Nothing fits: unmet demand.</summary>
    None,
    /// <summary>Several readings are plausible; the bot asks which one.</summary>
    Ambiguous,
    /// <summary>The top result is the answer.</summary>
    Confident,
}

/// <summary>A query the searcher refuses (empty, too long); the message is fit to show the user.</summary>
public sealed class InvalidQueryException(string message) : Exception(message);
