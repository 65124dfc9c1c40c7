using CitizenBot.Core.Analysis;
using System.CommandLine;
using System.Diagnostics;
using CitizenBot.Core.Catalogue;
using CitizenBot.Core.Demand;
using CitizenBot.Core.Demand.Export;
using CitizenBot.Core.Provinces;
using CitizenBot.Postgres;

namespace CitizenBot.Benchmarks;

/// <summary>`reports`: the officials' reports and exports over a large synthetic demand log (default 1,000,000 entries).</summary>
sealed class ReportsCommand : Command
{
    public Option<int[]> Sizes { get; } = new("--sizes")
    {
        Description = "Entries in the log when the reports are timed, ascending (each size adds entries to the previous one)",
        DefaultValueFactory = _ => [100_000, 1_000_000],
        AllowMultipleArgumentsPerToken = true,
    };
    public Option<int> Seed { get; } = new("--seed") { Description = "Random seed", DefaultValueFactory = _ => 42 };
    public Option<string?> Postgres { get; } = new("--postgres") { Description = "Npgsql connection string of an empty database: PostgreSQL instead of a SQLite file" };
    public Option<int> Marks { get; } = new("--marks") { Description = "Clusters an official marks before the reports are timed (linked, handled, out of scope in turn): with a mark, every report clusters the unmet questions", DefaultValueFactory = _ => 3 };
    public Option<int> Regroups { get; } = new("--regroups") { Description = "Needs an official merges into another before the reports are timed (national and one province's in turn): every report then regroups the clusters", DefaultValueFactory = _ => 0 };
    public Option<string[]> Only { get; } = new("--only") { Description = "Time only the reports whose name starts with one of these (summary, unmet, backlog, export …)", AllowMultipleArgumentsPerToken = true };

    public ReportsCommand() : base("reports", "Time every officials' report and export (SQLite, or PostgreSQL with --postgres) over a synthetic demand log.")
    {
        Add(Sizes); Add(Seed); Add(Postgres); Add(Marks); Add(Regroups); Add(Only);
        Validators.Add(result =>
        {
            var sizes = result.GetValue(Sizes) ?? [];
            if (sizes.Length == 0 || sizes.Any(s => s < 1 || s > 20_000_000) || !sizes.SequenceEqual(sizes.Order()))
                result.AddError("--sizes: ascending entry counts between 1 and 20,000,000.");
        });
        SetAction((result, ct) => ReportsBenchmark.RunAsync(result.GetValue(Sizes)!, result.GetValue(Seed), result.GetValue(Postgres),
            result.GetValue(Marks), result.GetValue(Only) ?? [], Console.Out, ct, result.GetValue(Regroups)));
    }
}

/// <summary>
/// Fills a demand store with synthetic conversations (several provinces and months, every outcome, unmet questions
/// drawn from a few hundred needs with variations) up to each size, then times each report and export as the
/// dashboard makes them, with the peak working set and the managed memory allocated during each: the reports
/// aggregate in the database, so neither should grow with the entries (only with the unmet questions of the filter).
/// </summary>
static class ReportsBenchmark
{
    /// <summary>Days of traffic generated, ending today (Vietnam time).</summary>
    const int Days = 120;

    /// <summary>Entries generated and sorted before they are added.</summary>
    const int ChunkSize = 250_000;

    public static async Task<int> RunAsync(int[] sizes, int seed, string? postgres, int marks, string[] only, TextWriter output, CancellationToken ct, int regroups = 0)
    {
        var indexData = Path.Combine(global::CitizenBot.Testing.RepositoryRoot.Path, "index-data");
        var catalogue = CatalogueLoader.Load(indexData, indexData).Catalogue;
        var lexicon = LexiconLoader.Load(Path.Combine(indexData, "analysis"));
        var storyWords = StoryWords.Load(lexicon, indexData);
        var directory = Directory.CreateTempSubdirectory("citizenbot-bench-reports-").FullName;
        Npgsql.NpgsqlDataSource? dataSource = postgres is null ? null : PostgresStorage.CreateDataSource(postgres);
        IDemandStore store = dataSource is null ? new SqliteDemandStore(Path.Combine(directory, "demand.db")) : new PostgresDemandStore(dataSource);
        try
        {
            await store.InitializeAsync(ct);
            output.WriteLine($"reports benchmark: {store.Description}; {Machine.Describe()}; {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
            var reports = new DemandReports(store, catalogue, lexicon, storyWords);
            var generator = new Traffic(catalogue, seed, VietnamTime.Day(DateTimeOffset.UtcNow));
            var today = VietnamTime.Day(DateTimeOffset.UtcNow);
            var province = generator.Provinces[0];
            var field = catalogue.FindByCode(generator.Codes[0])!.Field;
            (string Name, ReportFilter Filter)[] filters =
            [
                ("30 days", ReportFilter.ForDays(today.AddDays(-29), today)),
                ("90 days", ReportFilter.ForDays(today.AddDays(-89), today)),
                ($"30 days, {province}, {field}", ReportFilter.ForDays(today.AddDays(-29), today, [province], field)),
            ];
            var stored = 0;
            foreach (var size in sizes)
            {
                var watch = Stopwatch.StartNew();
                while (stored < size)
                {
                    // Generated a quarter of a million at a time and added in time order: the id (a version-7 GUID of the
                    // time) and the time indexes then fill their pages in one sweep instead of at random pages, which
                    // past a few hundred thousand entries made adding crawl (~600 entries/s) as SQLite's page cache missed.
                    var chunk = generator.Next(Math.Min(ChunkSize, size - stored)).OrderBy(e => e.Id, StringComparer.Ordinal).ToList();
                    foreach (var batch in chunk.Chunk(10_000))
                        await store.AppendAsync(batch, ct);
                    stored += chunk.Count;
                }
                var marked = await MarkAsync(reports, filters[0].Filter, generator.Codes, marks, ct);
                var merged = await RegroupAsync(reports, filters[0].Filter, province, regroups, ct);
                output.WriteLine();
                output.WriteLine($"{stored:N0} entries ({watch.Elapsed.TotalSeconds:0} s to add the last ones); unmet questions {generator.Unmet:N0}; {marked} clusters marked; {merged} merged");
                // "cpu ms": the process's processor time (all threads, GC included) during the report, the figure to
                // compare when the machine is shared and the load average is above its cores.
                output.WriteLine($"{"report",-22} {"filter",-34} {"ms",7} {"cpu ms",7} {"rows",7} {"peak WS",9} {"allocated",10}");
                foreach (var (name, filter) in filters.Take(2))
                {
                    // The grouping alone, on the unmet questions a report of this filter clusters (this period and the previous one).
                    var unmet = await store.QueryAsync(new DemandFilter(filter.PreviousFrom, filter.To, Outcomes: DemandReports.UnmetOutcomes, Limit: 1_000_000), ct);
                    GC.Collect();
                    var before = GcActivity.Now();
                    watch.Restart();
                    var clusters = DemandReports.ClusterUnmet(unmet, storyWords);
                    output.WriteLine($"clustering only: {name}, {unmet.Count:N0} unmet questions → {clusters.Count:N0} clusters in {watch.Elapsed.TotalMilliseconds:0} ms, {PeakMemory.Mib((GcActivity.Now() - before).AllocatedBytes)} allocated");
                    if (merged == 0) continue;
                    var regroupings = await store.GetRegroupsAsync(ct);
                    before = GcActivity.Now();
                    watch.Restart();
                    var regrouped = DemandReports.Regroup(clusters, regroupings);
                    output.WriteLine($"regrouping only: {name}, {regroupings.Count} regroupings → {regrouped.Count:N0} clusters in {watch.Elapsed.TotalMilliseconds:0} ms, {PeakMemory.Mib((GcActivity.Now() - before).AllocatedBytes)} allocated");
                }
                foreach (var (name, filter) in filters)
                    foreach (var (report, run) in Reports(reports, catalogue, filter).Where(r => only.Length == 0 || only.Any(o => r.Name.StartsWith(o, StringComparison.Ordinal))))
                    {
                        GC.Collect();
                        GC.WaitForPendingFinalizers();
                        var before = GcActivity.Now();
                        await using var memory = PeakMemory.Start();
                        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                        watch.Restart();
                        var rows = await run(ct);
                        var elapsed = watch.Elapsed;
                        cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
                        var activity = GcActivity.Now() - before;
                        output.WriteLine($"{report,-22} {name,-34} {elapsed.TotalMilliseconds,7:0} {cpu.TotalMilliseconds,7:0} {rows,7} {PeakMemory.Mib(memory.PhasePeakBytes),9} {PeakMemory.Mib(activity.AllocatedBytes),10}");
                    }
            }
            // What the top needs were, to check that a faster clustering groups as before.
            var top = await reports.UnmetAsync(filters[0].Filter, 20, ct);
            output.WriteLine();
            output.WriteLine($"top unmet (30 days): {string.Join(" | ", top.Take(5).Select(n => $"{n.Key} {n.Count}"))}; fingerprint " +
                Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(
                    string.Join("\n", top.Select(n => $"{n.Key}\t{n.Count}\t{n.Conversations}\t{string.Join(",", n.Examples)}")))))[..16]);
            output.WriteLine($"process peak working set {PeakMemory.Mib(PeakMemory.ProcessPeakBytes)}");
            return 0;
        }
        finally
        {
            if (dataSource is not null) await dataSource.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(directory, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>Marks the first clusters of the unmet list, as an official would: linked to a procedure, handled, out of scope, in turn.</summary>
    static async Task<int> MarkAsync(DemandReports reports, ReportFilter filter, IReadOnlyList<string> codes, int count, CancellationToken ct)
    {
        if (count <= 0) return 0;
        var needs = await reports.UnmetAsync(filter, count, ct);
        for (var i = 0; i < needs.Count; i++)
            await reports.Store.SetClusterMarkAsync(new ClusterMark(needs[i].Key, Handled: i % 3 == 1, i % 3 == 0 ? codes[i % codes.Count] : null, null, "benchmark",
                DateTimeOffset.UtcNow, OutOfScope: i % 3 == 2), ct);
        return needs.Count;
    }

    /// <summary>Merges the least asked needs two by two (away from the marked ones), as officials would: the second into the first, for every province and for one in turn.</summary>
    static async Task<int> RegroupAsync(DemandReports reports, ReportFilter filter, string province, int count, CancellationToken ct)
    {
        if (count <= 0) return 0;
        var needs = await reports.UnmetAsync(filter, int.MaxValue, ct);
        var merged = 0;
        for (var i = needs.Count - 2; i >= 0 && merged < count; i -= 2, merged++)
            await reports.Store.SetRegroupAsync(new ClusterRegroup(needs[i + 1].Key, merged % 2 == 0 ? "" : province, needs[i].Key, "benchmark", DateTimeOffset.UtcNow), ct);
        return merged;
    }

    /// <summary>Each report as the dashboard asks for it, and the exports as /admin/export writes them; each gives its row count.</summary>
    static IEnumerable<(string Name, Func<CancellationToken, Task<int>> Run)> Reports(DemandReports reports, ICatalogue catalogue, ReportFilter filter)
    {
        yield return ("summary", async ct => (await reports.SummaryAsync(filter, ct)).Days.Count);
        yield return ("unmet (top 20)", async ct => (await reports.UnmetAsync(filter, 20, ct)).Count);
        yield return ("backlog", async ct => (await reports.BacklogAsync(filter, ct)).Items.Count);
        yield return ("provinces", async ct => (await reports.ProvincesAsync(filter, ct)).Count);
        yield return ("usage", async ct => (await reports.UsageAsync(filter, ct)).Count);
        yield return ("trend (weekly)", async ct => (await reports.TrendAsync(filter, monthly: false, ct)).Count);
        yield return ("trend (monthly)", async ct => (await reports.TrendAsync(filter, monthly: true, ct)).Count);
        yield return ("export unmet CSV", async ct => await ExportAsync(ReportTables.Unmet(await reports.UnmetAsync(filter, 1000, ct), catalogue), xlsx: false, ct));
        yield return ("export backlog XLSX", async ct => await ExportAsync(ReportTables.Backlog(await reports.BacklogAsync(filter, ct), catalogue), xlsx: true, ct));
        yield return ("export entries CSV", async ct => await ExportAsync(ReportTables.Entries(await reports.EntriesAsync(filter, 50_000, ct), catalogue), xlsx: false, ct));
    }

    static async Task<int> ExportAsync(ReportTable table, bool xlsx, CancellationToken ct)
    {
        await using var sink = Stream.Null;
        if (xlsx) await XlsxExport.WriteAsync(table, sink, ct);
        else await CsvExport.WriteAsync(table, sink, ct);
        return table.Rows.Count;
    }

    /// <summary>Synthetic conversations: a province, one to four questions, each answered (with the mode as answered), followed up, not found, abandoned or out of scope, with 👍/👎, clicks and corrections.</summary>
    sealed class Traffic(ICatalogue catalogue, int seed, DateOnly today)
    {
        readonly Random _random = new(seed);
        readonly string[] _needs = MakeNeeds(new Random(seed + 1));

        public IReadOnlyList<string> Provinces { get; } = catalogue.Provinces.Select(p => p.Id).Order(StringComparer.Ordinal).Take(12).ToList();
        public IReadOnlyList<string> Codes { get; } = catalogue.Procedures.Select(p => p.Code).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Take(250).ToList();
        public long Unmet { get; private set; }

        static readonly string[] Tails = ["", " ở đâu", " cần giấy tờ gì", " mất bao lâu", " online được không", " phí bao nhiêu", " cho con", " làm sao"];

        /// <summary>Three hundred needs no procedure answers, written from parts (the log's unmet questions are such variations).</summary>
        static string[] MakeNeeds(Random random)
        {
            string[] verbs = ["xin", "đăng ký", "cấp", "gia hạn", "hủy", "đổi", "khai báo", "nộp", "tra cứu", "hỏi"];
            string[] objects = ["phép nuôi ong", "giấy phép karaoke", "chỗ học lớp 1", "trợ cấp người khuyết tật", "thẻ bảo hiểm y tế học sinh",
                "phép khai thác cát", "giấy xác nhận độc thân", "phép bán hàng online", "giấy phép lái thuyền", "sổ hộ nghèo",
                "phép chặt cây", "giấy chứng nhận nghề truyền thống", "tạm vắng cho sinh viên", "nghĩa vụ quân sự", "phạt nguội xe máy",
                "phép cắm trại", "giấy phép quảng cáo", "chế độ thai sản", "phép xây tường rào", "trợ cấp thất nghiệp",
                "phép nuôi chó", "phép câu cá", "giấy phép drone", "hỗ trợ lũ lụt", "học bổng sinh viên", "lương hưu", "giấy phép bắn pháo hoa",
                "phép đốt rơm", "điện mặt trời mái nhà", "nước sạch nông thôn"];
            return verbs.SelectMany(v => objects.Select(o => $"{v} {o}")).OrderBy(_ => random.Next()).ToArray();
        }

        public List<DemandEntry> Next(int count)
        {
            var entries = new List<DemandEntry>(count + 8);
            while (entries.Count < count)
            {
                var province = _random.Next(20) == 0 ? null : Provinces[Math.Min(Provinces.Count - 1, (int)(Provinces.Count * Math.Pow(_random.NextDouble(), 1.5)))];
                var hash = Convert.ToHexStringLower(BitConverter.GetBytes(_random.NextInt64())) + Convert.ToHexStringLower(BitConverter.GetBytes(_random.NextInt64()));
                var day = today.AddDays(-_random.Next(Days));
                var at = VietnamTime.Midnight(day).AddSeconds(_random.Next(86_400));
                var turns = 1 + _random.Next(4);
                for (var turn = 0; turn < turns; turn++, at = at.AddSeconds(20 + _random.Next(120)))
                {
                    var roll = _random.NextDouble();
                    var code = Codes[Math.Min(Codes.Count - 1, (int)(Codes.Count * Math.Pow(_random.NextDouble(), 2)))];
                    var mode = catalogue.FindByCode(code)!.OnlineMode;
                    if (roll < 0.62)
                    {
                        entries.Add(Entry(at, province, DemandOutcome.Answered, "", code, mode, hash));
                        if (mode != OnlineMode.FullyOnline) entries.Add(Entry(at, province, DemandOutcome.NotFullyOnline, "thủ tục " + code, code, mode, hash));
                        var feedback = _random.NextDouble();
                        if (feedback < 0.15) entries.Add(Entry(at.AddSeconds(5), province, DemandOutcome.ClickThrough, "", code, mode, ""));
                        else if (feedback < 0.22) entries.Add(Entry(at.AddSeconds(9), province, DemandOutcome.ThumbsUp, "", code, mode, hash));
                        else if (feedback < 0.25) entries.Add(Entry(at.AddSeconds(9), province, DemandOutcome.ThumbsDown, "sai rồi " + code, code, mode, hash));
                        else if (feedback < 0.27) entries.Add(Entry(at.AddSeconds(9), province, DemandOutcome.Corrected, "", code, mode, hash));
                    }
                    else if (roll < 0.72) entries.Add(Entry(at, province, DemandOutcome.FollowUp, "phí bao nhiêu", code, mode, hash));
                    else if (roll < 0.94)
                    {
                        var index = Math.Min(_needs.Length - 1, (int)(_needs.Length * Math.Pow(_random.NextDouble(), 2)));
                        var need = _needs[index] + Tails[_random.Next(Tails.Length)];
                        // The search brings up the same near-miss procedure for one need (the clustering uses it).
                        entries.Add(Entry(at, province, roll < 0.9 ? DemandOutcome.NoMatch : DemandOutcome.AmbiguousAbandoned, need, null, null, hash, Codes[index % Codes.Count]));
                    }
                    else entries.Add(Entry(at, province, DemandOutcome.OutOfScope, _random.Next(2) == 0 ? "giá vàng hôm nay" : "thời tiết mai", null, null, hash));
                }
            }
            Unmet += entries.Count(e => DemandReports.UnmetOutcomes.Contains(e.Outcome));
            return entries;
        }

        DemandEntry Entry(DateTimeOffset at, string? province, DemandOutcome outcome, string question, string? code, OnlineMode? mode, string hash, string? candidate = null) =>
            new(Guid.CreateVersion7(at).ToString("N"), at, "webchat", province, outcome, question, question, [new DemandCandidate(candidate ?? Codes[_random.Next(Codes.Count)], 0.3)],
                code, code is null ? null : mode, hash, code is null ? null : OfferSource.National);
    }
}
