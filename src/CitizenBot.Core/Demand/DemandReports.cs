using CitizenBot.Core.Analysis;
using CitizenBot.Core.Catalogue;
using CitizenBot.Core.Provinces;

namespace CitizenBot.Core.Demand;

/// <summary>What a report covers, as officials choose it. The previous period (for trends) has the same length and ends at <see cref="From"/>.</summary>
/// <param name="Provinces">Only these provinces (a viewer's own, or the one picked); null = all, including entries without a province.</param>
/// <param name="Field">Only this field (lĩnh vực): of the answered procedure, or of an unmet need's linked procedure; <see cref="DemandReports.Unclassified"/> for needs no one has filed.</param>
/// <param name="Outcome">Only this outcome.</param>
/// <param name="IncludeHandled">Also list clusters an official set aside (handled or out of scope).</param>
/// <param name="Mode">Only entries answered with a procedure of this online mode (as stored with the entry).</param>
public sealed record ReportFilter(
    DateTimeOffset From,
    DateTimeOffset To,
    IReadOnlyCollection<string>? Provinces = null,
    string? Field = null,
    DemandOutcome? Outcome = null,
    bool IncludeHandled = false,
    OnlineMode? Mode = null)
{
    public DateTimeOffset PreviousFrom => From - (To - From);

    /// <summary>From the first Vietnamese day to the last, both included.</summary>
    public static ReportFilter ForDays(DateOnly first, DateOnly last, IReadOnlyCollection<string>? provinces = null, string? field = null,
        DemandOutcome? outcome = null, bool includeHandled = false, OnlineMode? mode = null) =>
        new(VietnamTime.Midnight(first), VietnamTime.Midnight(last.AddDays(1)), provinces, field, outcome, includeHandled, mode);

    /// <summary>A short text of the filter, for the audit log and export file names.</summary>
    public string Describe() =>
        $"from={VietnamTime.Day(From):yyyy-MM-dd} to={VietnamTime.Day(To.AddTicks(-1)):yyyy-MM-dd} provinces={(Provinces is null ? "*" : string.Join(",", Provinces.Order()))} field={Field ?? "*"} outcome={Outcome?.ToString() ?? "*"} mode={(Mode is { } mode ? OnlineModeNames.ToWire(mode) : "*")}";
}

/// <summary>A group of unmet questions. Examples are scrubbed questions, newest first.</summary>
/// <param name="Field">The field of the need: its linked procedure's, else <see cref="DemandReports.Unclassified"/> (never the nearest search result's).</param>
/// <param name="Mark">The mark in force for the filter's province (its own, else the national one).</param>
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
    ClusterMark? Mark,
    string Field = DemandReports.Unclassified)
{
    public int Trend => Count - PreviousCount;
}

/// <summary>A procedure people wanted that is not fully online where they asked, with where the demand came from.</summary>
/// <param name="OnlineMode">The mode the newest answer gave (as stored with the entry, not as the report's catalogue says).</param>
/// <param name="Count">Conversations that asked for it (one conversation counts once), wrong answers left out.</param>
/// <param name="FromLinkedClusters">Of those, conversations whose unmet questions officials linked to this procedure.</param>
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

/// <param name="NowFullyOnline">Asked for, but since made toàn trình where it was asked (the province's list says so now, or the newest answer did).</param>
public sealed record BacklogReport(
    IReadOnlyList<BacklogItem> Items,
    IReadOnlyList<GroupCount> ByAgency,
    IReadOnlyList<GroupCount> ByProvince,
    IReadOnlyList<BacklogItem> NowFullyOnline)
{
    /// <summary>Conversations in the list: equal to the sum of every item, of every agency bar and of every province bar.</summary>
    public int Total => Items.Sum(i => i.Count);
}

public sealed record GroupCount(string Name, int Count, int Procedures);

/// <summary>
/// One day's questions in disjoint parts (they add up to <see cref="Questions"/>), with out-of-scope messages and
/// feedback beside them (not part of the questions).
/// </summary>
public sealed record DayVolume(DateOnly Day, int AnsweredFullyOnline, int AnsweredOther, int FollowUp, int Unanswered, int OutOfScope, int ThumbsUp, int ThumbsDown)
{
    public int Questions => AnsweredFullyOnline + AnsweredOther + FollowUp + Unanswered;
    public int Answered => AnsweredFullyOnline + AnsweredOther;
}

/// <summary>A week or a month of the period (trends), in Vietnam time.</summary>
public sealed record PeriodVolume(DateOnly Start, string Label, int Questions, int Answered, int AnsweredFullyOnline, int Unanswered, int Clicks, int ThumbsUp, int ThumbsDown);

/// <summary>
/// One province's figures: the officials' comparison table. <see cref="ClickThrough"/> is clicks on the online
/// button per answer with a fully online or partly online service; <see cref="Satisfaction"/> is 👍 / (👍 + 👎).
/// </summary>
public sealed record ProvinceFigures(string ProvinceId, int Questions, int Answered, int AnsweredFullyOnline, int AnsweredOnline, int Clicks, int ThumbsUp, int ThumbsDown)
{
    public double? ShareAnswered => Questions > 0 ? Answered / (double)Questions : null;
    public double? ShareFullyOnline => Answered > 0 ? AnsweredFullyOnline / (double)Answered : null;
    public double? ClickThrough => AnsweredOnline > 0 ? Clicks / (double)AnsweredOnline : null;
    public double? Satisfaction => ThumbsUp + ThumbsDown > 0 ? ThumbsUp / (double)(ThumbsUp + ThumbsDown) : null;
}

/// <summary>The "thực chất" measure of one procedure in one province: answered, then the online button followed, then rated.</summary>
public sealed record UsageFigures(string Code, string Name, string ProvinceId, OnlineMode OnlineMode, int Answered, int Clicks, int ThumbsUp, int ThumbsDown)
{
    public double? ClickThrough => Answered > 0 ? Clicks / (double)Answered : null;
    public double? Satisfaction => ThumbsUp + ThumbsDown > 0 ? ThumbsUp / (double)(ThumbsUp + ThumbsDown) : null;
}

/// <param name="Questions">Answered + follow-ups not answered + not found + abandoned clarifications: every question about a public service.</param>
/// <param name="Unmet">Unmet questions in the open needs: the sum of the unmet list's counts (set-aside ones excluded).</param>
/// <param name="PreviousUnmet">The same count over the previous period ("kỳ trước").</param>
/// <param name="OutOfScope">Messages about no public service (prices, weather), and unmet ones officials marked so: apart from questions.</param>
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
    IReadOnlyList<GroupCount> Provinces,
    int Unmet,
    int FollowUps,
    int OutOfScope,
    int Corrected,
    int Clicks)
{
    public double? ShareAnswered => AnsweredCounted && Questions > 0 ? Answered / (double)Questions : null;
    public double? ShareOnline => AnsweredCounted && Questions > 0 ? AnsweredOnline / (double)Questions : null;
}

/// <summary>
/// The officials' reports over the demand log: top unmet needs (clustered), the upgrade backlog, the summary, the
/// province comparison, trends and the "thực chất" usage of online services. Every figure is computed here from the
/// stored entries (each with the online mode it was answered with) and the marks, never from the catalogue the
/// caller happened to load, so the CLI, the dashboard, its API and the exports agree. The catalogue gives names and
/// the procedures of a field only.
/// </summary>
/// <remarks>
/// Counts are made by the database (<see cref="IDemandStore.TallyAsync"/>, <see cref="IDemandStore.ConversationDemandAsync"/>:
/// GROUP BY, the filter in the WHERE), so memory does not grow with the entries; only the unmet questions of the
/// filter are read, to be clustered. One filter is applied the same way to every report and export: the period (in
/// Vietnam time), the provinces, the outcome (a report counts only entries of that outcome) and the field (an unmet
/// question's is its need's, any other entry's its matched procedure's).
/// </remarks>
/// <param name="lexicon">The search's lexicon: its stop and weak words are left out when questions are grouped (none without it).</param>
/// <param name="storyWords">How grouping reads a question's words (<see cref="StoryWords.Load"/>: the lexicon's story words
/// and the initials of index-data/demand spelled out); without it, the lexicon's story words alone.</param>
public sealed class DemandReports(IDemandStore store, ICatalogue catalogue, Lexicon? lexicon = null, StoryWords? storyWords = null)
{
    readonly StoryWords _storyWords = storyWords ?? (lexicon is null ? StoryWords.None : StoryWords.From(lexicon));

    /// <summary>The field of a need no official has linked to a procedure.</summary>
    public const string Unclassified = "Chưa phân loại";

    /// <summary>The outcomes that mean a need was not met by an answer.</summary>
    public static readonly IReadOnlyList<DemandOutcome> UnmetOutcomes = [DemandOutcome.NoMatch, DemandOutcome.AmbiguousAbandoned, DemandOutcome.ThumbsDown];

    /// <summary>The outcomes that are questions about a public service (disjoint: each message is at most one of them).</summary>
    public static readonly IReadOnlyList<DemandOutcome> QuestionOutcomes =
        [DemandOutcome.Answered, DemandOutcome.FollowUp, DemandOutcome.NoMatch, DemandOutcome.AmbiguousAbandoned];

    /// <summary>The most entries one query reads (the unmet questions of a filter, an export).</summary>
    const int MaxRows = 1_000_000;

    public IDemandStore Store => store;

    /// <summary>How the unmet-needs report groups unmet questions: by the question as the search normalized it (else as asked) and its candidates.</summary>
    public static IReadOnlyList<QuestionCluster<DemandEntry>> ClusterUnmet(IEnumerable<DemandEntry> unmet, StoryWords storyWords) =>
        QuestionClusterer.Cluster(unmet, GroupedText, e => e.Candidates, storyWords: storyWords);

    /// <summary>What an unmet question is grouped by: the question as the search normalized it, else as asked.</summary>
    static string GroupedText(DemandEntry e) => e.Normalized.Length > 0 ? e.Normalized : e.Question;

    /// <summary>An unmet question's signature as grouping sees it: what a regrouping takes out of a cluster.</summary>
    public static string SignatureOf(DemandEntry e) => QuestionClusterer.Signature(GroupedText(e));

    /// <summary>
    /// The clusters as officials regrouped them (<see cref="ClusterRegroup"/>): a question whose signature was taken
    /// out stands alone (its signature is its key); the questions of a merged cluster join the cluster it was merged
    /// into (merges followed in a chain; a cycle merges nothing), under that cluster's key even when none of the
    /// filter's questions is in it, so its marks apply whatever the filter. A regrouping moves only the questions of
    /// its province ('' = every province; a province's own merge of a cluster wins over the national one). Keys name
    /// clusters as marks do (<see cref="QuestionClusterer.Naming{T}"/>), among the clusters before any regrouping.
    /// </summary>
    public static IReadOnlyList<QuestionCluster<DemandEntry>> Regroup(IReadOnlyList<QuestionCluster<DemandEntry>> clusters, IReadOnlyList<ClusterRegroup> regroups)
    {
        if (regroups.Count == 0) return clusters;
        // Groups: the clusters, then the keys merged into or through that name none of them.
        var keys = clusters.Select(c => c.Key).ToList();
        int Group(string key)
        {
            var (naming, index) = clusters.Select((c, i) => (Naming: QuestionClusterer.Naming(key, c), Index: i)).DefaultIfEmpty().MaxBy(x => x.Naming);
            if (naming > 0) return index;
            var other = keys.IndexOf(key, clusters.Count);
            if (other >= 0) return other;
            keys.Add(key);
            return keys.Count - 1;
        }
        var merges = new Dictionary<(int From, string Province), int>();
        foreach (var r in regroups.Where(r => r.IsMerge).OrderBy(r => r.Key, StringComparer.Ordinal).ThenBy(r => r.ProvinceId, StringComparer.Ordinal))
            if ((From: Group(r.Key), Into: Group(r.IntoKey!)) is var (from, into) && from != into)
                merges.TryAdd((from, r.ProvinceId), into);
        var takenOut = regroups.Where(r => !r.IsMerge).Select(r => (r.Key, r.ProvinceId)).ToHashSet();
        int Target(int group, string province)
        {
            var passed = new HashSet<int>();
            while (passed.Add(group) && (merges.TryGetValue((group, province), out var into) || merges.TryGetValue((group, ""), out into)))
                group = into;
            return group;
        }

        var signatureOf = new Dictionary<DemandEntry, string>(ReferenceEqualityComparer.Instance);
        var joined = new List<DemandEntry>?[keys.Count];
        var alone = new Dictionary<string, List<DemandEntry>>(StringComparer.Ordinal);
        for (var i = 0; i < clusters.Count; i++)
            foreach (var e in clusters[i].Items)
            {
                var province = e.ProvinceId ?? "";
                var signature = signatureOf[e] = SignatureOf(e);
                if (takenOut.Contains((signature, province)) || takenOut.Contains((signature, "")))
                    (alone.TryGetValue(signature, out var own) ? own : alone[signature] = []).Add(e);
                else
                    (joined[Target(i, province)] ??= []).Add(e);
            }

        // The signatures of some questions, most asked first (ties by text).
        IEnumerable<string> Signatures(IEnumerable<DemandEntry> items) => items.GroupBy(e => signatureOf[e], StringComparer.Ordinal)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Key);
        QuestionCluster<DemandEntry> Make(string key, List<DemandEntry> items) =>
            new(key, key.Split(' ', StringSplitOptions.RemoveEmptyEntries), [key, .. Signatures(items).Where(s => s != key)], items);
        var result = new List<QuestionCluster<DemandEntry>>();
        for (var i = 0; i < keys.Count; i++)
        {
            if (joined[i] is not { } items) continue;
            var key = keys[i];
            if (alone.TryGetValue(key, out var own))
            {
                // The leader was taken out (in some province): the rest takes the most asked of its other signatures that
                // names no other group, or, asked only in the leader's words, joins it.
                if (Signatures(items).FirstOrDefault(s => !keys.Contains(s) && !alone.ContainsKey(s)) is not { } rest) { own.AddRange(items); continue; }
                key = rest;
            }
            result.Add(Make(key, items));
        }
        result.AddRange(alone.Select(a => Make(a.Key, a.Value)));
        return result.OrderByDescending(c => c.Items.Count).ThenBy(c => c.Key, StringComparer.Ordinal).ToList();
    }

    public async Task<IReadOnlyList<UnmetNeed>> UnmetAsync(ReportFilter filter, int top, CancellationToken ct) =>
        (await LoadAsync(filter, ct)).Needs(filter.IncludeHandled).Take(top).ToList();

    /// <summary>One cluster with every entry of it in the period (for drill-down); null when the key matches no cluster.</summary>
    public async Task<(UnmetNeed Need, IReadOnlyList<DemandEntry> Entries)?> ClusterAsync(ReportFilter filter, string key, CancellationToken ct)
    {
        var data = await LoadAsync(filter with { IncludeHandled = true }, ct);
        var cluster = data.Clusters.FirstOrDefault(c => c.Key == key) ?? data.Clusters.FirstOrDefault(c => c.Signatures.Contains(key));
        if (cluster is null || data.Need(cluster, includeSetAside: true) is not { } need) return null;
        return (need, data.Current(cluster.Items).OrderByDescending(e => e.At).ToList());
    }

    /// <summary>Conversations asking for one procedure in one province and period; <see cref="Linked"/> of them through a linked cluster.</summary>
    sealed record Demand(string Code, string? ProvinceId, bool Previous, int Conversations, int Linked, DateTimeOffset LastAt);

    public async Task<BacklogReport> BacklogAsync(ReportFilter filter, CancellationToken ct)
    {
        var data = await LoadAsync(filter, ct);
        var lists = (await store.GetCurrentProvinceListsAsync(ct)).ToDictionary(l => l.ProvinceId, StringComparer.Ordinal);
        // The newest mode an answer gave for each procedure in each province, as stored (whatever the outcome and field filters: it is the state, not a count).
        var newest = (await store.NewestModesAsync(new DemandFilter(filter.PreviousFrom, filter.To, filter.Provinces), ct))
            .ToDictionary(m => (m.Code, Province: m.ProvinceId ?? ""), m => m.Mode);
        OnlineMode NewestMode(string code, string? province) => newest.GetValueOrDefault((code, province ?? ""), OnlineMode.Unknown);
        // Made toàn trình where it was asked since: the province's list now says so, or the newest answer there did.
        bool OfferedFullyNow(string code, string? province) =>
            province is not null && lists.GetValueOrDefault(province)?.Find(code) is { Mode: OnlineMode.FullyOnline }
            || NewestMode(code, province) == OnlineMode.FullyOnline;

        // Unmet questions an official linked to a procedure count as demand for it.
        var linked = !data.AnyMark(m => m.LinkedCode is not null) ? [] : data.Clusters.SelectMany(c => data.Counted(c.Items).Select(e => (Entry: e, Mark: data.MarkFor(c, e.ProvinceId))))
            .Where(x => x.Mark is { LinkedCode: not null })
            .Select(x => (x.Entry, Code: x.Mark!.LinkedCode!, Linked: true)).ToList();
        // Answers that were not fully online, unless the outcome filter names another outcome.
        var askedCounted = filter.Outcome is null or DemandOutcome.NotFullyOnline;
        var asked = data.Stored(filter.PreviousFrom, [DemandOutcome.NotFullyOnline], MaxRows);
        var hashes = linked.Select(x => x.Entry.ConversationHash).Distinct(StringComparer.Ordinal).ToList();
        var demand = new List<Demand>();
        if (hashes.Count > 0)
        {
            // The few conversations with a linked question are counted here, so each counts once per procedure with its answers.
            var askedThere = askedCounted ? await store.QueryAsync(asked with { Conversations = new(hashes) }, ct) : [];
            // A wrong answer (👎 on it, or corrected in the next turn) is not demand for its procedure.
            var wrong = (await store.QueryAsync(new DemandFilter(filter.PreviousFrom, filter.To, filter.Provinces,
                    [DemandOutcome.ThumbsDown, DemandOutcome.Corrected], Limit: MaxRows, Conversations: new(hashes)), ct))
                .Where(e => e.MatchedCode is not null).Select(e => (e.ConversationHash, e.MatchedCode!)).ToHashSet();
            demand.AddRange(askedThere.Where(e => e.MatchedCode is not null && !wrong.Contains((e.ConversationHash, e.MatchedCode!)))
                .Select(e => (Entry: e, Code: e.MatchedCode!, Linked: false)).Concat(linked)
                .GroupBy(x => (x.Code, x.Entry.ConversationHash, Previous: x.Entry.At < filter.From))
                .Select(g => g.OrderByDescending(x => x.Entry.At).First())
                .GroupBy(x => (x.Code, x.Entry.ProvinceId, Previous: x.Entry.At < filter.From))
                .Select(g => new Demand(g.Key.Code, g.Key.ProvinceId, g.Key.Previous, g.Count(), g.Count(x => x.Linked), g.Max(x => x.Entry.At))));
        }
        // Every other conversation is counted by the database.
        if (askedCounted)
            demand.AddRange((await store.ConversationDemandAsync(hashes.Count > 0 ? asked with { Conversations = new(hashes, Except: true) } : asked, filter.From, ct))
                .Select(d => new Demand(d.Code, d.ProvinceId, d.Previous, d.Conversations, 0, d.LastAt)));

        var items = new List<BacklogItem>();
        var upgraded = new List<BacklogItem>();
        foreach (var group in demand.GroupBy(d => d.Code))
        {
            var current = group.Where(d => !d.Previous).ToList();
            if (current.Count == 0) continue;
            var stillWanted = current.Where(d => !OfferedFullyNow(group.Key, d.ProvinceId)).ToList();
            var newestMode = stillWanted.Count > 0 ? NewestMode(group.Key, stillWanted.MaxBy(d => d.LastAt)!.ProvinceId) : OnlineMode.FullyOnline;
            var previous = group.Where(d => d.Previous && !OfferedFullyNow(group.Key, d.ProvinceId)).Sum(d => d.Conversations);
            var procedure = catalogue.FindByCode(group.Key);
            BacklogItem Item(List<Demand> part, OnlineMode mode) => new(group.Key, procedure?.Name ?? group.Key,
                procedure?.Field ?? "", AgencyNames.Normalize(procedure?.Agency), mode, part.Sum(d => d.Conversations), previous, part.Sum(d => d.Linked),
                part.GroupBy(d => d.ProvinceId ?? "").Select(g => (Province: g.Key, Count: g.Sum(d => d.Conversations)))
                    .OrderByDescending(p => p.Count).ThenBy(p => p.Province, StringComparer.Ordinal).ToDictionary(p => p.Province, p => p.Count));
            if (stillWanted.Count > 0) items.Add(Item(stillWanted, newestMode));
            else upgraded.Add(Item(current, OnlineMode.FullyOnline));
        }
        items = items.OrderByDescending(i => i.Count).ThenBy(i => i.Code, StringComparer.Ordinal).ToList();
        var byAgency = items.GroupBy(i => i.Agency ?? AgencyNames.Unknown)
            .Select(g => new GroupCount(g.Key, g.Sum(i => i.Count), g.Count()))
            .OrderBy(g => g.Name == AgencyNames.Unknown).ThenByDescending(g => g.Count).ThenBy(g => g.Name, StringComparer.Ordinal).ToList();
        var byProvince = items.SelectMany(i => i.Provinces.Select(p => (Province: p.Key, i.Code, Count: p.Value)))
            .GroupBy(x => x.Province)
            .Select(g => new GroupCount(g.Key, g.Sum(x => x.Count), g.Select(x => x.Code).Distinct().Count()))
            .OrderByDescending(g => g.Count).ThenBy(g => g.Name, StringComparer.Ordinal).ToList();
        return new BacklogReport(items, byAgency, byProvince, upgraded.OrderByDescending(i => i.Count).ThenBy(i => i.Code, StringComparer.Ordinal).ToList());
    }

    public async Task<DemandSummary> SummaryAsync(ReportFilter filter, CancellationToken ct)
    {
        var data = await LoadAsync(filter, ct);
        var tally = await TallyAsync(data, DemandTallyBy.Day | DemandTallyBy.Province | DemandTallyBy.Mode, withPrevious: true, ct);
        var current = tally.Where(t => !t.Previous).ToList();
        int Count(DemandOutcome outcome) => current.Where(t => t.Outcome == outcome).Sum(t => t.Count);

        var first = VietnamTime.Day(filter.From);
        var last = VietnamTime.Day(filter.To.AddTicks(-1));
        var byDay = current.ToLookup(t => t.Day);
        var days = new List<DayVolume>();
        for (var day = first; day <= last && days.Count < 3660; day = day.AddDays(1))
            days.Add(Volume(day, byDay[day]));
        var provinces = current.Where(t => QuestionOutcomes.Contains(t.Outcome))
            .GroupBy(t => t.ProvinceId ?? "")
            .Select(g => new GroupCount(g.Key, g.Sum(t => t.Count), 0))
            .OrderByDescending(g => g.Count).ThenBy(g => g.Name, StringComparer.Ordinal).ToList();
        var open = data.Counted(data.Unmet).Where(e => !data.SetAside(e)).ToList();
        return new DemandSummary(filter.From, filter.To,
            Questions: current.Where(t => QuestionOutcomes.Contains(t.Outcome)).Sum(t => t.Count),
            Answered: Count(DemandOutcome.Answered),
            AnsweredOnline: current.Where(t => t.Outcome == DemandOutcome.Answered && t.Mode == OnlineMode.FullyOnline).Sum(t => t.Count),
            NotFullyOnline: Count(DemandOutcome.NotFullyOnline),
            NoMatch: Count(DemandOutcome.NoMatch),
            AmbiguousAbandoned: Count(DemandOutcome.AmbiguousAbandoned),
            ThumbsUp: Count(DemandOutcome.ThumbsUp),
            ThumbsDown: Count(DemandOutcome.ThumbsDown),
            PreviousQuestions: tally.Where(t => t.Previous && QuestionOutcomes.Contains(t.Outcome)).Sum(t => t.Count),
            PreviousUnmet: open.Count(e => e.At < filter.From),
            AnsweredCounted: Count(DemandOutcome.Answered) > 0,
            days, provinces,
            Unmet: open.Count(e => e.At >= filter.From),
            FollowUps: Count(DemandOutcome.FollowUp),
            OutOfScope: Count(DemandOutcome.OutOfScope),
            Corrected: Count(DemandOutcome.Corrected),
            Clicks: Count(DemandOutcome.ClickThrough));
    }

    /// <summary>Weekly (Monday-started) or monthly figures of the period, in Vietnam time.</summary>
    public async Task<IReadOnlyList<PeriodVolume>> TrendAsync(ReportFilter filter, bool monthly, CancellationToken ct)
    {
        var data = await LoadAsync(filter, ct);
        return (await TallyAsync(data, DemandTallyBy.Day | DemandTallyBy.Mode, withPrevious: false, ct))
            .GroupBy(t => monthly ? new DateOnly(t.Day.Year, t.Day.Month, 1) : VietnamTime.WeekStart(t.Day))
            .OrderBy(g => g.Key)
            .Select(g =>
            {
                var volume = Volume(g.Key, g);
                return new PeriodVolume(g.Key, monthly ? $"Tháng {g.Key:MM/yyyy}" : $"Tuần từ {g.Key:dd/MM/yyyy}", volume.Questions, volume.Answered,
                    volume.AnsweredFullyOnline, volume.Unanswered, g.Where(t => t.Outcome == DemandOutcome.ClickThrough).Sum(t => t.Count), volume.ThumbsUp, volume.ThumbsDown);
            }).ToList();
    }

    /// <summary>One row per province (entries without a province under ""), most questions first.</summary>
    public async Task<IReadOnlyList<ProvinceFigures>> ProvincesAsync(ReportFilter filter, CancellationToken ct)
    {
        var data = await LoadAsync(filter, ct);
        return (await TallyAsync(data, DemandTallyBy.Province | DemandTallyBy.Mode, withPrevious: false, ct))
            .GroupBy(t => t.ProvinceId ?? "")
            .Select(g =>
            {
                int Sum(Func<DemandTally, bool> which) => g.Where(which).Sum(t => t.Count);
                return new ProvinceFigures(g.Key,
                    Sum(t => QuestionOutcomes.Contains(t.Outcome)),
                    Sum(t => t.Outcome == DemandOutcome.Answered),
                    Sum(t => t.Outcome == DemandOutcome.Answered && t.Mode == OnlineMode.FullyOnline),
                    Sum(t => t.Outcome == DemandOutcome.Answered && t.Mode is OnlineMode.FullyOnline or OnlineMode.Partial),
                    Sum(t => t.Outcome == DemandOutcome.ClickThrough),
                    Sum(t => t.Outcome == DemandOutcome.ThumbsUp),
                    Sum(t => t.Outcome == DemandOutcome.ThumbsDown));
            })
            .OrderByDescending(p => p.Questions).ThenBy(p => p.ProvinceId, StringComparer.Ordinal).ToList();
    }

    /// <summary>The outcomes of the "thực chất" measure: answered, clicked through, rated.</summary>
    static readonly IReadOnlyList<DemandOutcome> UsageOutcomes = [DemandOutcome.Answered, DemandOutcome.ClickThrough, DemandOutcome.ThumbsUp, DemandOutcome.ThumbsDown];

    /// <summary>The "thực chất" measure per procedure and province: answers, clicks through to the online service, 👍/👎.</summary>
    public async Task<IReadOnlyList<UsageFigures>> UsageAsync(ReportFilter filter, CancellationToken ct)
    {
        var data = await LoadAsync(filter, ct);
        var tally = (await TallyAsync(data, DemandTallyBy.Code | DemandTallyBy.Province, withPrevious: false, ct))
            .Where(t => t.Code is not null && UsageOutcomes.Contains(t.Outcome)).ToList();
        // The mode of the newest of these entries for each procedure and province: stored ones from the database, 👎 (unmet questions) from the snapshot.
        var stored = data.CountedOutcomes.Intersect(UsageOutcomes).Except(UnmetOutcomes).ToList();
        var modes = (await store.NewestModesAsync(data.Stored(filter.From, stored), ct))
            .Concat(data.Counted(data.Current(data.Unmet))
                .Where(e => e.Outcome == DemandOutcome.ThumbsDown && e.MatchedCode is not null && e.MatchedOnlineMode is not null)
                .Select(e => new DemandNewestMode(e.MatchedCode!, e.ProvinceId, e.MatchedOnlineMode!.Value, e.At)))
            .GroupBy(m => (m.Code, Province: m.ProvinceId ?? ""))
            .ToDictionary(g => g.Key, g => g.MaxBy(m => m.At)!.Mode);
        return tally.GroupBy(t => (Code: t.Code!, Province: t.ProvinceId ?? ""))
            .Select(g =>
            {
                int Sum(DemandOutcome outcome) => g.Where(t => t.Outcome == outcome).Sum(t => t.Count);
                return new UsageFigures(g.Key.Code, catalogue.FindByCode(g.Key.Code)?.Name ?? g.Key.Code, g.Key.Province,
                    modes.GetValueOrDefault(g.Key, OnlineMode.Unknown), Sum(DemandOutcome.Answered), Sum(DemandOutcome.ClickThrough),
                    Sum(DemandOutcome.ThumbsUp), Sum(DemandOutcome.ThumbsDown));
            })
            .OrderByDescending(u => u.Answered).ThenBy(u => u.Code, StringComparer.Ordinal).ThenBy(u => u.ProvinceId, StringComparer.Ordinal).ToList();
    }

    /// <summary>Entries of the period for export and drill-down, newest first (scrubbed as stored).</summary>
    public async Task<IReadOnlyList<DemandEntry>> EntriesAsync(ReportFilter filter, int limit, CancellationToken ct)
    {
        var data = await LoadAsync(filter, ct);
        var outcomes = data.CountedOutcomes.Except(UnmetOutcomes).ToList();
        var stored = outcomes.Count == 0 ? []
            : await store.QueryAsync(data.Stored(filter.From, outcomes, Math.Clamp(limit, 1, MaxRows)), ct);
        return stored.Concat(data.Counted(data.Current(data.Unmet)))
            .OrderByDescending(e => e.At).ThenByDescending(e => e.Id, StringComparer.Ordinal).Take(limit).ToList();
    }

    /// <summary>
    /// The counts of the period (and of the previous one, when asked) that pass the filter: stored outcomes counted by
    /// the database, unmet questions from the snapshot (their field is their need's; a no-match or abandoned question
    /// of a need marked out of scope before counts as out of scope).
    /// </summary>
    async Task<List<DemandTally>> TallyAsync(Snapshot data, DemandTallyBy by, bool withPrevious, CancellationToken ct)
    {
        var filter = data.Filter;
        var from = withPrevious ? filter.PreviousFrom : filter.From;
        var outcomes = data.CountedOutcomes.Except(UnmetOutcomes).ToList();
        var tally = outcomes.Count == 0 ? []
            : (await store.TallyAsync(data.Stored(from, outcomes), by, filter.From, ct)).ToList();
        tally.AddRange(data.Counted(data.Unmet).Where(e => e.At >= from).Select(e => new DemandTally(e.At < filter.From,
            by.HasFlag(DemandTallyBy.Day) ? VietnamTime.Day(e.At) : default,
            by.HasFlag(DemandTallyBy.Province) ? e.ProvinceId : null,
            e.Outcome is DemandOutcome.NoMatch or DemandOutcome.AmbiguousAbandoned && data.OutOfScopeByMark(e) ? DemandOutcome.OutOfScope : e.Outcome,
            by.HasFlag(DemandTallyBy.Code) ? e.MatchedCode : null,
            by.HasFlag(DemandTallyBy.Mode) ? e.MatchedOnlineMode : null, 1)));
        return tally;
    }

    static DayVolume Volume(DateOnly day, IEnumerable<DemandTally> tally)
    {
        int Sum(Func<DemandTally, bool> which) => tally.Where(which).Sum(t => t.Count);
        return new(day,
            Sum(t => t.Outcome == DemandOutcome.Answered && t.Mode == OnlineMode.FullyOnline),
            Sum(t => t.Outcome == DemandOutcome.Answered && t.Mode != OnlineMode.FullyOnline),
            Sum(t => t.Outcome == DemandOutcome.FollowUp),
            Sum(t => t.Outcome is DemandOutcome.NoMatch or DemandOutcome.AmbiguousAbandoned),
            Sum(t => t.Outcome == DemandOutcome.OutOfScope),
            Sum(t => t.Outcome == DemandOutcome.ThumbsUp),
            Sum(t => t.Outcome == DemandOutcome.ThumbsDown));
    }

    /// <summary>The unmet questions of this period and the previous one (for trends) that pass the filter's outcome, with the marks and their clusters.</summary>
    async Task<Snapshot> LoadAsync(ReportFilter filter, CancellationToken ct)
    {
        var outcomes = UnmetOutcomes.Where(o => filter.Outcome is null || o == filter.Outcome).ToList();
        var unmet = outcomes.Count == 0 ? []
            : await store.QueryAsync(new DemandFilter(filter.PreviousFrom, filter.To, filter.Provinces, outcomes, Limit: MaxRows, Modes: filter.Mode is { } mode ? [mode] : null), ct);
        var marks = await store.GetClusterMarksAsync(ct);
        var regroups = await store.GetRegroupsAsync(ct);
        return new Snapshot(filter, unmet, marks, regroups, catalogue, _storyWords);
    }

    /// <summary>One load of the unmet questions for one filter, with how the filter reads every other entry.</summary>
    sealed class Snapshot
    {
        readonly ReportFilter _filter;
        readonly IReadOnlyList<ClusterMark> _marks;
        readonly ICatalogue _catalogue;
        readonly Lazy<(IReadOnlyList<QuestionCluster<DemandEntry>> Clusters, Dictionary<DemandEntry, QuestionCluster<DemandEntry>> ClusterOf)> _clustering;

        public Snapshot(ReportFilter filter, IReadOnlyList<DemandEntry> unmet, IReadOnlyList<ClusterMark> marks, IReadOnlyList<ClusterRegroup> regroups,
            ICatalogue catalogue, StoryWords storyWords)
        {
            _filter = filter;
            _marks = marks;
            _catalogue = catalogue;
            Unmet = unmet;
            // Clustering is the costly part of a report: done once, and only when a list of needs or a mark asks for it.
            _clustering = new(() =>
            {
                var clusters = Regroup(ClusterUnmet(unmet, storyWords), regroups);
                var clusterOf = new Dictionary<DemandEntry, QuestionCluster<DemandEntry>>(ReferenceEqualityComparer.Instance);
                foreach (var c in clusters)
                    foreach (var e in c.Items)
                        clusterOf[e] = c;
                return (clusters, clusterOf);
            });
            CountedOutcomes = filter.Outcome is { } outcome ? [outcome] : Enum.GetValues<DemandOutcome>();
            Codes = filter.Field is not { } field ? null
                : field == Unclassified ? new DemandValues(ProcedureCodes().Where(c => FieldOfCode(c) != Unclassified).ToList(), Except: true)
                : new DemandValues(ProcedureCodes().Where(c => FieldOfCode(c) == field).ToList());
        }

        public ReportFilter Filter => _filter;

        /// <summary>The unmet questions (<see cref="UnmetOutcomes"/>) of the period and the previous one, of the filter's provinces and outcome.</summary>
        public IReadOnlyList<DemandEntry> Unmet { get; }
        public IReadOnlyList<QuestionCluster<DemandEntry>> Clusters => _clustering.Value.Clusters;

        /// <summary>Whether any mark of any province matches: without one, no unmet question needs its cluster to be counted.</summary>
        public bool AnyMark(Func<ClusterMark, bool> which) => _marks.Any(which);

        /// <summary>The mark in force for an unmet question (its cluster's, for its province); null without marks, unclustered.</summary>
        ClusterMark? MarkOf(DemandEntry e) =>
            _marks.Count > 0 && _clustering.Value.ClusterOf.TryGetValue(e, out var c) ? MarkFor(c, e.ProvinceId) : null;

        /// <summary>An unmet question an official set aside (handled or out of scope, asked before the mark).</summary>
        public bool SetAside(DemandEntry e) => MarkOf(e)?.SetsAside(e) ?? false;

        /// <summary>The outcomes a report counts: the filter's, else all.</summary>
        public IReadOnlyList<DemandOutcome> CountedOutcomes { get; }

        /// <summary>The field filter for entries other than unmet questions, as the database applies it: their matched procedure in the field (null = any).</summary>
        public DemandValues? Codes { get; }

        /// <summary>The filter for the database of entries from <paramref name="from"/> with these outcomes: the filter's provinces, field and mode.</summary>
        public DemandFilter Stored(DateTimeOffset from, IReadOnlyCollection<DemandOutcome> outcomes, int limit = 100_000) =>
            new(from, _filter.To, _filter.Provinces, outcomes, Codes, limit, Modes: _filter.Mode is { } mode ? [mode] : null);

        IEnumerable<string> ProcedureCodes() => _catalogue.Procedures.Select(p => p.Code).Distinct(StringComparer.Ordinal);

        public IEnumerable<DemandEntry> Current(IEnumerable<DemandEntry> entries) => entries.Where(e => e.At >= _filter.From);

        /// <summary>Entries that pass the field, outcome and mode filters.</summary>
        public IEnumerable<DemandEntry> Counted(IEnumerable<DemandEntry> entries) =>
            entries.Where(e => (_filter.Outcome is null || e.Outcome == _filter.Outcome) && (_filter.Mode is null || e.MatchedOnlineMode == _filter.Mode)
                && (_filter.Field is null || FieldOf(e) == _filter.Field));

        string FieldOfCode(string code) => _catalogue.FindByCode(code)?.Field ?? Unclassified;

        /// <summary>An unmet question's field is its need's (the linked procedure's, else unclassified); an answer's is its procedure's.</summary>
        public string FieldOf(DemandEntry e) =>
            UnmetOutcomes.Contains(e.Outcome) ? MarkOf(e)?.LinkedCode is { } linked ? FieldOfCode(linked) : Unclassified
            : e.MatchedCode is { } code ? FieldOfCode(code)
            : Unclassified;

        /// <summary>An unmet question officials marked out of scope (its cluster's mark, set after it was asked).</summary>
        public bool OutOfScopeByMark(DemandEntry e) =>
            MarkOf(e) is { OutOfScope: true } m && m.SetsAside(e);

        /// <summary>The mark for entries of this province: the province's own, else the national one ('' province).</summary>
        public ClusterMark? MarkFor(QuestionCluster<DemandEntry> cluster, string? provinceId)
        {
            // Asked for every unmet question: found once per cluster and province.
            if (_found.TryGetValue((cluster, provinceId ?? ""), out var known)) return known;
            return _found[(cluster, provinceId ?? "")] = (provinceId is not null ? Find(cluster, provinceId) : null) ?? Find(cluster, "");
        }

        readonly Dictionary<(QuestionCluster<DemandEntry> Cluster, string Province), ClusterMark?> _found = [];

        /// <summary>The mark naming the cluster's key, else one of its signatures, else the most similar key (a cluster's leader can change).</summary>
        ClusterMark? Find(QuestionCluster<DemandEntry> cluster, string provinceId) =>
            _marks.Where(m => m.ProvinceId == provinceId)
                .Select(m => (Mark: m, Naming: QuestionClusterer.Naming(m.ClusterKey, cluster)))
                .Where(x => x.Naming > 0)
                .OrderByDescending(x => x.Naming).ThenBy(x => x.Mark.ClusterKey, StringComparer.Ordinal)
                .Select(x => x.Mark).FirstOrDefault();

        /// <summary>The open needs (or all, with set-aside ones), most asked first; their counts add up to the summary's unmet figure.</summary>
        public IEnumerable<UnmetNeed> Needs(bool includeSetAside) => Clusters
            .Select(c => Need(c, includeSetAside)).OfType<UnmetNeed>()
            .OrderByDescending(n => n.Count).ThenByDescending(n => n.LastSeen).ThenBy(n => n.Key, StringComparer.Ordinal);

        public UnmetNeed? Need(QuestionCluster<DemandEntry> cluster, bool includeSetAside)
        {
            var open = cluster.Items.Where(e => includeSetAside || !(MarkFor(cluster, e.ProvinceId)?.SetsAside(e) ?? false));
            var counted = Counted(open).ToList();
            var current = Current(counted).ToList();
            if (current.Count == 0) return null;
            var province = _filter.Provinces is { Count: 1 } one ? one.First() : null;
            var mark = MarkFor(cluster, province);
            var field = mark?.LinkedCode is { } code ? FieldOfCode(code) : Unclassified;
            return ToNeed(cluster, current, counted.Count - current.Count, mark, field);
        }

        static UnmetNeed ToNeed(QuestionCluster<DemandEntry> cluster, List<DemandEntry> current, int previous, ClusterMark? mark, string field)
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
                candidates, mark, field);
        }
    }
}
