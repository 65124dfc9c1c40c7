using System.Text;
using CitizenBot.Core.Demand;
using CitizenBot.Core.Limits;
using Npgsql;
using Xunit.Abstractions;

namespace CitizenBot.Postgres.Tests;

/// <summary>
/// What the sign-in throttle's failure store must do, against this host's memory and PostgreSQL ("two replicas" are
/// two store instances on one database); and PostgreSQL's shared rate-limit windows.
/// </summary>
public abstract class SignInFailureStoreContract(ITestOutputHelper output)
{
    protected ITestOutputHelper Output { get; } = output;
    static readonly DateTimeOffset Now = new(2026, 12, 4, 8, 0, 0, TimeSpan.Zero);
    static readonly SignInFailureKey Pair = new(SignInFailureKind.AccountAndAddress, "quantri\n203.0.113.7");
    static readonly SignInFailureKey Address = new(SignInFailureKind.Address, "203.0.113.7");
    static readonly SignInFailureKey Account = new(SignInFailureKind.Account, "quantri");

    /// <summary>A store on a new database and another on the same one (for memory, the same store); null when unavailable.</summary>
    protected abstract Task<(ISignInFailureStore First, ISignInFailureStore Second)?> CreateStoresAsync();

    [Fact]
    public async Task Failures_counted_by_either_store_add_up_per_key_and_kind()
    {
        if (await CreateStoresAsync() is not var (a, b)) return;
        await a.FailAsync([Pair, Address, Account], Now, Now.AddHours(-1), CancellationToken.None);
        await b.FailAsync([Pair, Address, Account], Now.AddSeconds(5), Now.AddHours(-1), CancellationToken.None);
        await b.FailAsync([Address], Now.AddSeconds(7), Now.AddHours(-1), CancellationToken.None);

        var records = await a.GetAsync([Pair, Address, Account, new(SignInFailureKind.Account, "203.0.113.7")], Now.AddSeconds(8), Now.AddHours(-1), CancellationToken.None);
        Assert.Equal([2, 3, 2], records.Take(3).Select(r => r!.Count));
        Assert.Equal(Now.AddSeconds(7), records[1]!.Last);
        Assert.Null(records[3]); // the same text under another kind is another key
    }

    [Fact]
    public async Task A_record_past_forget_is_absent_and_starts_again_at_one_and_remove_clears_it()
    {
        if (await CreateStoresAsync() is not var (a, b)) return;
        for (var i = 0; i < 4; i++)
            await a.FailAsync([Pair, Account], Now, Now.AddHours(-1), CancellationToken.None);
        var later = Now.AddHours(2);
        Assert.Equal([null], await b.GetAsync([Pair], later, later.AddHours(-1), CancellationToken.None));
        await b.FailAsync([Pair], later, later.AddHours(-1), CancellationToken.None);
        Assert.Equal(1, (await a.GetAsync([Pair], later, later.AddHours(-1), CancellationToken.None))[0]!.Count);

        await a.RemoveAsync([Pair], CancellationToken.None);
        Assert.Null((await b.GetAsync([Pair], later, later.AddHours(-1), CancellationToken.None))[0]);
        Assert.Equal(1, await b.DeleteForgottenAsync(later.AddHours(-1), CancellationToken.None)); // the account's old record, not read since
    }
}

public sealed class MemorySignInFailureStoreTests(ITestOutputHelper output) : SignInFailureStoreContract(output)
{
    protected override Task<(ISignInFailureStore First, ISignInFailureStore Second)?> CreateStoresAsync()
    {
        var store = new MemorySignInFailureStore(100);
        return Task.FromResult<(ISignInFailureStore, ISignInFailureStore)?>((store, store));
    }
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresLimitStoreTests(PostgresFixture postgres, ITestOutputHelper output) : SignInFailureStoreContract(output), IAsyncLifetime
{
    static readonly ConversationHasher Hasher = new(Encoding.UTF8.GetBytes("limit-store-test-salt"));
    readonly List<NpgsqlDataSource> _dataSources = [];
    string? _connectionString;

    protected override async Task<(ISignInFailureStore First, ISignInFailureStore Second)?> CreateStoresAsync() =>
        await CreatePairAsync() is var (a, b) ? (a, b) : null;

    async Task<(PostgresLimitStore, PostgresLimitStore)?> CreatePairAsync()
    {
        if (PostgresServer.SkipIfUnavailable(postgres.Unavailable, Output)) return null;
        _connectionString = await postgres.Server!.CreateDatabaseAsync();
        return (Store(), Store());
    }

    PostgresLimitStore Store()
    {
        var dataSource = PostgresStorage.CreateDataSource(_connectionString!);
        _dataSources.Add(dataSource);
        return new PostgresLimitStore(dataSource, Hasher);
    }

    [Fact]
    public async Task A_window_counts_requests_from_every_replica_and_the_next_window_starts_again()
    {
        if (await CreatePairAsync() is not var (a, b)) return;
        var minute = new DateTimeOffset(2026, 12, 4, 8, 0, 0, TimeSpan.Zero);
        var counts = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            counts.Add(await a.CountAsync("conversation:c1", minute, CancellationToken.None));
            counts.Add(await b.CountAsync("conversation:c1", minute, CancellationToken.None));
        }
        Assert.Equal([1L, 2, 3, 4, 5, 6], counts);
        Assert.Equal(1, await a.CountAsync("conversation:c2", minute, CancellationToken.None)); // another conversation, its own count
        Assert.Equal(1, await b.CountAsync("conversation:c1", minute.AddMinutes(1), CancellationToken.None));
        Assert.Equal(2, await a.CountAsync("conversation:c1", minute, CancellationToken.None)); // a lagging clock counts in the current window

        var parallel = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => (i % 2 == 0 ? a : b).CountAsync("starts", minute, CancellationToken.None)));
        Assert.Equal(Enumerable.Range(1, 40).Select(i => (long)i), parallel.Order()); // no count lost or repeated under contention
        Assert.Equal(2, await a.DeleteWindowsBeforeAsync(minute.AddMinutes(1), CancellationToken.None));
    }

    [Fact]
    public async Task Keys_are_stored_as_hmacs_never_as_addresses()
    {
        if (await CreatePairAsync() is not var (a, _)) return;
        await a.CountAsync("address:203.0.113.7", DateTimeOffset.UtcNow, CancellationToken.None);
        await a.FailAsync([new(SignInFailureKind.Address, "203.0.113.7")], DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddHours(-1), CancellationToken.None);
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT string_agg(key, ',') FROM (SELECT key FROM rate_limit_window UNION ALL SELECT key FROM sign_in_failure) k", connection);
        var keys = (string)(await command.ExecuteScalarAsync())!;
        Assert.DoesNotContain("203.0.113", keys);
        Assert.Equal(2, keys.Split(',').Length);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var dataSource in _dataSources) await dataSource.DisposeAsync();
    }
}
