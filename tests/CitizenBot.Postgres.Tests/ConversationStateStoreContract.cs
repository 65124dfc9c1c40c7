using Microsoft.Extensions.Time.Testing;
using CitizenBot.Core.Conversations;
using Npgsql;
using Xunit.Abstractions;

namespace CitizenBot.Postgres.Tests;

/// <summary>What every conversation state store must do, run against SQLite and PostgreSQL.</summary>
public abstract class ConversationStateStoreContract(ITestOutputHelper output)
{
    protected ITestOutputHelper Output { get; } = output;
    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 5, 1, 8, 0, 0, TimeSpan.Zero));
    protected static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(30);

    protected abstract Task<IConversationStateStore?> CreateStoreAsync();

    static ConversationState State(string province) => ConversationState.New with { ProvinceId = province, Turn = 3, Welcomed = true };

    [Fact]
    public async Task A_saved_state_is_read_back_with_its_version()
    {
        if (await CreateStoreAsync() is not { } store) return;
        Assert.Null(await store.GetAsync("c1", CancellationToken.None));
        Assert.Equal(1, await store.SaveAsync("c1", State("ha-noi"), 0, CancellationToken.None));
        Assert.Equal(2, await store.SaveAsync("c1", State("ninh-binh"), 1, CancellationToken.None));
        var stored = await store.GetAsync("c1", CancellationToken.None);
        Assert.Equal((2L, "ninh-binh", Time.GetUtcNow()), (stored!.Version, stored.State.ProvinceId, stored.UpdatedAt));
    }

    [Fact]
    public async Task A_stale_version_conflicts_instead_of_overwriting()
    {
        if (await CreateStoreAsync() is not { } store) return;
        await store.SaveAsync("c1", State("ha-noi"), 0, CancellationToken.None);
        await Assert.ThrowsAsync<ConversationStateConflictException>(async () => await store.SaveAsync("c1", State("x"), 0, CancellationToken.None));
        await store.SaveAsync("c1", State("ninh-binh"), 1, CancellationToken.None);
        await Assert.ThrowsAsync<ConversationStateConflictException>(async () => await store.SaveAsync("c1", State("x"), 1, CancellationToken.None));
        Assert.Equal("ninh-binh", (await store.GetAsync("c1", CancellationToken.None))!.State.ProvinceId);
    }

    [Fact]
    public async Task Idle_state_is_invisible_may_be_started_afresh_and_is_swept()
    {
        if (await CreateStoreAsync() is not { } store) return;
        await store.SaveAsync("old", State("ha-noi"), 0, CancellationToken.None);
        Time.Advance(IdleTimeout + TimeSpan.FromSeconds(1));
        await store.SaveAsync("new", State("ha-noi"), 0, CancellationToken.None);
        Assert.Null(await store.GetAsync("old", CancellationToken.None));
        await Assert.ThrowsAsync<ConversationStateConflictException>(async () => await store.SaveAsync("old", State("x"), 1, CancellationToken.None));
        Assert.Equal(1, await store.SaveAsync("old", State("ninh-binh"), 0, CancellationToken.None));
        Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(0, await store.DeleteIdleAsync(Time.GetUtcNow() - IdleTimeout, CancellationToken.None));
        Time.Advance(IdleTimeout);
        Assert.Equal(2, await store.DeleteIdleAsync(Time.GetUtcNow() - IdleTimeout, CancellationToken.None));
    }

    [Fact]
    public async Task Deleting_forgets_the_conversation()
    {
        if (await CreateStoreAsync() is not { } store) return;
        await store.SaveAsync("c1", State("ha-noi"), 0, CancellationToken.None);
        await store.DeleteAsync("c1", CancellationToken.None);
        Assert.Null(await store.GetAsync("c1", CancellationToken.None));
        Assert.Equal(1, await store.SaveAsync("c1", State("ha-noi"), 0, CancellationToken.None));
    }
}

public sealed class SqliteConversationStateStoreTests(ITestOutputHelper output) : ConversationStateStoreContract(output), IDisposable
{
    readonly string _directory = Directory.CreateTempSubdirectory("citizenbot-state-contract-").FullName;

    protected override Task<IConversationStateStore?> CreateStoreAsync() =>
        Task.FromResult<IConversationStateStore?>(new SqliteConversationStateStore(Path.Combine(_directory, "conversations.db"), IdleTimeout, Time));

    public void Dispose()
    {
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresConversationStateStoreTests(PostgresFixture postgres, ITestOutputHelper output) : ConversationStateStoreContract(output), IAsyncLifetime
{
    NpgsqlDataSource? _dataSource;

    protected override async Task<IConversationStateStore?> CreateStoreAsync()
    {
        if (PostgresServer.SkipIfUnavailable(postgres.Unavailable, Output)) return null;
        _dataSource = PostgresStorage.CreateDataSource(await postgres.Server!.CreateDatabaseAsync());
        var store = new PostgresConversationStateStore(_dataSource, IdleTimeout, Time);
        await store.InitializeAsync(CancellationToken.None);
        await store.InitializeAsync(CancellationToken.None); // Migrating twice is harmless.
        return store;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_dataSource is not null) await _dataSource.DisposeAsync();
    }
}
