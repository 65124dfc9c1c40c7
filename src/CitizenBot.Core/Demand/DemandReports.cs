using CitizenBot.Core.Catalogue;

namespace CitizenBot.Core.Demand;

/// <summary>What a report covers, as officials choose it. The previous period (for trends) has the same length and ends at <see cref="From"/>.</summary>
/// <param name="Provinces">Only these provinces (a viewer's own, or the one picked); null = all, including entries without a province.</param>
/// <param name="Field">Only procedures of this field (lĩnh vực), by their matched procedure or best candidate.</param>
/// <param name="Outcome">Only this outcome.</param>
/// <param name="IncludeHandled">Also list clusters an official marked handled.</param>
public sealed record ReportFilter(
    DateTimeOffset From,
    DateTimeOffset To,
    IReadOnlyCollection<string>? Provinces = null,
    string? Field = null,
    DemandOutcome? Outcome = null,
    bool IncludeHandled = false)
{
    public DateTimeOffset PreviousFrom => From - (To - From);

    /// <summary>A short text of the filter, for the audit log and export file names.</summary>
    public string Describe() =>
        $"from={From:yyyy-MM-dd} to={To:yyyy-MM-dd} provinces={(Provinces is null ? "*" : string.Join(",", Provinces.Order()))} field={Field ?? "*"} outcome={Outcome?.ToString() ?? "*"}";
}

/// <summary>A group of unmet questions. Examples are scrubbed questions, newest first.</summary>
public sealed record UnmetNeed(
    string Key,
    string Label,
    int Count,
    int PreviousCount,
    int Conversations,
    IReadOnlyList<string> Examples,
    DateTimeOffset FirstSeen,
    DateTimeOffset LastSeen,
    IReadOnlyDictionary<DemandOutcome, int> Outcomes,
    IReadOnlyDictionary<string, int> Provinces,
    IReadOnlyList<DemandCandidate> Candidates,
    ClusterMark? Mark)
{
    public int Trend => Count - PreviousCount;
}

/// <summary>A procedure people wanted that is not fully online, with where the demand came from.</summary>
/// <param name="FromLinkedClusters">Unmet questions officials linked to this procedure.</param>
public sealed record BacklogItem(
    string Code,
    string Name,
    string Field,
    string? Agency,
    OnlineMode OnlineMode,
    int Count,
    int PreviousCount,
    int FromLinkedClusters,
    IReadOnlyDictionary<string, int> Provinces);

public sealed record BacklogReport(
    IReadOnlyList<BacklogItem> Items,
    IReadOnlyList<GroupCount> ByAgency,
    IReadOnlyList<GroupCount> ByProvince,
    IReadOnlyList<BacklogItem> NowFullyOnline);

public sealed record GroupCount(string Name, int Count, int Procedures);

public sealed record DayVolume(DateOnly Day, int Answered, int NotFullyOnline, int NoMatch, int AmbiguousAbandoned, int ThumbsUp, int ThumbsDown)
{
    public int Questions => Answered + NoMatch + AmbiguousAbandoned;
}

/// <param name="Questions">Answered + NoMatch + AmbiguousAbandoned: every question that ended in an answer or in nothing.</param>
/// <param name="AnsweredCounted">False when no Answered event exists in the period: the bot does not report answers, so shares are unknown.</param>
public sealed record DemandSummary(
    DateTimeOffset From,
    DateTimeOffset To,
    int Questions,
    int Answered,
    int AnsweredOnline,
    int NotFullyOnline,
    int NoMatch,
    int AmbiguousAbandoned,
    int ThumbsUp,
    int ThumbsDown,
    int PreviousQuestions,
    int PreviousUnmet,
    bool AnsweredCounted,
    IReadOnlyList<DayVolume> Days,
    IReadOnlyList<GroupCount> Provinces)
{
    public int Unmet => NoMatch + AmbiguousAbandoned + ThumbsDown;
    public double? ShareAnswered => AnsweredCounted && Questions > 0 ? Answered / (double)Questions : null;
    public double? ShareOnline => AnsweredCounted && Questions > 0 ? AnsweredOnline / (double)Questions : null;
}

/// <summary>
/// The officials' reports over the demand log: top unmet needs (clustered), the upgrade backlog (procedures wanted
/// that are not fully online, by province and agency) and the summary (volume, shares, feedback). The CLI and the
/// dashboard both call these, so they always agree.
/// </summary>
public sealed class DemandReports(IDemandStore store, ICatalogue catalogue)
{
    /// <summary>The outcomes that mean a need was not met by an answer.</summary>
    public static readonly IReadOnlyList<DemandOutcome> UnmetOutcomes = [DemandOutcome.NoMatch, DemandOutcome.AmbiguousAbandoned, DemandOutcome.ThumbsDown];

    public IDemandStore Store => store;

    public async Task<IReadOnlyList<UnmetNeed>> UnmetAsync(ReportFilter filter, int top, CancellationToken ct)
    {
        var clusters = await UnmetClustersAsync(filter, ct);
        var marks = await store.GetClusterMarksAsync(ct);
        var needs = new List<UnmetNeed>();
        foreach (var cluster in clusters)
        {
            var current = cluster.Items.Where(e => e.At >= filter.From).ToList();
            if (current.Count == 0) continue;
            var mark = MarkFor(cluster, marks);
            if (mark is { Handled: true } && !filter.IncludeHandled) continue;
            needs.Add(ToNeed(cluster, current, cluster.Items.Count - current.Count, mark));
        }
        return needs.OrderByDescending(n => n.Count).ThenByDescending(n => n.LastSeen).ThenBy(n => n.Key, StringComparer.Ordinal).Take(top).ToList();
    }

    /// <summary>One cluster with every entry of it in the period (for drill-down); null when the key matches no cluster.</summary>
    public async Task<(UnmetNeed Need, IReadOnlyList<DemandEntry> Entries)?> ClusterAsync(ReportFilter filter, string key, CancellationToken ct)
    {
        var clusters = await UnmetClustersAsync(filter, ct);
        var cluster = clusters.FirstOrDefault(c => c.Key == key) ?? clusters.FirstOrDefault(c => c.Signatures.Contains(key));
        if (cluster is null) return null;
        var current = cluster.Items.Where(e => e.At >= filter.From).OrderByDescending(e => e.At).ToList();
        if (current.Count == 0) return null;
        var marks = await store.GetClusterMarksAsync(ct);
        return (ToNeed(cluster, current, cluster.Items.Count - current.Count, MarkFor(cluster, marks)), current);
    }

    public async Task<BacklogReport> BacklogAsync(ReportFilter filter, CancellationToken ct)
    {
        var counts = await store.CountAsync(ToStoreFilter(filter with { From = filter.PreviousFrom }, [DemandOutcome.NotFullyOnline]), ct);
        var demand = new Dictionary<string, (int Count, int Previous, int Linked, Dictionary<string, int> Provinces)>(StringComparer.Ordinal);
        void Add(string code, bool current, int n, string? province, bool linked)
        {
            if (!demand.TryGetValue(code, out var d)) demand[code] = d = (0, 0, 0, new Dictionary<string, int>(StringComparer.Ordinal));
            if (current)
            {
                d.Count += n;
                if (linked) d.Linked += n;
                var p = province ?? "";
                d.Provinces[p] = d.Provinces.GetValueOrDefault(p) + n;
            }
            else d.Previous += n;
            demand[code] = d;
        }
        foreach (var c in counts)
            if (c.FocusCode is { } code) Add(code, c.Day >= DemandEntry.DayOf(filter.From), c.Count, c.ProvinceId, linked: false);

        // Unmet questions an official linked to a procedure count as demand for it.
        var marks = await store.GetClusterMarksAsync(ct);
        if (marks.Any(m => m.LinkedCode is not null))
            foreach (var cluster in await UnmetClustersAsync(filter with { Field = null }, ct))
                if (MarkFor(cluster, marks) is { LinkedCode: { } linkedCode } && catalogue.FindByCode(linkedCode) is { } linked
                    && (filter.Field is null || linked.Field == filter.Field))
                    foreach (var e in cluster.Items)
                        Add(linkedCode, e.At >= filter.From, 1, e.ProvinceId, linked: true);

        var items = new List<BacklogItem>();
        var upgraded = new List<BacklogItem>();
        // One province's backlog is what is not toàn trình there: its own list's mode when it has the procedure, else national.
        var province = filter.Provinces is { Count: 1 } one ? catalogue.FindProvince(one.First()) : null;
        foreach (var (code, d) in demand)
        {
            if (d.Count == 0) continue;
            var procedure = catalogue.FindByCode(code);
            var mode = procedure is null ? OnlineMode.Unknown : catalogue.OfferFor(procedure, province).Mode;
            var item = new BacklogItem(code, procedure?.Name ?? code, procedure?.Field ?? "", procedure?.Agency,
                mode, d.Count, d.Previous, d.Linked, d.Provinces);
            // Progress: a procedure made fully online since leaves the backlog.
            (mode == OnlineMode.FullyOnline ? upgraded : items).Add(item);
        }
        items = items.OrderByDescending(i => i.Count).ThenBy(i => i.Code, StringComparer.Ordinal).ToList();
        var byAgency = items.GroupBy(i => i.Agency ?? "")
            .Select(g => new GroupCount(g.Key, g.Sum(i => i.Count), g.Count()))
            .OrderByDescending(g => g.Count).ThenBy(g => g.Name, StringComparer.Ordinal).ToList();
        var byProvince = items.SelectMany(i => i.Provinces.Select(p => (Province: p.Key, Code: i.Code, Count: p.Value)))
            .GroupBy(x => x.Province)
            .Select(g => new GroupCount(g.Key, g.Sum(x => x.Count), g.Select(x => x.Code).Distinct().Count()))
            .OrderByDescending(g => g.Count).ThenBy(g => g.Name, StringComparer.Ordinal).ToList();
        return new BacklogReport(items, byAgency, byProvince, upgraded.OrderByDescending(i => i.Count).ToList());
    }

    public async Task<DemandSummary> SummaryAsync(ReportFilter filter, CancellationToken ct)
    {
        var counts = await store.CountAsync(ToStoreFilter(filter with { From = filter.PreviousFrom }, null), ct);
        var firstDay = DemandEntry.DayOf(filter.From);
        var current = counts.Where(c => c.Day >= firstDay).ToList();
        var previous = counts.Where(c => c.Day < firstDay).ToList();
        int Sum(IEnumerable<DemandCount> source, DemandOutcome outcome) => source.Where(c => c.Outcome == outcome).Sum(c => c.Count);

        var lastDay = DemandEntry.DayOf(filter.To - TimeSpan.FromTicks(1));
        var byDay = current.GroupBy(c => c.Day).ToDictionary(g => g.Key, g => g.ToList());
        var days = new List<DayVolume>();
        for (var day = firstDay; day <= lastDay && days.Count < 3660; day++)
        {
            var list = byDay.GetValueOrDefault(day) ?? [];
            days.Add(new DayVolume(DemandEntry.DateOf(day), Sum(list, DemandOutcome.Answered), Sum(list, DemandOutcome.NotFullyOnline),
                Sum(list, DemandOutcome.NoMatch), Sum(list, DemandOutcome.AmbiguousAbandoned), Sum(list, DemandOutcome.ThumbsUp), Sum(list, DemandOutcome.ThumbsDown)));
        }
        var questionOutcomes = new[] { DemandOutcome.Answered, DemandOutcome.NoMatch, DemandOutcome.AmbiguousAbandoned };
        var provinces = current.Where(c => questionOutcomes.Contains(c.Outcome) || UnmetOutcomes.Contains(c.Outcome))
            .GroupBy(c => c.ProvinceId ?? "")
            .Select(g => new GroupCount(g.Key, g.Sum(c => c.Count), 0))
            .OrderByDescending(g => g.Count).ThenBy(g => g.Name, StringComparer.Ordinal).ToList();
        return new DemandSummary(filter.From, filter.To,
            Questions: current.Where(c => questionOutcomes.Contains(c.Outcome)).Sum(c => c.Count),
            Answered: Sum(current, DemandOutcome.Answered),
            AnsweredOnline: current.Where(c => c.Outcome == DemandOutcome.Answered && c.OnlineMode == OnlineMode.FullyOnline).Sum(c => c.Count),
            NotFullyOnline: Sum(current, DemandOutcome.NotFullyOnline),
            NoMatch: Sum(current, DemandOutcome.NoMatch),
            AmbiguousAbandoned: Sum(current, DemandOutcome.AmbiguousAbandoned),
            ThumbsUp: Sum(current, DemandOutcome.ThumbsUp),
            ThumbsDown: Sum(current, DemandOutcome.ThumbsDown),
            PreviousQuestions: previous.Where(c => questionOutcomes.Contains(c.Outcome)).Sum(c => c.Count),
            PreviousUnmet: previous.Where(c => UnmetOutcomes.Contains(c.Outcome)).Sum(c => c.Count),
            AnsweredCounted: current.Any(c => c.Outcome == DemandOutcome.Answered),
            days, provinces);
    }

    /// <summary>Entries of the period for export and drill-down, newest first (scrubbed as stored).</summary>
    public Task<IReadOnlyList<DemandEntry>> EntriesAsync(ReportFilter filter, int limit, CancellationToken ct) =>
        store.QueryAsync(ToStoreFilter(filter, null) with { Limit = limit }, ct);

    /// <summary>Clusters of the unmet entries of the period and the previous one (so trends compare like with like).</summary>
    async Task<IReadOnlyList<QuestionCluster<DemandEntry>>> UnmetClustersAsync(ReportFilter filter, CancellationToken ct)
    {
        var outcomes = filter.Outcome is { } o ? (UnmetOutcomes.Contains(o) ? [o] : []) : UnmetOutcomes;
        var entries = await store.QueryAsync(ToStoreFilter(filter with { From = filter.PreviousFrom }, outcomes), ct);
        return QuestionClusterer.Cluster(entries, e => e.Normalized.Length > 0 ? e.Normalized : e.Question);
    }

    DemandFilter ToStoreFilter(ReportFilter filter, IReadOnlyCollection<DemandOutcome>? outcomes)
    {
        if (filter.Outcome is { } only) outcomes = outcomes is null || outcomes.Contains(only) ? [only] : [];
        IReadOnlyCollection<string>? codes = filter.Field is { Length: > 0 } field
            ? catalogue.Procedures.Where(p => string.Equals(p.Field, field, StringComparison.OrdinalIgnoreCase)).Select(p => p.Code).ToList()
            : null;
        return new DemandFilter(filter.From, filter.To, filter.Provinces, outcomes, codes);
    }

    /// <summary>The mark naming one of the cluster's signatures, else the one most like its leader.</summary>
    static ClusterMark? MarkFor(QuestionCluster<DemandEntry> cluster, IReadOnlyList<ClusterMark> marks)
    {
        if (marks.Count == 0) return null;
        if (marks.FirstOrDefault(m => m.ClusterKey == cluster.Key) is { } own) return own;
        var signatures = cluster.Signatures.ToHashSet(StringComparer.Ordinal);
        if (marks.FirstOrDefault(m => signatures.Contains(m.ClusterKey)) is { } member) return member;
        return marks
            .Select(m => (Mark: m, Similarity: QuestionClusterer.Similarity(m.ClusterKey.Split(' ', StringSplitOptions.RemoveEmptyEntries), cluster.Words)))
            .Where(x => x.Similarity >= QuestionClusterer.Threshold)
            .OrderByDescending(x => x.Similarity).ThenBy(x => x.Mark.ClusterKey, StringComparer.Ordinal)
            .Select(x => x.Mark).FirstOrDefault();
    }

    static UnmetNeed ToNeed(QuestionCluster<DemandEntry> cluster, List<DemandEntry> current, int previous, ClusterMark? mark)
    {
        var newestFirst = current.OrderByDescending(e => e.At).ThenBy(e => e.Id, StringComparer.Ordinal).ToList();
        var label = newestFirst.Where(e => e.Question.Length > 0)
            .GroupBy(e => e.Question, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count()).ThenByDescending(g => g.First().At).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.Key).FirstOrDefault() ?? cluster.Key;
        var examples = newestFirst.Select(e => e.Question).Where(q => q.Length > 0).Distinct(StringComparer.Ordinal).Take(5).ToList();
        var candidates = current.SelectMany(e => e.Candidates.Take(3))
            .GroupBy(c => c.Code, StringComparer.Ordinal)
            .Select(g => (Code: g.Key, Count: g.Count(), Best: g.Max(c => c.Score)))
            .OrderByDescending(x => x.Count).ThenByDescending(x => x.Best).ThenBy(x => x.Code, StringComparer.Ordinal)
            .Take(3).Select(x => new DemandCandidate(x.Code, x.Best)).ToList();
        return new UnmetNeed(cluster.Key, label, current.Count, previous,
            current.Select(e => e.ConversationHash).Distinct(StringComparer.Ordinal).Count(),
            examples, current.Min(e => e.At), current.Max(e => e.At),
            current.GroupBy(e => e.Outcome).OrderBy(g => g.Key).ToDictionary(g => g.Key, g => g.Count()),
            current.GroupBy(e => e.ProvinceId ?? "").OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count()),
            candidates, mark);
    }
}
