using CitizenBot.Core.Analysis;
using CitizenBot.Core.Catalogue;

namespace CitizenBot.Core.Search;

/// <summary>Answers a citizen's question with ranked procedures and a verdict on how sure the match is.</summary>
public interface ISearcher
{
    /// <summary>Runs in-process against the embedded Lucene index, so it is synchronous and fast.</summary>
    SearchResult Search(SearchRequest request);

    /// <summary>
    /// A word (lower-case) the search reads as filler: a stop word of the analysis lexicon ("bị", "của", "rồi"), unless
    /// typed without accents where a procedure name uses it. Dialog rules that compare a message's words skip it too.
    /// </summary>
    bool IsFiller(string word);

    /// <summary>
    /// The ages a question states, read with the search's age words (index-data/analysis/ages.txt): the searcher orders
    /// candidates by them, and dialog rules that read a message's age use the same.
    /// </summary>
    StatedAge StatedAge { get; }
}

/// <param name="Query">The citizen's text as typed.</param>
/// <param name="Top">How many results to return (1–50).</param>
/// <param name="Province">A province id, name or pre-2025 name; links are chosen for it.</param>
public sealed record SearchRequest(string Query, int Top = 5, string? Province = null);

public sealed record SearchResult(string Query, string Normalized, MatchVerdict Match, IReadOnlyList<SearchHit> Hits, Province? Province)
{
    /// <summary>When nothing was found because the question names a need the catalogue may lack (gaps.txt): that need and where to ask.</summary>
    public UnservedNeed? Unserved { get; init; }
}

/// <param name="Url">The link to open for this procedure in the requested province (provincial link when known, else national).</param>
/// <param name="Features">Why it ranks where it does (for explaining and tuning; not part of the public API).</param>
public sealed record SearchHit(Procedure Procedure, double Score, string? Url, RankFeatures? Features = null);

/// <summary>What the citizen is shown for a question (see <see cref="MatchPolicy"/>).</summary>
public enum MatchVerdict
{
    /// <summary>Nothing plausible was found: a public-service need the catalogue lacks (unmet demand).</summary>
    None,
    /// <summary>Several candidates are plausible; the bot asks which one (the first <see cref="MatchPolicy.MaxChoices"/> hits, best first).</summary>
    Ambiguous,
    /// <summary>The top result clearly wins: it is the answer.</summary>
    Confident,
    /// <summary>Not a public-service question (gold prices, weather, lottery …): outside what the bot helps with, not unmet demand.</summary>
    OutOfScope,
}

public static class MatchVerdictNames
{
    /// <summary>The verdict on the wire and in reports: "none", "ambiguous", "confident", "outOfScope".</summary>
    public static string ToWire(this MatchVerdict verdict) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(verdict.ToString());
}

/// <summary>A query the searcher refuses (empty, too long); the message is fit to show the user.</summary>
public sealed class InvalidQueryException(string message) : Exception(message);
