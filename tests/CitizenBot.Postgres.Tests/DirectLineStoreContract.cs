using System.Text;
using CitizenBot.Core.DirectLine;
using Npgsql;
using Xunit.Abstractions;

namespace CitizenBot.Postgres.Tests;

/// <summary>
/// What every Direct Line store must do, run against SQLite and PostgreSQL. "Two replicas" are two store instances on
/// one database, each with its own wake-up signals.
/// </summary>
public abstract class DirectLineStoreContract(ITestOutputHelper output)
{
    protected ITestOutputHelper Output { get; } = output;
    protected static readonly DateTimeOffset Now = new(2026, 5, 1, 8, 0, 0, TimeSpan.Zero);
    static readonly DateTimeOffset LiveSince = Now - TimeSpan.FromMinutes(30);
    protected const int Capacity = 1000;

    /// <summary>A new store on a new database, or null (after saying why) when the database is not available here.</summary>
    protected abstract Task<IDirectLineStore?> CreateStoreAsync();

    /// <summary>Another store on the same database, as another replica (or, for SQLite, the same host after a restart) has.</summary>
    protected abstract Task<IDirectLineStore> OtherStoreAsync(DirectLineSignals signals);

    protected static ActivityRenderer Text(string text) => (id, stamp) => Encoding.UTF8.GetBytes($"{{\"id\":\"{id}\",\"timestamp\":\"{stamp.UtcTicks}\",\"text\":\"{text}\"}}");

    protected static string TextOf(byte[] body) => Encoding.UTF8.GetString(body).Split("\"text\":\"")[1].TrimEnd('"', '}');

    protected static async Task<IDirectLineStore> WithConversationAsync(IDirectLineStore store, string id = "c1")
    {
        Assert.True((await store.CreateAsync(new NewConversation(id, "u1", "An"), Now, LiveSince, 100, CancellationToken.None)).Created);
        return store;
    }

    [Fact]
    public async Task Ids_and_watermarks_come_from_one_sequence_per_conversation_with_increasing_timestamps()
    {
        if (await CreateStoreAsync() is not { } store) return;
        await WithConversationAsync(store, "c1");
        await WithConversationAsync(store, "c2");
        var ids = new List<string?>();
        foreach (var text in new[] { "a", "b", "c" })
            ids.Add(await store.AppendAsync("c1", Text(text), Now, queueTurn: false, 10, Capacity, CancellationToken.None));
        ids.Add(await store.AppendAsync("c2", Text("x"), Now, queueTurn: false, 10, Capacity, CancellationToken.None));
        Assert.Equal(["c1|0000000", "c1|0000001", "c1|0000002", "c2|0000000"], ids);

        var all = await store.ReadAsync("c1", 0, 100, CancellationToken.None);
        Assert.Equal(["a", "b", "c"], all.Select(a => TextOf(a.Body)));
        Assert.Equal([0L, 1L, 2L], all.Select(a => a.Sequence));
        var stamps = all.Select(a => long.Parse(Encoding.UTF8.GetString(a.Body).Split("\"timestamp\":\"")[1].Split('"')[0])).ToList();
        Assert.Equal(stamps.Order(), stamps);
        Assert.Equal(stamps.Count, stamps.Distinct().Count());
        Assert.Equal(["c"], (await store.ReadAsync("c1", 2, 100, CancellationToken.None)).Select(a => TextOf(a.Body)));
        Assert.Equal(["a"], (await store.ReadAsync("c1", 0, 1, CancellationToken.None)).Select(a => TextOf(a.Body)));
        Assert.Equal(3, (await store.FindAsync("c1", LiveSince, CancellationToken.None))!.Watermark);
    }

    [Fact]
    public async Task Two_replicas_appending_at_once_never_collide_and_read_the_same_transcript()
    {
        if (await CreateStoreAsync() is not { } a) return;
        await WithConversationAsync(a);
        var b = await OtherStoreAsync(new DirectLineSignals());
        var posts = Enumerable.Range(0, 40).Select(i => (i % 2 == 0 ? a : b).AppendAsync("c1", Text($"m{i}"), Now, queueTurn: true, 100, Capacity, CancellationToken.None));
        var ids = await Task.WhenAll(posts);
        Assert.Equal(40, ids.Distinct().Count());
        var fromA = await a.ReadAsync("c1", 0, 100, CancellationToken.None);
        var fromB = await b.ReadAsync("c1", 0, 100, CancellationToken.None);
        Assert.Equal(Enumerable.Range(0, 40).Select(i => (long)i), fromA.Select(x => x.Sequence));
        Assert.Equal(fromA.Select(x => TextOf(x.Body)), fromB.Select(x => TextOf(x.Body)));
    }

    [Fact]
    public async Task A_post_beyond_the_pending_limit_stores_nothing()
    {
        if (await CreateStoreAsync() is not { } store) return;
        await WithConversationAsync(store);
        Assert.NotNull(await store.AppendAsync("c1", Text("a"), Now, queueTurn: true, 2, Capacity, CancellationToken.None));
        Assert.NotNull(await store.AppendAsync("c1", Text("b"), Now, queueTurn: true, 2, Capacity, CancellationToken.None));
        Assert.Null(await store.AppendAsync("c1", Text("c"), Now, queueTurn: true, 2, Capacity, CancellationToken.None));
        Assert.Equal(2, (await store.ReadAsync("c1", 0, 100, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task Turns_run_one_at_a_time_per_conversation_in_order_and_complete_with_their_replies()
    {
        if (await CreateStoreAsync() is not { } store) return;
        await WithConversationAsync(store, "c1");
        await WithConversationAsync(store, "c2");
        var first = await store.AppendAsync("c1", Text("q1"), Now, queueTurn: true, 10, Capacity, CancellationToken.None);
        await store.AppendAsync("c1", Text("q2"), Now, queueTurn: true, 10, Capacity, CancellationToken.None);
        await store.AppendAsync("c2", Text("other"), Now, queueTurn: true, 10, Capacity, CancellationToken.None);

        await using var c1 = await store.ClaimTurnAsync(CancellationToken.None);
        Assert.Equal(("c1", first), (c1!.Turn.ConversationId, c1.Turn.ActivityId));
        Assert.Equal("q1", TextOf(c1.Turn.Activity));
        // c1's second turn waits for its first; c2's turn may run meanwhile.
        await using var c2 = await store.ClaimTurnAsync(CancellationToken.None);
        Assert.Equal("c2", c2!.Turn.ConversationId);
        Assert.Null(await store.ClaimTurnAsync(CancellationToken.None));

        await c1.CompleteAsync([Text("a1"), Text("a1b")], Now, Capacity, CancellationToken.None);
        Assert.Equal(["q1", "q2", "a1", "a1b"], (await store.ReadAsync("c1", 0, 100, CancellationToken.None)).Select(a => TextOf(a.Body)));
        await using var next = await store.ClaimTurnAsync(CancellationToken.None);
        Assert.Equal("q2", TextOf(next!.Turn.Activity));
    }

    [Fact]
    public async Task A_post_retried_with_its_client_activity_id_is_stored_and_queued_once_on_any_replica()
    {
        if (await CreateStoreAsync() is not { } store) return;
        await WithConversationAsync(store, "c1");
        await WithConversationAsync(store, "c2");
        var other = await OtherStoreAsync(new DirectLineSignals());
        var first = await store.AppendAsync("c1", Text("q1"), Now, queueTurn: true, 10, Capacity, CancellationToken.None, "web-1");
        var retried = await other.AppendAsync("c1", Text("q1 again"), Now, queueTurn: true, 10, Capacity, CancellationToken.None, "web-1");
        var elsewhere = await store.AppendAsync("c2", Text("q1"), Now, queueTurn: true, 10, Capacity, CancellationToken.None, "web-1");
        var next = await store.AppendAsync("c1", Text("q2"), Now, queueTurn: true, 10, Capacity, CancellationToken.None, "web-2");
        var anonymous = await store.AppendAsync("c1", Text("q3"), Now, queueTurn: true, 10, Capacity, CancellationToken.None);
        Assert.Equal(("c1|0000000", "c1|0000000", "c2|0000000", "c1|0000001", "c1|0000002"), (first, retried, elsewhere, next, anonymous));
        Assert.Equal(["q1", "q2", "q3"], (await store.ReadAsync("c1", 0, 100, CancellationToken.None)).Select(a => TextOf(a.Body)));

        var turns = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            await using var claim = await store.ClaimTurnAsync(CancellationToken.None);
            turns.Add($"{claim!.Turn.ConversationId}:{TextOf(claim.Turn.Activity)}");
            await claim.CompleteAsync([], Now, Capacity, CancellationToken.None);
        }
        Assert.Equal(["c1:q1", "c1:q2", "c1:q3", "c2:q1"], turns.Order());
        Assert.Null(await store.ClaimTurnAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_claim_given_up_leaves_the_turn_pending()
    {
        if (await CreateStoreAsync() is not { } store) return;
        await WithConversationAsync(store);
        await store.AppendAsync("c1", Text("q1"), Now, queueTurn: true, 10, Capacity, CancellationToken.None);
        await using (var claim = await store.ClaimTurnAsync(CancellationToken.None))
            Assert.NotNull(claim);
        await using var again = await store.ClaimTurnAsync(CancellationToken.None);
        Assert.Equal("q1", TextOf(again!.Turn.Activity));
    }

    [Fact]
    public async Task A_turn_claimed_by_a_process_that_died_is_run_by_another()
    {
        if (await CreateStoreAsync() is not { } store) return;
        await WithConversationAsync(store);
        await store.AppendAsync("c1", Text("q1"), Now, queueTurn: true, 10, Capacity, CancellationToken.None);
        var abandoned = await store.ClaimTurnAsync(CancellationToken.None); // never completed nor disposed: the process dies
        Assert.NotNull(abandoned);
        await SimulateDeathAsync(abandoned!);
        var other = await OtherStoreAsync(new DirectLineSignals());
        await using var claim = await other.ClaimTurnAsync(CancellationToken.None);
        Assert.Equal("q1", TextOf(claim!.Turn.Activity));
        await claim.CompleteAsync([Text("a1")], Now, Capacity, CancellationToken.None);
        Assert.Null(await other.ClaimTurnAsync(CancellationToken.None));
    }

    /// <summary>What the database sees when the process holding <paramref name="claim"/> is killed.</summary>
    protected abstract Task SimulateDeathAsync(ITurnClaim claim);

    [Fact]
    public async Task A_conversation_starts_once_with_its_first_turn_queued()
    {
        if (await CreateStoreAsync() is not { } store) return;
        await WithConversationAsync(store);
        Assert.True(await store.StartAsync("c1", "vi-VN", Encoding.UTF8.GetBytes("update"), Now, CancellationToken.None));
        Assert.False(await store.StartAsync("c1", "en-US", Encoding.UTF8.GetBytes("update"), Now, CancellationToken.None));
        var found = await store.FindAsync("c1", LiveSince, CancellationToken.None);
        Assert.Equal((true, "vi-VN", "u1", "An"), (found!.Started, found.Locale, found.UserId, found.UserName));
        await using var claim = await store.ClaimTurnAsync(CancellationToken.None);
        Assert.Equal(("update", (string?)null), (Encoding.UTF8.GetString(claim!.Turn.Activity), claim.Turn.ActivityId));
        await claim.CompleteAsync([], Now, Capacity, CancellationToken.None);
        Assert.Null(await store.ClaimTurnAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Idle_conversations_are_invisible_start_afresh_and_are_swept()
    {
        if (await CreateStoreAsync() is not { } store) return;
        await WithConversationAsync(store);
        await store.AppendAsync("c1", Text("old"), Now, queueTurn: true, 10, Capacity, CancellationToken.None);
        var later = Now + TimeSpan.FromMinutes(31);
        Assert.Null(await store.FindAsync("c1", later - TimeSpan.FromMinutes(30), CancellationToken.None));
        Assert.True((await store.CreateAsync(new NewConversation("c1", "u2", null), later, later - TimeSpan.FromMinutes(30), 100, CancellationToken.None)).Created);
        var fresh = await store.FindAsync("c1", later - TimeSpan.FromMinutes(30), CancellationToken.None);
        Assert.Equal(("u2", 0L, false), (fresh!.UserId, fresh.Watermark, fresh.Started));
        Assert.Empty(await store.ReadAsync("c1", 0, 100, CancellationToken.None));
        Assert.Null(await store.ClaimTurnAsync(CancellationToken.None));

        await store.TouchAsync("c1", later + TimeSpan.FromMinutes(20), CancellationToken.None);
        Assert.Equal(0, await store.DeleteIdleAsync(later, CancellationToken.None));
        Assert.Equal(1, await store.DeleteIdleAsync(later + TimeSpan.FromHours(1), CancellationToken.None));
    }

    [Fact]
    public async Task A_full_store_refuses_new_conversations_and_says_when_to_retry()
    {
        if (await CreateStoreAsync() is not { } store) return;
        Assert.True((await store.CreateAsync(new NewConversation("c1", "u", null), Now, LiveSince, 2, CancellationToken.None)).Created);
        Assert.True((await store.CreateAsync(new NewConversation("c2", "u", null), Now + TimeSpan.FromMinutes(5), LiveSince + TimeSpan.FromMinutes(5), 2, CancellationToken.None)).Created);
        var refused = await store.CreateAsync(new NewConversation("c3", "u", null), Now + TimeSpan.FromMinutes(10), LiveSince + TimeSpan.FromMinutes(10), 2, CancellationToken.None);
        Assert.Equal((false, TimeSpan.FromMinutes(20)), (refused.Created, refused.RetryAfter));
        // An existing live conversation is no new one.
        Assert.True((await store.CreateAsync(new NewConversation("c1", "u", null), Now, LiveSince, 2, CancellationToken.None)).Created);
    }

    [Fact]
    public async Task Old_activities_drop_out_while_the_watermark_stays_monotonic()
    {
        if (await CreateStoreAsync() is not { } store) return;
        await WithConversationAsync(store);
        for (var i = 0; i < 15; i++)
            await store.AppendAsync("c1", Text($"m{i}"), Now, queueTurn: false, 10, capacity: 10, CancellationToken.None);
        var kept = await store.ReadAsync("c1", 0, 100, CancellationToken.None);
        Assert.Equal(Enumerable.Range(5, 10).Select(i => (long)i), kept.Select(a => a.Sequence));
        Assert.Equal(15, (await store.FindAsync("c1", LiveSince, CancellationToken.None))!.Watermark);
    }

    [Fact]
    public async Task An_append_wakes_waiters_of_that_conversation_and_the_turn_runner()
    {
        if (await CreateStoreAsync() is not { } store) return;
        await WithConversationAsync(store);
        var signals = new DirectLineSignals();
        var other = await OtherStoreAsync(signals);
        using var listening = new CancellationTokenSource();
        var listener = other is PostgresDirectLineStore postgres ? postgres.ListenAsync(_ => { }, listening.Token) : null;
        await Task.Delay(listener is null ? 0 : 1000); // LISTEN registered (which wakes every waiter once)
        using var changes = signals.Subscribe("c1");
        var turn = signals.NextTurn();
        using var unrelated = signals.Subscribe("c2");
        var writer = listener is null ? other : store; // SQLite: one process, so the same-process store appends
        var id = await writer.AppendAsync("c1", Text("q"), Now, queueTurn: true, 10, Capacity, CancellationToken.None);
        var change = await changes.NextAsync(TimeSpan.FromSeconds(10), TimeProvider.System, CancellationToken.None);
        Assert.NotNull(change);
        if (listener is null)
        {
            // The appending process hands its readers the row it stored, so they need not read it back.
            var appended = Assert.Single(change.Appended);
            Assert.False(change.ReadStore);
            Assert.Equal((await writer.ReadAsync("c1", appended.Sequence, 1, CancellationToken.None))[0].Body, appended.Body);
            Assert.EndsWith($"|{appended.Sequence:D7}", id);
        }
        else
            Assert.True(change.ReadStore); // another replica's change: read the store
        await turn.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Null(await unrelated.NextAsync(TimeSpan.Zero, TimeProvider.System, CancellationToken.None));
        await listening.CancelAsync();
        if (listener is not null) await listener;
    }
}

public sealed class SqliteDirectLineStoreTests(ITestOutputHelper output) : DirectLineStoreContract(output), IDisposable
{
    readonly string _directory = Directory.CreateTempSubdirectory("citizenbot-dl-contract-").FullName;
    readonly DirectLineSignals _signals = new();
    string DbPath => Path.Combine(_directory, "directline.db");

    protected override async Task<IDirectLineStore?> CreateStoreAsync()
    {
        var store = new SqliteDirectLineStore(DbPath, _signals);
        await store.InitializeAsync(CancellationToken.None);
        await store.InitializeAsync(CancellationToken.None); // Migrating twice is harmless.
        return store;
    }

    protected override async Task<IDirectLineStore> OtherStoreAsync(DirectLineSignals signals)
    {
        var store = new SqliteDirectLineStore(DbPath, signals);
        await store.InitializeAsync(CancellationToken.None);
        return store;
    }

    [Fact]
    public async Task A_claim_writes_nothing_and_the_count_follows_the_turns()
    {
        var store = await CreateStoreAsync() ?? throw new InvalidOperationException();
        await WithConversationAsync(store);
        // While another connection holds the write lock, only a claim that writes nothing can answer at once.
        async Task<ITurnClaim?> ClaimWhileLockedAsync()
        {
            await using var other = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={DbPath};Pooling=False");
            await other.OpenAsync();
            await using var exclusive = other.CreateCommand();
            exclusive.CommandText = "BEGIN IMMEDIATE";
            await exclusive.ExecuteNonQueryAsync();
            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            return await store.ClaimTurnAsync(patience.Token);
        }
        Assert.Null(await ClaimWhileLockedAsync());

        await store.AppendAsync("c1", Text("q1"), Now, queueTurn: true, 10, Capacity, CancellationToken.None);
        // A turn waits: claimed (a mark in this process) while the file is locked, and not claimed twice.
        await using (var claim = await ClaimWhileLockedAsync())
        {
            Assert.Equal("q1", TextOf(claim!.Turn.Activity));
            Assert.Null(await ClaimWhileLockedAsync());
            Assert.Null(await store.ClaimTurnAsync(CancellationToken.None));
        } // given up: waiting again
        await using (var claim = await store.ClaimTurnAsync(CancellationToken.None))
            await claim!.CompleteAsync([Text("a1")], Now, Capacity, CancellationToken.None);
        Assert.Null(await ClaimWhileLockedAsync());

        // A waiting turn forgotten with its idle conversation is counted off by the next claim that finds none.
        await store.AppendAsync("c1", Text("q2"), Now, queueTurn: true, 10, Capacity, CancellationToken.None);
        Assert.Equal(1, await store.DeleteIdleAsync(Now + TimeSpan.FromHours(1), CancellationToken.None));
        Assert.Null(await store.ClaimTurnAsync(CancellationToken.None));
        Assert.Null(await ClaimWhileLockedAsync());
    }

    // A killed host leaves its claim marked; the next start of the host (InitializeAsync) releases it.
    protected override Task SimulateDeathAsync(ITurnClaim claim) => Task.CompletedTask;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresDirectLineStoreTests(PostgresFixture postgres, ITestOutputHelper output) : DirectLineStoreContract(output), IAsyncLifetime
{
    readonly List<NpgsqlDataSource> _dataSources = [];
    string? _connectionString;

    protected override async Task<IDirectLineStore?> CreateStoreAsync()
    {
        if (PostgresServer.SkipIfUnavailable(postgres.Unavailable, Output)) return null;
        _connectionString = await postgres.Server!.CreateDatabaseAsync();
        var store = await OtherStoreAsync(new DirectLineSignals());
        await store.InitializeAsync(CancellationToken.None); // Migrating twice is harmless.
        return store;
    }

    protected override async Task<IDirectLineStore> OtherStoreAsync(DirectLineSignals signals)
    {
        var dataSource = PostgresStorage.CreateDataSource(_connectionString!);
        _dataSources.Add(dataSource);
        var store = new PostgresDirectLineStore(dataSource, signals);
        await store.InitializeAsync(CancellationToken.None);
        return store;
    }

    [Fact]
    public async Task Readiness_answers_from_a_recent_claim_while_the_pool_has_no_connection_free_then_asks_the_database()
    {
        if (await CreateStoreAsync() is null) return;
        var dataSource = PostgresStorage.CreateDataSource(_connectionString + ";Maximum Pool Size=1;Timeout=1");
        _dataSources.Add(dataSource);
        var store = new PostgresDirectLineStore(dataSource, new DirectLineSignals());
        await store.InitializeAsync(CancellationToken.None);
        await WithConversationAsync(store);
        await store.AppendAsync("c1", Text("q1"), Now, queueTurn: true, 10, Capacity, CancellationToken.None);
        await using var claim = await store.ClaimTurnAsync(CancellationToken.None); // holds the pool's one connection
        Assert.NotNull(claim);
        await store.PingAsync(CancellationToken.None); // the claim query just answered: no connection needed
        await Task.Delay(TimeSpan.FromSeconds(2.2));
        await Assert.ThrowsAnyAsync<NpgsqlException>(() => store.PingAsync(CancellationToken.None)); // a real ping, and no connection free
        await claim!.CompleteAsync([], Now, Capacity, CancellationToken.None);
        await store.PingAsync(CancellationToken.None);
    }

    // The server ends the backend holding the claim, as it does when a killed process's socket closes.
    protected override async Task SimulateDeathAsync(ITurnClaim claim)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var kill = new NpgsqlCommand(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%'", connection);
        Assert.Equal(true, await kill.ExecuteScalarAsync());
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var dataSource in _dataSources) await dataSource.DisposeAsync();
    }
}
