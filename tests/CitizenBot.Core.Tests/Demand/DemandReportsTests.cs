using CitizenBot.Core.Catalogue;
using CitizenBot.Core.Demand;
using CitizenBot.Core.Provinces;
using static CitizenBot.Core.Tests.Demand.DemandTestData;

namespace CitizenBot.Core.Tests.Demand;

/// <summary>The reports over a real SQLite demand store (the PostgreSQL store passes the same store contract).</summary>
public sealed class DemandReportsTests : IDisposable
{
    readonly string _directory = Directory.CreateTempSubdirectory("citizenbot-demand-reports-").FullName;
    readonly SqliteDemandStore _store;
    readonly DemandReports _reports;
    readonly DemandEntryFactory _factory = Factory();
    static readonly ReportFilter March = ReportFilter.ForDays(new(2026, 3, 1), new(2026, 3, 31));

    public DemandReportsTests()
    {
        _store = new SqliteDemandStore(Path.Combine(_directory, "demand.db"));
        _reports = new DemandReports(_store, TestCatalogue());
    }

    async Task SeedAsync(params DemandEvent[] events)
    {
        await _store.InitializeAsync(CancellationToken.None);
        await _store.AppendAsync(events.Select(_factory.Create).ToList(), CancellationToken.None);
    }

    static DateTimeOffset Day(int month, int day) => new(2026, month, day, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Unmet_needs_are_grouped_with_the_initials_the_reports_are_given_spelled_out()
    {
        await SeedAsync(
            Event(DemandOutcome.NoMatch, "nvqs", at: Day(3, 2), conversation: "a"),
            Event(DemandOutcome.NoMatch, "nghĩa vụ quân sự", at: Day(3, 3), conversation: "b"),
            Event(DemandOutcome.NoMatch, "kết hôn", at: Day(3, 4), conversation: "c"));
        var story = StoryWords.Of("quận");
        var spelling = new DemandReports(_store, TestCatalogue(), storyWords: story.With(new Dictionary<string, string> { ["nvqs"] = "nghĩa vụ quân sự" }));

        var apart = await new DemandReports(_store, TestCatalogue(), storyWords: story).UnmetAsync(March, 10, CancellationToken.None);
        var together = await spelling.UnmetAsync(March, 10, CancellationToken.None);

        Assert.Equal([1, 1, 1], apart.Select(n => n.Count));
        Assert.Equal([2, 1], together.Select(n => n.Count));
    }

    [Fact]
    public async Task Unmet_needs_are_clustered_with_counts_scrubbed_examples_first_and_last_seen_and_trend()
    {
        await SeedAsync(
            Event(DemandOutcome.NoMatch, "xin giấy phép nuôi chó", at: Day(3, 2), conversation: "a"),
            Event(DemandOutcome.NoMatch, "xin giay phep nuoi cho", at: Day(3, 10), conversation: "b"),
            Event(DemandOutcome.NoMatch, "Tên tôi là Nguyễn Văn An, xin giấy phép nuôi chó, sđt 0912345678", at: Day(3, 20), conversation: "c",
                normalized: "tên nguyễn văn an xin giấy phép nuôi chó số điện thoại 0912345678"),
            Event(DemandOutcome.AmbiguousAbandoned, "giấy phép nuôi chó mèo", at: Day(3, 21), conversation: "c"),
            Event(DemandOutcome.NoMatch, "xin giấy phép nuôi chó", at: Day(2, 20), conversation: "old"), // previous period
            Event(DemandOutcome.NoMatch, "đăng ký bán hàng online", at: Day(3, 5), conversation: "d"),
            Event(DemandOutcome.NotFullyOnline, "cấp giấy phép xây dựng", code: "1.000002", mode: OnlineMode.Partial, at: Day(3, 6)));

        var needs = await _reports.UnmetAsync(March, 10, CancellationToken.None);

        Assert.Equal(2, needs.Count);
        var dogs = needs[0];
        Assert.Equal(4, dogs.Count);
        Assert.Equal(1, dogs.PreviousCount);
        Assert.Equal(3, dogs.Trend);
        Assert.Equal(3, dogs.Conversations);
        Assert.Equal(Day(3, 2), dogs.FirstSeen);
        Assert.Equal(Day(3, 21), dogs.LastSeen);
        Assert.Equal(3, dogs.Outcomes[DemandOutcome.NoMatch]);
        Assert.Equal(1, dogs.Outcomes[DemandOutcome.AmbiguousAbandoned]);
        Assert.Contains("Tên tôi là [TÊN], xin giấy phép nuôi chó, sđt [SĐT]", dogs.Examples);
        Assert.DoesNotContain(dogs.Examples, e => e.Contains("0912345678") || e.Contains("Nguyễn"));
        Assert.Equal("1.000002", dogs.Candidates[0].Code);
        Assert.Equal("đăng ký bán hàng online", needs[1].Label);
    }

    [Fact]
    public async Task A_cluster_marked_handled_leaves_the_open_list_and_a_linked_cluster_counts_in_the_backlog()
    {
        await SeedAsync(
            Event(DemandOutcome.NoMatch, "xin phép sửa nhà", at: Day(3, 2), conversation: "a"),
            Event(DemandOutcome.NoMatch, "xin phep sua nha", at: Day(3, 3), conversation: "b"),
            Event(DemandOutcome.NoMatch, "đổi bằng lái xe quốc tế", at: Day(3, 4), conversation: "c"),
            Event(DemandOutcome.NotFullyOnline, "cấp giấy phép xây dựng", code: "1.000002", mode: OnlineMode.Partial, at: Day(3, 6)));
        var needs = await _reports.UnmetAsync(March, 10, CancellationToken.None);
        var repair = needs.Single(n => n.Count == 2);
        var licence = needs.Single(n => n.Count == 1);

        await _store.SetClusterMarkAsync(new ClusterMark(repair.Key, Handled: false, "1.000002", "là giấy phép sửa chữa", "admin", Now), CancellationToken.None);
        await _store.SetClusterMarkAsync(new ClusterMark(licence.Key, Handled: true, null, null, "admin", Now), CancellationToken.None);

        var open = await _reports.UnmetAsync(March, 10, CancellationToken.None);
        Assert.Equal([repair.Key], open.Select(n => n.Key));
        Assert.Equal("1.000002", open[0].Mark?.LinkedCode);
        Assert.Equal(2, (await _reports.UnmetAsync(March with { IncludeHandled = true }, 10, CancellationToken.None)).Count);

        var backlog = await _reports.BacklogAsync(March, CancellationToken.None);
        var building = Assert.Single(backlog.Items);
        Assert.Equal("1.000002", building.Code);
        Assert.Equal(3, building.Count);
        Assert.Equal(2, building.FromLinkedClusters);
    }

    [Fact]
    public async Task The_backlog_ranks_procedures_that_are_not_fully_online_by_conversations_with_provinces_and_agencies()
    {
        await SeedAsync(
            Event(DemandOutcome.NotFullyOnline, "đổi bằng lái", province: "ha-noi", code: "1.000003", mode: OnlineMode.Offline, at: Day(3, 1), conversation: "a"),
            Event(DemandOutcome.NotFullyOnline, "doi bang lai", province: "ninh-binh", code: "1.000003", mode: OnlineMode.Offline, at: Day(3, 2), conversation: "b"),
            Event(DemandOutcome.NotFullyOnline, "đổi GPLX", province: "ninh-binh", code: "1.000003", mode: OnlineMode.Offline, at: Day(3, 3), conversation: "c"),
            // The same conversation asking again counts once.
            Event(DemandOutcome.NotFullyOnline, "đổi GPLX ở đâu", province: "ninh-binh", code: "1.000003", mode: OnlineMode.Offline, at: Day(3, 3), conversation: "c"),
            Event(DemandOutcome.NotFullyOnline, "đăng ký hộ kinh doanh", province: "ha-noi", code: "1.000004", mode: OnlineMode.Partial, at: Day(3, 4), conversation: "d"),
            Event(DemandOutcome.NotFullyOnline, "đăng ký hộ kinh doanh", province: "ha-noi", code: "1.000004", mode: OnlineMode.Partial, at: Day(2, 4), conversation: "e"));

        var backlog = await _reports.BacklogAsync(March, CancellationToken.None);

        Assert.Equal(["1.000003", "1.000004"], backlog.Items.Select(i => i.Code));
        Assert.Equal(3, backlog.Items[0].Count);
        Assert.Equal(2, backlog.Items[0].Provinces["ninh-binh"]);
        Assert.Equal("Sở Xây dựng", backlog.Items[0].Agency);
        Assert.Equal(1, backlog.Items[1].PreviousCount);
        // Agencies are normalised ("UBND cấp xã" → "Ủy ban nhân dân cấp xã") and every breakdown adds up to the list.
        Assert.Equal([("Sở Xây dựng", 3), ("Ủy ban nhân dân cấp xã", 1)], backlog.ByAgency.Select(a => (a.Name, a.Count)));
        Assert.Equal(("ha-noi", 2), (backlog.ByProvince[0].Name, backlog.ByProvince[0].Count));
        Assert.Equal(4, backlog.Total);
        Assert.Equal(backlog.Total, backlog.ByAgency.Sum(a => a.Count));
        Assert.Equal(backlog.Total, backlog.ByProvince.Sum(p => p.Count));

        var ninhBinh = await _reports.BacklogAsync(March with { Provinces = ["ninh-binh"] }, CancellationToken.None);
        Assert.Equal(2, Assert.Single(ninhBinh.Items).Count);
        var roads = await _reports.BacklogAsync(March with { Field = "Đường bộ" }, CancellationToken.None);
        Assert.Equal("1.000003", Assert.Single(roads.Items).Code);
    }

    [Fact]
    public async Task The_backlog_uses_the_mode_stored_when_answered_not_the_catalogue_the_report_loads()
    {
        // Answered as một phần from our curated catalogue; the report's catalogue says toàn trình (another file loaded).
        await SeedAsync(Event(DemandOutcome.NotFullyOnline, "khai sinh", code: "1.000001", mode: OnlineMode.Partial, at: Day(3, 5), conversation: "a"));
        var backlog = await _reports.BacklogAsync(March, CancellationToken.None);
        Assert.Equal(("1.000001", OnlineMode.Partial), (Assert.Single(backlog.Items).Code, backlog.Items[0].OnlineMode));
        Assert.Empty(backlog.NowFullyOnline);
        // A newer answer in the same province said toàn trình: progress, so it leaves the backlog.
        await _store.AppendAsync([_factory.Create(Event(DemandOutcome.Answered, "", code: "1.000001", mode: OnlineMode.FullyOnline, at: Day(3, 6), conversation: "b"))],
            CancellationToken.None);
        backlog = await _reports.BacklogAsync(March, CancellationToken.None);
        Assert.Empty(backlog.Items);
        Assert.Equal("1.000001", Assert.Single(backlog.NowFullyOnline).Code);
    }

    [Fact]
    public async Task A_wrong_answer_flagged_by_thumbs_down_or_corrected_is_not_backlog_demand_for_its_procedure()
    {
        await SeedAsync(
            Event(DemandOutcome.NotFullyOnline, "xin phép sửa nhà", code: "1.000002", mode: OnlineMode.Partial, at: Day(3, 2), conversation: "thumbs"),
            Event(DemandOutcome.ThumbsDown, "xin phép sửa nhà", code: "1.000002", mode: OnlineMode.Partial, at: Day(3, 2), conversation: "thumbs"),
            Event(DemandOutcome.NotFullyOnline, "xin phép sửa nhà", code: "1.000002", mode: OnlineMode.Partial, at: Day(3, 3), conversation: "corrected"),
            Event(DemandOutcome.Corrected, "", code: "1.000002", mode: OnlineMode.Partial, at: Day(3, 3), conversation: "corrected"),
            Event(DemandOutcome.NotFullyOnline, "giấy phép xây dựng", code: "1.000002", mode: OnlineMode.Partial, at: Day(3, 4), conversation: "right"));

        var backlog = await _reports.BacklogAsync(March, CancellationToken.None);

        Assert.Equal(1, Assert.Single(backlog.Items).Count);
        // The 👎 question is an unmet need instead.
        Assert.Equal(1, (await _reports.UnmetAsync(March, 10, CancellationToken.None)).Sum(n => n.Count));
    }

    [Fact]
    public async Task A_provinces_backlog_follows_its_own_list_of_online_services_in_the_database()
    {
        await SeedAsync(
            Event(DemandOutcome.NotFullyOnline, "đổi bằng lái", province: "ninh-binh", code: "1.000003", mode: OnlineMode.Offline, at: Day(3, 1), conversation: "a"),
            Event(DemandOutcome.NotFullyOnline, "hộ kinh doanh", province: "ninh-binh", code: "1.000004", mode: OnlineMode.Partial, at: Day(3, 2), conversation: "b"),
            Event(DemandOutcome.NotFullyOnline, "hộ kinh doanh", province: "ha-noi", code: "1.000004", mode: OnlineMode.Partial, at: Day(3, 3), conversation: "c"));
        // Ninh Bình has since brought the household business registration fully online ("tỉnh đã cung cấp toàn trình"); Hà Nội has not.
        await _store.SaveProvinceListAsync("ninh-binh", [new ProvinceServiceEntry("1.000004", OnlineMode.FullyOnline)], "nb", "nb.csv", null, Day(3, 20), CancellationToken.None);

        var ninhBinh = await _reports.BacklogAsync(March with { Provinces = ["ninh-binh"] }, CancellationToken.None);
        Assert.Equal("1.000003", Assert.Single(ninhBinh.Items).Code);
        Assert.Equal("1.000004", Assert.Single(ninhBinh.NowFullyOnline).Code);
        var haNoi = await _reports.BacklogAsync(March with { Provinces = ["ha-noi"] }, CancellationToken.None);
        Assert.Equal(("1.000004", OnlineMode.Partial), (Assert.Single(haNoi.Items).Code, haNoi.Items[0].OnlineMode));
        var all = await _reports.BacklogAsync(March, CancellationToken.None);
        Assert.Equal(1, all.Items.Single(i => i.Code == "1.000004").Count);
    }

    [Fact]
    public async Task Every_figure_of_the_summary_reconciles_days_provinces_and_the_unmet_list()
    {
        await SeedAsync(
            Event(DemandOutcome.Answered, "", province: "ha-noi", code: "1.000001", mode: OnlineMode.FullyOnline, at: Day(3, 2), conversation: "a"),
            Event(DemandOutcome.Answered, "", province: "ninh-binh", code: "1.000002", mode: OnlineMode.Partial, at: Day(3, 2), conversation: "b"),
            Event(DemandOutcome.NotFullyOnline, "xây dựng", province: "ninh-binh", code: "1.000002", mode: OnlineMode.Partial, at: Day(3, 2), conversation: "b"),
            Event(DemandOutcome.ThumbsDown, "xây dựng", province: "ninh-binh", code: "1.000002", mode: OnlineMode.Partial, at: Day(3, 2), conversation: "b"),
            Event(DemandOutcome.FollowUp, "phí 70 nghìn đúng hông", province: "ninh-binh", code: "1.000002", mode: OnlineMode.Partial, at: Day(3, 2), conversation: "b"),
            Event(DemandOutcome.NoMatch, "xin giấy phép nuôi chó", province: null, at: Day(3, 3), conversation: "c"),
            Event(DemandOutcome.OutOfScope, "giá xăng hôm nay", province: "ha-noi", at: Day(3, 3), conversation: "d"),
            // 23:30 UTC on 3 March is 06:30 on 4 March in Vietnam.
            Event(DemandOutcome.AmbiguousAbandoned, "đăng ký bán hàng online", province: "ha-noi", at: new(2026, 3, 3, 23, 30, 0, TimeSpan.Zero), conversation: "e"));

        var summary = await _reports.SummaryAsync(March, CancellationToken.None);
        var unmet = await _reports.UnmetAsync(March, int.MaxValue, CancellationToken.None);

        Assert.Equal(5, summary.Questions); // 2 answered + 1 follow-up + 1 not found + 1 abandoned; not the out-of-scope one
        Assert.Equal(summary.Questions, summary.Days.Sum(d => d.Questions));
        Assert.Equal(summary.Questions, summary.Provinces.Sum(p => p.Count));
        Assert.Equal(1, summary.Days.Single(d => d.Day == new DateOnly(2026, 3, 4)).Unanswered);
        Assert.Equal((1, 1, 1), (summary.FollowUps, summary.OutOfScope, summary.ThumbsDown));
        Assert.Equal(summary.Unmet, unmet.Sum(n => n.Count));
        Assert.Equal(3, summary.Unmet); // 👎 question, not found, abandoned — no follow-up, no chit-chat
        Assert.DoesNotContain(unmet, n => n.Examples.Contains("giá xăng hôm nay") || n.Examples.Contains("phí 70 nghìn đúng hông"));

        var provinces = await _reports.ProvincesAsync(March, CancellationToken.None);
        Assert.Equal(summary.Questions, provinces.Sum(p => p.Questions));
        Assert.Equal((0.5, 0.0), (provinces.Single(p => p.ProvinceId == "ninh-binh").ShareAnswered, provinces.Single(p => p.ProvinceId == "ninh-binh").Satisfaction));
    }

    [Fact]
    public async Task One_filter_selects_the_same_entries_in_every_report_and_export()
    {
        DemandEvent At(DemandOutcome outcome, string question, string? province, string? code, OnlineMode? mode, DateTimeOffset at, string conversation) =>
            Event(outcome, question, province, code, mode, at, conversation);
        await SeedAsync(
            At(DemandOutcome.Answered, "", "ha-noi", "1.000001", OnlineMode.FullyOnline, Day(3, 2), "a"),
            At(DemandOutcome.ClickThrough, "", "ha-noi", "1.000001", OnlineMode.FullyOnline, Day(3, 2), ""),
            At(DemandOutcome.ThumbsUp, "", "ha-noi", "1.000001", OnlineMode.FullyOnline, Day(3, 2), "a"),
            At(DemandOutcome.Answered, "", "ninh-binh", "1.000002", OnlineMode.Partial, Day(3, 3), "b"),
            At(DemandOutcome.NotFullyOnline, "xây nhà", "ninh-binh", "1.000002", OnlineMode.Partial, Day(3, 3), "b"),
            At(DemandOutcome.FollowUp, "phí bao nhiêu", "ninh-binh", "1.000002", OnlineMode.Partial, Day(3, 3), "b"),
            At(DemandOutcome.Answered, "", "ha-noi", "1.000003", OnlineMode.Offline, Day(3, 4), "c"),
            At(DemandOutcome.NotFullyOnline, "đổi bằng lái", "ha-noi", "1.000003", OnlineMode.Offline, Day(3, 4), "c"),
            At(DemandOutcome.NotFullyOnline, "đổi bằng lái", "ha-noi", "1.000003", OnlineMode.Offline, Day(3, 5), "c"),
            At(DemandOutcome.Answered, "", null, "1.000004", OnlineMode.Partial, Day(3, 6), "d"),
            At(DemandOutcome.NotFullyOnline, "hộ kinh doanh", null, "1.000004", OnlineMode.Partial, Day(3, 6), "d"),
            At(DemandOutcome.ThumbsDown, "khai sinh cho con", "ninh-binh", "1.000001", OnlineMode.FullyOnline, Day(3, 7), "e"),
            At(DemandOutcome.NoMatch, "xin phép nuôi ong", "ha-noi", null, null, Day(3, 8), "f"),
            At(DemandOutcome.AmbiguousAbandoned, "đăng ký bán hàng", "ninh-binh", null, null, Day(3, 9), "g"),
            At(DemandOutcome.OutOfScope, "giá vàng", "ha-noi", null, null, Day(3, 9), "h"),
            // 17:30 UTC on 28 February is 1 March in Vietnam (in); 17:30 UTC on 31 March is 1 April (out).
            At(DemandOutcome.NoMatch, "xin phép nuôi ong", "ha-noi", null, null, new(2026, 2, 28, 17, 30, 0, TimeSpan.Zero), "i"),
            At(DemandOutcome.Answered, "", "ha-noi", "1.000003", OnlineMode.Offline, new(2026, 3, 31, 17, 30, 0, TimeSpan.Zero), "j"),
            At(DemandOutcome.NotFullyOnline, "đổi bằng lái", "ha-noi", "1.000003", OnlineMode.Offline, new(2026, 3, 31, 17, 30, 0, TimeSpan.Zero), "j"));
        var catalogue = TestCatalogue();
        // Officials regrouped: the abandoned selling question joins the 👎 birth question everywhere, and Hà Nội's bee
        // questions join it there. Every report and export sees the same groups whatever the filter.
        var (birth, selling, bees) = (QuestionClusterer.Signature("khai sinh cho con"), QuestionClusterer.Signature("đăng ký bán hàng"),
            QuestionClusterer.Signature("xin phép nuôi ong"));
        await _store.SetRegroupAsync(new ClusterRegroup(selling, "", birth, "admin", Now), CancellationToken.None);
        await _store.SetRegroupAsync(new ClusterRegroup(bees, "ha-noi", birth, "can-bo-ha-noi", Now), CancellationToken.None);
        Assert.Equal([(birth, 4)], (await _reports.UnmetAsync(March, 10, CancellationToken.None)).Select(n => (n.Key, n.Count)));

        ReportFilter[] filters =
        [
            March, March with { Provinces = ["ha-noi"] }, March with { Provinces = ["ninh-binh", "ha-noi"] }, March with { Field = "Đường bộ" },
            March with { Field = DemandReports.Unclassified }, March with { Mode = OnlineMode.Partial }, March with { Mode = OnlineMode.FullyOnline },
            ReportFilter.ForDays(new(2026, 3, 1), new(2026, 3, 4)), ReportFilter.ForDays(new(2026, 3, 5), new(2026, 3, 31), ["ninh-binh"], "Xây dựng"),
            .. Enum.GetValues<DemandOutcome>().Select(o => March with { Outcome = o }),
        ];
        foreach (var filter in filters)
        {
            var entries = await _reports.EntriesAsync(filter, int.MaxValue, CancellationToken.None);
            // The export holds exactly the entries the filter describes.
            Assert.All(entries, e =>
            {
                Assert.InRange(VietnamTime.Day(e.At), VietnamTime.Day(filter.From), VietnamTime.Day(filter.To.AddTicks(-1)));
                Assert.True(filter.Provinces is null || filter.Provinces.Contains(e.ProvinceId), filter.Describe());
                Assert.True(filter.Outcome is null || e.Outcome == filter.Outcome, filter.Describe());
                Assert.True(filter.Mode is null || e.MatchedOnlineMode == filter.Mode, filter.Describe());
                var field = e.MatchedCode is { } code && !DemandReports.UnmetOutcomes.Contains(e.Outcome) ? catalogue.FindByCode(code)!.Field : DemandReports.Unclassified;
                Assert.True(filter.Field is null || field == filter.Field, filter.Describe());
            });
            int Count(Func<DemandEntry, bool> which) => entries.Count(which);
            var summary = await _reports.SummaryAsync(filter, CancellationToken.None);
            var trend = await _reports.TrendAsync(filter, monthly: false, CancellationToken.None);
            var provinces = await _reports.ProvincesAsync(filter, CancellationToken.None);
            var usage = await _reports.UsageAsync(filter, CancellationToken.None);
            var unmet = await _reports.UnmetAsync(filter, int.MaxValue, CancellationToken.None);
            var backlog = await _reports.BacklogAsync(filter, CancellationToken.None);

            var questions = Count(e => DemandReports.QuestionOutcomes.Contains(e.Outcome));
            Assert.Equal((questions, questions, questions, questions), (summary.Questions, summary.Days.Sum(d => d.Questions), trend.Sum(t => t.Questions), provinces.Sum(p => p.Questions)));
            var clicks = Count(e => e.Outcome == DemandOutcome.ClickThrough);
            Assert.Equal((clicks, clicks, clicks, clicks), (summary.Clicks, trend.Sum(t => t.Clicks), provinces.Sum(p => p.Clicks), usage.Sum(u => u.Clicks)));
            var answered = Count(e => e.Outcome == DemandOutcome.Answered);
            Assert.Equal((answered, answered, answered), (summary.Answered, provinces.Sum(p => p.Answered), usage.Sum(u => u.Answered)));
            var thumbsDown = Count(e => e.Outcome == DemandOutcome.ThumbsDown);
            Assert.Equal((thumbsDown, thumbsDown, thumbsDown), (summary.ThumbsDown, provinces.Sum(p => p.ThumbsDown), usage.Sum(u => u.ThumbsDown)));
            Assert.Equal(Count(e => e.Outcome == DemandOutcome.OutOfScope), summary.OutOfScope);
            Assert.Equal(Count(e => DemandReports.UnmetOutcomes.Contains(e.Outcome)), unmet.Sum(n => n.Count));
            // The regrouping holds in the list and its export: one need at most, the one the questions were merged into.
            Assert.All(unmet, n => Assert.Equal(birth, n.Key));
            Assert.Equal(unmet.Count, CitizenBot.Core.Demand.Export.ReportTables.Unmet(unmet, catalogue).Rows.Count);
            // The backlog: conversations with an answer not fully online, once per procedure (no 👎 or correction on these).
            Assert.Equal(entries.Where(e => e.Outcome == DemandOutcome.NotFullyOnline).DistinctBy(e => (e.MatchedCode, e.ConversationHash)).Count(), backlog.Total);
        }

        // The filters select something, and not everything.
        async Task<int> Entries(ReportFilter filter) => (await _reports.EntriesAsync(filter, int.MaxValue, CancellationToken.None)).Count;
        Assert.Equal(16, await Entries(March));
        Assert.Equal((9, 5, 5), (await Entries(March with { Provinces = ["ha-noi"] }), await Entries(March with { Mode = OnlineMode.Partial }),
            await Entries(March with { Field = DemandReports.Unclassified })));
        // The backlog honours the outcome: answered is not "not fully online"; a not-found question is no backlog demand unless linked.
        Assert.Equal(3, (await _reports.BacklogAsync(March, CancellationToken.None)).Total);
        Assert.Equal(0, (await _reports.BacklogAsync(March with { Outcome = DemandOutcome.Answered }, CancellationToken.None)).Total);
        Assert.Equal(3, (await _reports.BacklogAsync(March with { Outcome = DemandOutcome.NotFullyOnline }, CancellationToken.None)).Total);
        Assert.Equal(["1.000002", "1.000004"], (await _reports.BacklogAsync(March with { Mode = OnlineMode.Partial }, CancellationToken.None)).Items.Select(i => i.Code).Order());
    }

    [Fact]
    public async Task An_unmet_need_takes_its_field_from_its_linked_procedure_not_from_the_nearest_search_result()
    {
        // The nearest candidate of both is 1.000002 (Xây dựng): that must not file them under Xây dựng.
        await SeedAsync(
            Event(DemandOutcome.NoMatch, "đăng ký cho con vào lớp 1", at: Day(3, 2), conversation: "a"),
            Event(DemandOutcome.NoMatch, "xin phép sửa nhà", at: Day(3, 3), conversation: "b"));
        Assert.Empty(await _reports.UnmetAsync(March with { Field = "Xây dựng" }, 10, CancellationToken.None));
        Assert.Equal(2, (await _reports.UnmetAsync(March with { Field = DemandReports.Unclassified }, 10, CancellationToken.None)).Count);

        var repair = (await _reports.UnmetAsync(March, 10, CancellationToken.None)).Single(n => n.Label == "xin phép sửa nhà");
        await _store.SetClusterMarkAsync(new ClusterMark(repair.Key, false, "1.000002", null, "admin", Now), CancellationToken.None);
        var building = Assert.Single(await _reports.UnmetAsync(March with { Field = "Xây dựng" }, 10, CancellationToken.None));
        Assert.Equal(("xin phép sửa nhà", "Xây dựng"), (building.Label, building.Field));
    }

    [Fact]
    public async Task A_provinces_mark_sets_aside_only_that_provinces_questions_asked_before_it()
    {
        await SeedAsync(
            Event(DemandOutcome.NoMatch, "xin giấy phép nuôi chó", province: "ha-noi", at: Day(3, 2), conversation: "a"),
            Event(DemandOutcome.NoMatch, "xin giay phep nuoi cho", province: "ninh-binh", at: Day(3, 3), conversation: "b"));
        var key = Assert.Single(await _reports.UnmetAsync(March, 10, CancellationToken.None)).Key;
        await _store.SetClusterMarkAsync(new ClusterMark(key, true, null, null, "can-bo-ha-noi", Day(3, 10), "ha-noi"), CancellationToken.None);

        Assert.Empty(await _reports.UnmetAsync(March with { Provinces = ["ha-noi"] }, 10, CancellationToken.None));
        Assert.Equal(1, Assert.Single(await _reports.UnmetAsync(March with { Provinces = ["ninh-binh"] }, 10, CancellationToken.None)).Count);
        Assert.Equal(1, Assert.Single(await _reports.UnmetAsync(March, 10, CancellationToken.None)).Count);

        // Hà Nội is asked again after the mark: the need comes back there.
        await _store.AppendAsync([_factory.Create(Event(DemandOutcome.NoMatch, "xin giấy phép nuôi chó", province: "ha-noi", at: Day(3, 12), conversation: "c"))], CancellationToken.None);
        Assert.Equal(1, Assert.Single(await _reports.UnmetAsync(March with { Provinces = ["ha-noi"] }, 10, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task Officials_merge_two_needs_and_take_a_question_out_of_one_each_moving_only_their_provinces_questions()
    {
        await SeedAsync(
            Event(DemandOutcome.NoMatch, "xin giấy phép nuôi chó", province: "ha-noi", at: Day(3, 2), conversation: "a"),
            Event(DemandOutcome.NoMatch, "giấy phép nuôi chó mèo", province: "ha-noi", at: Day(3, 3), conversation: "b"),
            Event(DemandOutcome.NoMatch, "đăng ký bán hàng online", province: "ha-noi", at: Day(3, 4), conversation: "c"),
            Event(DemandOutcome.NoMatch, "xin giay phep nuoi cho", province: "ninh-binh", at: Day(3, 5), conversation: "d"),
            Event(DemandOutcome.NoMatch, "đăng ký bán hàng online", province: "ninh-binh", at: Day(3, 6), conversation: "e"));
        async Task<string[]> Needs(params string[] provinces) =>
            (await _reports.UnmetAsync(provinces.Length > 0 ? March with { Provinces = provinces } : March, 10, CancellationToken.None))
                .Select(n => $"{n.Count}: {string.Join(" | ", n.Examples.Order(StringComparer.Ordinal))}").ToArray();
        var before = await _reports.UnmetAsync(March, 10, CancellationToken.None);
        Assert.Equal([3, 2], before.Select(n => n.Count));
        var (dogs, selling) = (before[0].Key, before[1].Key);

        // Hà Nội's official merges selling into the dogs' need: only Hà Nội's selling question moves.
        await _store.SetRegroupAsync(new ClusterRegroup(selling, "ha-noi", dogs, "can-bo-ha-noi", Day(3, 10)), CancellationToken.None);
        Assert.Equal(["3: giấy phép nuôi chó mèo | xin giấy phép nuôi chó | đăng ký bán hàng online"], await Needs("ha-noi"));
        Assert.Equal(["1: đăng ký bán hàng online", "1: xin giay phep nuoi cho"], await Needs("ninh-binh"));
        var all = await _reports.UnmetAsync(March, 10, CancellationToken.None);
        Assert.Equal([(dogs, 4), (selling, 1)], all.Select(n => (n.Key, n.Count)));

        // A mark of the need the questions joined applies to them; the drill-down lists them.
        await _store.SetClusterMarkAsync(new ClusterMark(dogs, false, "1.000002", null, "can-bo-ha-noi", Day(3, 10), "ha-noi"), CancellationToken.None);
        Assert.Equal("Xây dựng", Assert.Single(await _reports.UnmetAsync(March with { Provinces = ["ha-noi"], Field = "Xây dựng" }, 10, CancellationToken.None)).Field);
        Assert.Equal(3, (await _reports.ClusterAsync(March with { Provinces = ["ha-noi"] }, dogs, CancellationToken.None))!.Value.Entries.Count);

        // Taken out everywhere (a national regrouping): "chó mèo" stands alone, under its own signature.
        var catsAndDogs = QuestionClusterer.Signature("giấy phép nuôi chó mèo");
        await _store.SetRegroupAsync(new ClusterRegroup(catsAndDogs, "", null, "admin", Day(3, 11)), CancellationToken.None);
        Assert.Equal(["2: xin giấy phép nuôi chó | đăng ký bán hàng online", "1: giấy phép nuôi chó mèo"], await Needs("ha-noi"));
        Assert.Contains(await _reports.UnmetAsync(March, 10, CancellationToken.None), n => n.Key == catsAndDogs && n.Count == 1);

        // Undone: the grouping is the clusterer's again.
        Assert.True(await _store.DeleteRegroupAsync(selling, "ha-noi", CancellationToken.None));
        Assert.True(await _store.DeleteRegroupAsync(catsAndDogs, "", CancellationToken.None));
        Assert.Equal(before.Select(n => (n.Key, n.Count)), (await _reports.UnmetAsync(March, 10, CancellationToken.None)).Select(n => (n.Key, n.Count)));
    }

    [Fact]
    public async Task A_merge_into_a_need_the_filter_does_not_show_keeps_its_name_and_merges_that_go_round_merge_nothing()
    {
        await SeedAsync(
            Event(DemandOutcome.NoMatch, "xin giấy phép nuôi chó", province: "ha-noi", at: Day(3, 2), conversation: "a"),
            Event(DemandOutcome.NoMatch, "đăng ký bán hàng online", province: "ha-noi", at: Day(3, 4), conversation: "c"),
            Event(DemandOutcome.AmbiguousAbandoned, "đổi bằng lái xe quốc tế", province: "ha-noi", at: Day(3, 5), conversation: "d"));
        var (dogs, selling, licence) = (QuestionClusterer.Signature("xin giấy phép nuôi chó"), QuestionClusterer.Signature("đăng ký bán hàng online"),
            QuestionClusterer.Signature("đổi bằng lái xe quốc tế"));
        await _store.SetRegroupAsync(new ClusterRegroup(licence, "", selling, "admin", Now), CancellationToken.None);
        // Only the abandoned question is in this filter: it is still filed under the need it was merged into.
        Assert.Equal([selling], (await _reports.UnmetAsync(March with { Outcome = DemandOutcome.AmbiguousAbandoned }, 10, CancellationToken.None)).Select(n => n.Key));

        await _store.SetRegroupAsync(new ClusterRegroup(selling, "", dogs, "admin", Now), CancellationToken.None);
        Assert.Equal([(dogs, 3)], (await _reports.UnmetAsync(March, 10, CancellationToken.None)).Select(n => (n.Key, n.Count)));
        await _store.SetRegroupAsync(new ClusterRegroup(dogs, "", licence, "admin", Now), CancellationToken.None);
        Assert.Equal([1, 1, 1], (await _reports.UnmetAsync(March, 10, CancellationToken.None)).Select(n => n.Count));
    }

    [Fact]
    public async Task Clicks_through_the_online_button_and_feedback_give_the_usage_of_each_procedure_per_province()
    {
        await SeedAsync(
            Event(DemandOutcome.Answered, "", province: "ha-noi", code: "1.000001", mode: OnlineMode.FullyOnline, at: Day(3, 2), conversation: "a"),
            Event(DemandOutcome.Answered, "", province: "ha-noi", code: "1.000001", mode: OnlineMode.FullyOnline, at: Day(3, 2), conversation: "b"),
            Event(DemandOutcome.ClickThrough, "", province: "ha-noi", code: "1.000001", mode: OnlineMode.FullyOnline, at: Day(3, 2), conversation: ""),
            Event(DemandOutcome.ThumbsUp, "", province: "ha-noi", code: "1.000001", mode: OnlineMode.FullyOnline, at: Day(3, 2), conversation: "a"),
            Event(DemandOutcome.Answered, "", province: "ninh-binh", code: "1.000001", mode: OnlineMode.Partial, at: Day(3, 3), conversation: "c"));

        var usage = await _reports.UsageAsync(March, CancellationToken.None);

        var haNoi = usage.Single(u => u.ProvinceId == "ha-noi");
        Assert.Equal((2, 1, 0.5, 1.0), (haNoi.Answered, haNoi.Clicks, haNoi.ClickThrough, haNoi.Satisfaction));
        Assert.Equal((OnlineMode.Partial, 0), (usage.Single(u => u.ProvinceId == "ninh-binh").OnlineMode, usage.Single(u => u.ProvinceId == "ninh-binh").Clicks));
        var weeks = await _reports.TrendAsync(March, monthly: false, CancellationToken.None);
        Assert.Equal(new DateOnly(2026, 3, 2), Assert.Single(weeks).Start); // a Monday
        Assert.Equal((3, 1), (weeks[0].Questions, weeks[0].Clicks));
    }

    [Fact]
    public async Task The_summary_counts_volume_per_day_shares_answered_and_sent_online_and_feedback()
    {
        await SeedAsync(
            Event(DemandOutcome.Answered, "khai sinh", code: "1.000001", mode: OnlineMode.FullyOnline, at: Day(3, 30)),
            Event(DemandOutcome.Answered, "khai sinh", code: "1.000001", mode: OnlineMode.FullyOnline, at: Day(3, 30)),
            Event(DemandOutcome.Answered, "giấy phép xây dựng", code: "1.000002", mode: OnlineMode.Partial, at: Day(3, 31)),
            Event(DemandOutcome.NotFullyOnline, "giấy phép xây dựng", code: "1.000002", mode: OnlineMode.Partial, at: Day(3, 31)),
            Event(DemandOutcome.NoMatch, "nuôi chó", at: Day(3, 31)),
            Event(DemandOutcome.ThumbsUp, "", code: "1.000001", mode: OnlineMode.FullyOnline, at: Day(3, 30)),
            Event(DemandOutcome.ThumbsDown, "giấy phép xây dựng", code: "1.000002", mode: OnlineMode.Partial, at: Day(3, 31)),
            Event(DemandOutcome.NoMatch, "cũ", at: Day(2, 27)));

        var summary = await _reports.SummaryAsync(March, CancellationToken.None);

        Assert.Equal(4, summary.Questions);
        Assert.Equal(0.75, summary.ShareAnswered);
        Assert.Equal(0.5, summary.ShareOnline);
        Assert.Equal((1, 1), (summary.ThumbsUp, summary.ThumbsDown));
        Assert.Equal(1, summary.NotFullyOnline);
        Assert.Equal(1, summary.PreviousQuestions);
        Assert.Equal(31, summary.Days.Count);
        Assert.Equal(2, summary.Days[^2].Answered);
        Assert.Equal(2, summary.Days[^2].AnsweredFullyOnline);
        Assert.Equal(2, summary.Days[^1].Questions);

        // The stored entry for Answered keeps no question text.
        var answered = await _store.QueryAsync(new DemandFilter(March.From, March.To, Outcomes: [DemandOutcome.Answered]), CancellationToken.None);
        Assert.All(answered, e => Assert.Equal("", e.Question));
    }

    [Fact]
    public async Task Without_answered_events_the_shares_are_unknown_not_zero()
    {
        await SeedAsync(Event(DemandOutcome.NoMatch, "nuôi chó", at: Day(3, 31)));
        var summary = await _reports.SummaryAsync(March, CancellationToken.None);
        Assert.False(summary.AnsweredCounted);
        Assert.Null(summary.ShareAnswered);
    }

    [Fact]
    public async Task Retention_deletes_only_entries_older_than_the_cutoff()
    {
        await SeedAsync(Event(DemandOutcome.NoMatch, "a", at: Day(1, 1)), Event(DemandOutcome.NoMatch, "b", at: Day(3, 1)));
        Assert.Equal(1, await _store.DeleteBeforeAsync(Day(2, 1), CancellationToken.None));
        Assert.Equal("b", Assert.Single(await _store.QueryAsync(new DemandFilter(DateTimeOffset.MinValue.AddYears(2000), Now.AddDays(1)), CancellationToken.None)).Question);
    }

    public void Dispose()
    {
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }
}
