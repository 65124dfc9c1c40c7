using CitizenBot.Core.Catalogue;
using CitizenBot.Core.Demand;
using CitizenBot.Core.Provinces;
using Npgsql;
using Xunit.Abstractions;

namespace CitizenBot.Postgres.Tests;

/// <summary>
/// What every demand store must do, run against each provider (Dapper style: the provider classes below only say
/// how to make a fresh store). A provider that cannot run here returns null and the test returns early.
/// </summary>
public abstract class DemandStoreContract(ITestOutputHelper output)
{
    protected ITestOutputHelper Output { get; } = output;
    static readonly DateTimeOffset T0 = new(2026, 5, 1, 8, 0, 0, TimeSpan.Zero);
    static readonly DemandFilter All = new(T0.AddYears(-1), T0.AddYears(1));

    /// <summary>A fresh, initialized store; null when the provider is not available here.</summary>
    protected abstract Task<IDemandStore?> CreateStoreAsync();

    static DemandEntry Entry(string id, int minutes, string? province = "ha-noi", DemandOutcome outcome = DemandOutcome.NoMatch, string? code = null,
        OnlineMode? mode = null, string question = "câu hỏi") =>
        new(id, T0.AddMinutes(minutes), "webchat", province, outcome, question, question.ToLowerInvariant(),
            [new DemandCandidate("1.000002", 0.5), new DemandCandidate("1.000009", 0.25)], code, mode, "hash-" + id);

    [Fact]
    public async Task Entries_round_trip_with_unicode_candidates_and_modes_newest_first()
    {
        if (await CreateStoreAsync() is not { } store) return;
        var entry = Entry("a", 1, code: "1.000001", mode: OnlineMode.Partial, outcome: DemandOutcome.NotFullyOnline, question: "Cấp lại sổ đỏ ở Đà Nẵng 🏠 \"quoted\"");
        await store.AppendAsync([entry, Entry("b", 2, province: null)], CancellationToken.None);

        var entries = await store.QueryAsync(All, CancellationToken.None);
        Assert.Equal(["b", "a"], entries.Select(e => e.Id));
        var stored = entries[1];
        Assert.Equal(entry with { Candidates = stored.Candidates }, stored);
        Assert.Equal(entry.Candidates, stored.Candidates);
        Assert.Null(entries[0].ProvinceId);
    }

    [Fact]
    public async Task Appending_an_entry_twice_stores_it_once()
    {
        if (await CreateStoreAsync() is not { } store) return;
        await store.AppendAsync([Entry("a", 1), Entry("b", 2)], CancellationToken.None);
        await store.AppendAsync([Entry("b", 2), Entry("c", 3)], CancellationToken.None);
        Assert.Equal(["c", "b", "a"], (await store.QueryAsync(All, CancellationToken.None)).Select(e => e.Id));
    }

    [Fact]
    public async Task Queries_filter_by_time_provinces_outcomes_codes_and_conversations_and_honour_the_limit()
    {
        if (await CreateStoreAsync() is not { } store) return;
        await store.AppendAsync(
        [
            Entry("a", 0), Entry("b", 10, province: "ninh-binh"), Entry("c", 20, outcome: DemandOutcome.ThumbsDown, code: "1.000007"),
            Entry("d", 30, province: null), Entry("e", 40),
        ], CancellationToken.None);

        async Task<string> Ids(DemandFilter f) => string.Join(",", (await store.QueryAsync(f, CancellationToken.None)).Select(e => e.Id));
        Assert.Equal("d,c,b", await Ids(All with { From = T0.AddMinutes(10), To = T0.AddMinutes(40) }));
        Assert.Equal("e,c,a", await Ids(All with { Provinces = ["ha-noi"] }));
        Assert.Equal("e,c,b,a", await Ids(All with { Provinces = ["ha-noi", "ninh-binh"] }));
        Assert.Equal("", await Ids(All with { Provinces = [] }));
        Assert.Equal("c", await Ids(All with { Outcomes = [DemandOutcome.ThumbsDown] }));
        Assert.Equal("c", await Ids(All with { Codes = new(["1.000007"]) }));
        // The best candidate is no matched procedure: a field filter never follows the nearest search result.
        Assert.Equal("", await Ids(All with { Codes = new(["1.000002"]) }));
        Assert.Equal("e,d,b,a", await Ids(All with { Codes = new(["1.000007", "1.000009"], Except: true) }));
        Assert.Equal("e,a", await Ids(All with { Conversations = new(["hash-a", "hash-e", "hash-x"]) }));
        Assert.Equal("d,c,b", await Ids(All with { Conversations = new(["hash-a", "hash-e"], Except: true) }));
        Assert.Equal("e,d", await Ids(All with { Limit = 2 }));
    }

    [Fact]
    public async Task Tallies_are_counted_by_the_database_per_outcome_period_and_the_dimensions_asked_for()
    {
        if (await CreateStoreAsync() is not { } store) return;
        await store.AppendAsync(
        [
            Entry("a", 0, outcome: DemandOutcome.Answered, code: "1.000001", mode: OnlineMode.FullyOnline),
            Entry("b", 1, outcome: DemandOutcome.Answered, code: "1.000001", mode: OnlineMode.FullyOnline),
            Entry("c", 2, outcome: DemandOutcome.Answered, code: "1.000003", mode: OnlineMode.Partial),
            // 17:30 UTC is 00:30 of the next day in Vietnam.
            Entry("d", 60 * 9 + 30), Entry("e", 3, province: null),
            Entry("old", -60 * 24 * 3, outcome: DemandOutcome.Answered, code: "1.000001", mode: OnlineMode.Partial),
        ], CancellationToken.None);
        var may1 = new DateOnly(2026, 5, 1);
        var split = T0.AddDays(-1);

        var byDay = await store.TallyAsync(All, DemandTallyBy.Day | DemandTallyBy.Province | DemandTallyBy.Mode, split, CancellationToken.None);
        Assert.Equal(
        [
            new DemandTally(false, may1, null, DemandOutcome.NoMatch, null, null, 1),
            new DemandTally(false, may1, "ha-noi", DemandOutcome.Answered, null, OnlineMode.FullyOnline, 2),
            new DemandTally(false, may1, "ha-noi", DemandOutcome.Answered, null, OnlineMode.Partial, 1),
            new DemandTally(false, may1.AddDays(1), "ha-noi", DemandOutcome.NoMatch, null, null, 1),
            new DemandTally(true, new DateOnly(2026, 4, 28), "ha-noi", DemandOutcome.Answered, null, OnlineMode.Partial, 1),
        ], Sorted(byDay));

        var byCode = await store.TallyAsync(All with { Outcomes = [DemandOutcome.Answered], Codes = new(["1.000001"]) }, DemandTallyBy.Code, split, CancellationToken.None);
        Assert.Equal(
        [
            new DemandTally(false, default, null, DemandOutcome.Answered, "1.000001", null, 2),
            new DemandTally(true, default, null, DemandOutcome.Answered, "1.000001", null, 1),
        ], Sorted(byCode));
        Assert.Empty(await store.TallyAsync(All with { Provinces = ["ninh-binh"] }, DemandTallyBy.None, split, CancellationToken.None));

        static List<DemandTally> Sorted(IEnumerable<DemandTally> tally) =>
            tally.OrderBy(t => t.Previous).ThenBy(t => t.Day).ThenBy(t => t.ProvinceId, StringComparer.Ordinal).ThenBy(t => t.Outcome).ThenBy(t => t.Mode).ToList();
    }

    [Fact]
    public async Task The_newest_mode_of_each_procedure_and_province_is_the_newest_entrys()
    {
        if (await CreateStoreAsync() is not { } store) return;
        await store.AppendAsync(
        [
            Entry("a", 0, outcome: DemandOutcome.NotFullyOnline, code: "1.000001", mode: OnlineMode.Partial),
            Entry("b", 5, outcome: DemandOutcome.Answered, code: "1.000001", mode: OnlineMode.FullyOnline),
            Entry("c", 9, outcome: DemandOutcome.Answered, code: "1.000001", mode: OnlineMode.Offline, province: "ninh-binh"),
            Entry("d", 10, outcome: DemandOutcome.NoMatch),
        ], CancellationToken.None);
        var modes = await store.NewestModesAsync(All, CancellationToken.None);
        Assert.Equal([("ha-noi", OnlineMode.FullyOnline, T0.AddMinutes(5)), ("ninh-binh", OnlineMode.Offline, T0.AddMinutes(9))],
            modes.OrderBy(m => m.ProvinceId, StringComparer.Ordinal).Select(m => (m.ProvinceId, m.Mode, m.At)));
        Assert.Equal(OnlineMode.Partial, Assert.Single(await store.NewestModesAsync(All with { Outcomes = [DemandOutcome.NotFullyOnline] }, CancellationToken.None)).Mode);
    }

    [Fact]
    public async Task Of_entries_at_the_same_time_the_newest_mode_is_the_highest_ids_with_or_without_a_province()
    {
        if (await CreateStoreAsync() is not { } store) return;
        await store.AppendAsync(
        [
            Entry("b", 5, outcome: DemandOutcome.Answered, code: "1.000001", mode: OnlineMode.FullyOnline),
            Entry("a", 5, outcome: DemandOutcome.NotFullyOnline, code: "1.000001", mode: OnlineMode.Partial),
            Entry("x", 7, province: null, outcome: DemandOutcome.NotFullyOnline, code: "1.000001", mode: OnlineMode.Partial),
            Entry("y", 7, province: null, outcome: DemandOutcome.Answered, code: "1.000001", mode: OnlineMode.Offline),
            Entry("z", 3, province: null, outcome: DemandOutcome.Answered, code: "1.000001", mode: OnlineMode.FullyOnline),
        ], CancellationToken.None);
        var modes = await store.NewestModesAsync(All, CancellationToken.None);
        Assert.Equal([(null, OnlineMode.Offline, T0.AddMinutes(7)), ("ha-noi", OnlineMode.FullyOnline, T0.AddMinutes(5))],
            modes.OrderBy(m => m.ProvinceId, StringComparer.Ordinal).Select(m => (m.ProvinceId, m.Mode, m.At)));
    }

    [Fact]
    public async Task Conversation_demand_counts_a_conversation_once_per_procedure_and_period_without_wrong_answers()
    {
        if (await CreateStoreAsync() is not { } store) return;
        DemandEntry Asked(string id, int minutes, string conversation, string province = "ha-noi", DemandOutcome outcome = DemandOutcome.NotFullyOnline) =>
            Entry(id, minutes, province, outcome, code: "1.000003", mode: OnlineMode.Partial) with { ConversationHash = conversation };
        await store.AppendAsync(
        [
            Asked("a1", 0, "one"), Asked("a2", 5, "one"),
            // A conversation that moved province counts once, in its newest entry's province.
            Asked("b1", 1, "two"), Asked("b2", 6, "two", province: "ninh-binh"),
            // 👎 on the answer: no demand for it.
            Asked("c1", 2, "three"), Asked("c2", 3, "three", outcome: DemandOutcome.ThumbsDown),
            Asked("d1", -60 * 24 * 2, "one"),
            Entry("e", 4, outcome: DemandOutcome.NotFullyOnline, code: "1.000004", mode: OnlineMode.Offline),
        ], CancellationToken.None);
        var split = T0.AddDays(-1);

        var demand = await store.ConversationDemandAsync(All with { Outcomes = [DemandOutcome.NotFullyOnline] }, split, CancellationToken.None);
        Assert.Equal(
        [
            ("1.000003", "ha-noi", false, 1, T0.AddMinutes(5)),
            ("1.000003", "ha-noi", true, 1, T0.AddDays(-2)),
            ("1.000003", "ninh-binh", false, 1, T0.AddMinutes(6)),
            ("1.000004", "ha-noi", false, 1, T0.AddMinutes(4)),
        ], demand.Select(d => (d.Code, d.ProvinceId, d.Previous, d.Conversations, d.LastAt)).OrderBy(d => d.Code).ThenBy(d => d.ProvinceId).ThenBy(d => d.Previous));
        var withoutOne = await store.ConversationDemandAsync(All with { Outcomes = [DemandOutcome.NotFullyOnline], Conversations = new(["one"], Except: true), Codes = new(["1.000003"]) },
            split, CancellationToken.None);
        Assert.Equal([("ninh-binh", 1)], withoutOne.Select(d => (d.ProvinceId, d.Conversations)));
    }

    [Fact]
    public async Task Retention_deletes_entries_before_the_cutoff()
    {
        if (await CreateStoreAsync() is not { } store) return;
        await store.AppendAsync([Entry("a", 0), Entry("b", 10), Entry("c", 20)], CancellationToken.None);
        Assert.Equal(2, await store.DeleteBeforeAsync(T0.AddMinutes(15), CancellationToken.None));
        Assert.Equal("c", Assert.Single(await store.QueryAsync(All, CancellationToken.None)).Id);
    }

    [Fact]
    public async Task Cluster_marks_are_created_replaced_and_deleted()
    {
        if (await CreateStoreAsync() is not { } store) return;
        await store.SetClusterMarkAsync(new ClusterMark("cho nuoi phep", false, "1.000002", "ghi chú", "lan", T0), CancellationToken.None);
        await store.SetClusterMarkAsync(new ClusterMark("ban hang online", true, null, null, "lan", T0), CancellationToken.None);
        await store.SetClusterMarkAsync(new ClusterMark("cho nuoi phep", true, null, null, "minh", T0.AddHours(1)), CancellationToken.None);

        var marks = await store.GetClusterMarksAsync(CancellationToken.None);
        Assert.Equal([new ClusterMark("ban hang online", true, null, null, "lan", T0), new ClusterMark("cho nuoi phep", true, null, null, "minh", T0.AddHours(1))], marks);
        Assert.True(await store.DeleteClusterMarkAsync("ban hang online", "", CancellationToken.None));
        Assert.False(await store.DeleteClusterMarkAsync("ban hang online", "", CancellationToken.None));
        Assert.Single(await store.GetClusterMarksAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_cluster_has_one_mark_per_province_beside_the_national_one_with_out_of_scope_and_agency()
    {
        if (await CreateStoreAsync() is not { } store) return;
        var national = new ClusterMark("gia xang", false, null, null, "admin", T0);
        var daNang = new ClusterMark("gia xang", false, null, "không phải dịch vụ công", "lan", T0.AddHours(1), "da-nang", OutOfScope: true);
        var ninhBinh = new ClusterMark("gia xang", true, "1.000002", null, "minh", T0.AddHours(2), "ninh-binh", Agency: "Sở Công Thương");
        foreach (var mark in new[] { national, daNang, ninhBinh }) await store.SetClusterMarkAsync(mark, CancellationToken.None);
        await store.SetClusterMarkAsync(daNang with { Note = "giá cả" }, CancellationToken.None);

        Assert.Equal([national, daNang with { Note = "giá cả" }, ninhBinh], await store.GetClusterMarksAsync(CancellationToken.None));
        Assert.True(await store.DeleteClusterMarkAsync("gia xang", "da-nang", CancellationToken.None));
        Assert.Equal([national, ninhBinh], await store.GetClusterMarksAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Regroupings_are_kept_per_key_and_province_replaced_and_deleted()
    {
        if (await CreateStoreAsync() is not { } store) return;
        var merge = new ClusterRegroup("ban hang online", "", "cho nuoi phep", "admin", T0);
        var daNang = new ClusterRegroup("ban hang online", "da-nang", "gia xang", "lan", T0.AddHours(1));
        var takenOut = new ClusterRegroup("cho meo nuoi phep", "ninh-binh", null, "minh", T0.AddHours(2));
        foreach (var regroup in new[] { merge, daNang, takenOut }) await store.SetRegroupAsync(regroup, CancellationToken.None);
        await store.SetRegroupAsync(daNang with { IntoKey = null, UpdatedAt = T0.AddHours(3) }, CancellationToken.None);

        Assert.Equal([merge, daNang with { IntoKey = null, UpdatedAt = T0.AddHours(3) }, takenOut], await store.GetRegroupsAsync(CancellationToken.None));
        Assert.True(await store.DeleteRegroupAsync("ban hang online", "da-nang", CancellationToken.None));
        Assert.False(await store.DeleteRegroupAsync("ban hang online", "da-nang", CancellationToken.None));
        Assert.Equal([merge, takenOut], await store.GetRegroupsAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Each_entry_keeps_the_source_of_its_online_mode_as_answered()
    {
        if (await CreateStoreAsync() is not { } store) return;
        await store.AppendAsync(
        [
            Entry("p", 1, outcome: DemandOutcome.Answered, code: "1.000001", mode: OnlineMode.FullyOnline) with { ModeSource = OfferSource.Province },
            Entry("n", 2, outcome: DemandOutcome.Answered, code: "1.000001", mode: OnlineMode.Unknown) with { ModeSource = OfferSource.National },
            Entry("x", 3),
        ], CancellationToken.None);
        var sources = (await store.QueryAsync(All, CancellationToken.None)).ToDictionary(e => e.Id, e => (e.MatchedOnlineMode, e.ModeSource));
        Assert.Equal((OnlineMode.FullyOnline, OfferSource.Province), sources["p"]);
        Assert.Equal((OnlineMode.Unknown, OfferSource.National), sources["n"]);
        Assert.Equal((null, null), sources["x"]);
    }

    [Fact]
    public async Task Users_are_saved_found_updated_and_listed()
    {
        if (await CreateStoreAsync() is not { } store) return;
        await store.SaveUserAsync(new AdminUser("lan", "hash1", AdminRole.Viewer, ["ha-noi", "ninh-binh"], T0), CancellationToken.None);
        await store.SaveUserAsync(new AdminUser("admin", "hash2", AdminRole.Admin, [], T0), CancellationToken.None);
        await store.SaveUserAsync(new AdminUser("lan", "hash3", AdminRole.Viewer, ["ha-noi"], T0.AddDays(1)), CancellationToken.None);

        var lan = await store.FindUserAsync("lan", CancellationToken.None);
        Assert.Equal(("hash3", AdminRole.Viewer, T0), (lan!.PasswordHash, lan.Role, lan.CreatedAt));
        Assert.Equal(["ha-noi"], lan.Provinces);
        Assert.Null(await store.FindUserAsync("LAN", CancellationToken.None));
        Assert.Equal(["admin", "lan"], (await store.ListUsersAsync(CancellationToken.None)).Select(u => u.Name));
    }

    [Fact]
    public async Task The_audit_log_lists_newest_first()
    {
        if (await CreateStoreAsync() is not { } store) return;
        for (var i = 0; i < 5; i++)
            await store.AppendAuditAsync(new AuditEntry(T0.AddMinutes(i), "lan", "export", $"report=unmet n={i}"), CancellationToken.None);
        var audit = await store.ListAuditAsync(3, CancellationToken.None);
        Assert.Equal(["report=unmet n=4", "report=unmet n=3", "report=unmet n=2"], audit.Select(a => a.Detail));
        Assert.Equal(T0.AddMinutes(4), audit[0].At);
    }

    [Fact]
    public async Task Sessions_are_created_renewed_found_deleted_and_expired()
    {
        if (await CreateStoreAsync() is not { } store) return;
        var session = new AdminSession("s1", "quantri", "dmU=", T0.AddHours(8));
        await store.CreateSessionAsync(session, CancellationToken.None);
        await store.CreateSessionAsync(new AdminSession("s2", "hanoi", "eA==", T0.AddHours(1)), CancellationToken.None);
        Assert.Equal(session, await store.FindSessionAsync("s1", CancellationToken.None));

        var renewed = session with { Ticket = "dzI=", ExpiresAt = T0.AddHours(9) };
        Assert.True(await store.RenewSessionAsync(renewed, CancellationToken.None));
        Assert.Equal(renewed, await store.FindSessionAsync("s1", CancellationToken.None));

        await store.DeleteSessionAsync("s1", CancellationToken.None);
        Assert.Null(await store.FindSessionAsync("s1", CancellationToken.None));
        // A renewal racing a sign-out must not bring the session back.
        Assert.False(await store.RenewSessionAsync(renewed, CancellationToken.None));
        Assert.Null(await store.FindSessionAsync("s1", CancellationToken.None));

        Assert.Equal(0, await store.DeleteSessionsExpiredBeforeAsync(T0, CancellationToken.None));
        Assert.Equal(1, await store.DeleteSessionsExpiredBeforeAsync(T0.AddHours(2), CancellationToken.None));
        Assert.Null(await store.FindSessionAsync("s2", CancellationToken.None));
    }

    [Fact]
    public async Task Initializing_again_keeps_the_data_and_the_schema_version()
    {
        if (await CreateStoreAsync() is not { } store) return;
        await store.AppendAsync([Entry("a", 0)], CancellationToken.None);
        await store.InitializeAsync(CancellationToken.None);
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => store.InitializeAsync(CancellationToken.None))); // Replicas starting together.
        Assert.Single(await store.QueryAsync(All, CancellationToken.None));
    }

    [Fact]
    public async Task Province_lists_are_versioned_per_province_with_who_and_when_and_the_newest_is_in_force()
    {
        if (await CreateStoreAsync() is not { } store) return;
        var ct = CancellationToken.None;
        Assert.Equal(0, await store.ProvinceListStampAsync(ct));
        Assert.Null(await store.GetProvinceListAsync("da-nang", null, ct));
        ProvinceServiceEntry[] first =
        [
            new("1.001193", OnlineMode.FullyOnline, "https://dichvucong.danang.gov.vn/khai-sinh?a=1&b=\"x\"", "Hộ tịch", "UBND cấp xã", "Cấp xã"),
            new("1.000894", OnlineMode.Partial),
        ];
        var v1 = await store.SaveProvinceListAsync("da-nang", first, "cán bộ Đà Nẵng", "danh-mục.xlsx", null, T0, ct);
        var stamp1 = await store.ProvinceListStampAsync(ct);
        var v2 = await store.SaveProvinceListAsync("da-nang", [new("1.000894", OnlineMode.FullyOnline)], "admin", "v2.csv", "2 dòng bị loại", T0.AddDays(1), ct);
        await store.SaveProvinceListAsync("ninh-binh", [new("1.001193", OnlineMode.Offline)], "admin", "nb.csv", null, T0.AddDays(2), ct);

        Assert.Equal((1, 2), (v1.Version, v2.Version));
        Assert.NotEqual(stamp1, await store.ProvinceListStampAsync(ct));
        Assert.Equal(new ProvinceListVersion("da-nang", 1, "cán bộ Đà Nẵng", T0, "danh-mục.xlsx", 2), v1);
        Assert.Equal([v2, v1], await store.ListProvinceListVersionsAsync("da-nang", ct));

        var old = await store.GetProvinceListAsync("da-nang", 1, ct);
        Assert.Equal(first, old!.Entries);
        Assert.Equal(v1, old.Version);
        Assert.Equal(2, (await store.GetProvinceListAsync("da-nang", null, ct))!.Version.Version);
        Assert.Null(await store.GetProvinceListAsync("da-nang", 7, ct));

        var current = await store.GetCurrentProvinceListsAsync(ct);
        Assert.Equal([("da-nang", 2), ("ninh-binh", 1)], current.Select(l => (l.ProvinceId, l.Version.Version)));
        Assert.Equal(OnlineMode.FullyOnline, current[0].Find("1.000894")!.Mode);
        Assert.Null(current[0].Find("1.001193"));
    }
}

public sealed class SqliteDemandStoreTests(ITestOutputHelper output) : DemandStoreContract(output), IDisposable
{
    readonly string _directory = Directory.CreateTempSubdirectory("citizenbot-demand-contract-").FullName;

    protected override async Task<IDemandStore?> CreateStoreAsync()
    {
        var store = new SqliteDemandStore(Path.Combine(_directory, "demand.db"));
        await store.InitializeAsync(CancellationToken.None);
        return store;
    }

    public void Dispose()
    {
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresDemandStoreTests(PostgresFixture postgres, ITestOutputHelper output) : DemandStoreContract(output), IAsyncLifetime
{
    NpgsqlDataSource? _dataSource;

    protected override async Task<IDemandStore?> CreateStoreAsync()
    {
        if (PostgresServer.SkipIfUnavailable(postgres.Unavailable, Output)) return null;
        _dataSource = PostgresStorage.CreateDataSource(await postgres.Server!.CreateDatabaseAsync());
        var store = new PostgresDemandStore(_dataSource);
        await store.InitializeAsync(CancellationToken.None);
        return store;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_dataSource is not null) await _dataSource.DisposeAsync();
    }
}
