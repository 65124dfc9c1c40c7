using CitizenBot.Core.Catalogue;
using CitizenBot.Core.Provinces;
using CitizenBot.Core.Search;

namespace CitizenBot.Web.Lookup;

/// <summary>One row of the results: the procedure and the link to open for the chosen province.</summary>
/// <param name="Offer">The mode and link for the chosen province (its own list's, else national).</param>
public sealed record LookupHit(Procedure Procedure, OnlineOffer Offer)
{
    public string? Url => Offer.LinkFor(Procedure);
}

/// <param name="Searched">False when only filters were given: the rows are the catalogue's, filtered, not ranked.</param>
/// <param name="Hidden">Ranked results left out as barely related (shown with tat-ca=1).</param>
/// <param name="Unserved">Where to ask, when the question names a need the catalogue lacks (gaps.txt).</param>
public sealed record LookupResults(IReadOnlyList<LookupHit> Hits, MatchVerdict? Verdict, bool Searched, string? Message, int Hidden = 0, string? Unserved = null);

/// <summary>
/// Runs the look-up: the bot's own search (same analysis, index and ranking) for the question, then the field and
/// online-mode filters on its ranked list. With filters but no question it lists the matching procedures by name.
/// </summary>
static class LookupSearch
{
    /// <summary>The searcher's maximum: filters narrow its ranked list, so ask for all it will give.</summary>
    const int SearchDepth = 50;
    /// <summary>Always shown, however weak: a helper can still judge a near miss.</summary>
    const int AlwaysShown = 5;

    public static LookupResults Run(ISearcher searcher, ICatalogue catalogue, LookupQuery query)
    {
        var province = query.Province?.Province;
        if (query.Query.Length == 0)
        {
            if (!query.HasFilters) return new LookupResults([], null, false, null);
            var listed = catalogue.Procedures.Select(p => new LookupHit(p, catalogue.OfferFor(p, province))).Where(h => Matches(h, query))
                .OrderBy(h => h.Procedure.Name, StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("vi-VN"), true))
                .ToList();
            return new LookupResults(listed, null, false, null);
        }
        SearchResult found;
        try
        {
            found = searcher.Search(new SearchRequest(query.Query, SearchDepth, province?.Id));
        }
        catch (InvalidQueryException)
        {
            return new LookupResults([], null, false, "Câu tìm kiếm chưa dùng được. Bạn gõ tên việc cần làm, ví dụ “làm giấy khai sinh”.");
        }
        // The ranked tail is long (every procedure sharing a word scores something): below the bot's own score for a plausible
        // match only the first few are shown, the rest on request.
        var filtered = found.Hits.Select(h => (Hit: h, Lookup: new LookupHit(h.Procedure, catalogue.OfferFor(h.Procedure, province))))
            .Where(h => Matches(h.Lookup, query)).ToList();
        var shown = query.ShowAll ? filtered : filtered.Where((h, i) => i < AlwaysShown || h.Hit.Score >= MatchPolicy.PlausibleScore).ToList();
        return new LookupResults(shown.Select(h => h.Lookup).ToList(), found.Match, true, null, filtered.Count - shown.Count, found.Unserved?.AskWhere);
    }

    /// <summary>The field filter, and the mode filter on the mode shown (the province's when its list has the procedure).</summary>
    static bool Matches(LookupHit hit, LookupQuery query) =>
        (query.Field is null || LookupFacets.Key(hit.Procedure.Field) == LookupFacets.Key(query.Field)) &&
        (query.Mode is null || hit.Offer.Mode == query.Mode);
}
