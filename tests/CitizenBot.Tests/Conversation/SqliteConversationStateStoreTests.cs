using Microsoft.Extensions.Time.Testing;
using CitizenBot.Conversation;
using CitizenBot.Core.Conversations;
using CitizenBot.Core.Demand;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CitizenBot.Tests.Conversation;

public sealed class SqliteConversationStateStoreTests : IDisposable
{
    static readonly TimeSpan Idle = TimeSpan.FromMinutes(30);
    readonly string _folder = Directory.CreateTempSubdirectory("citizenbot-state-").FullName;
    readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 7, 1, 8, 0, 0, TimeSpan.Zero));
    readonly SqliteConversationStateStore _store;

    public SqliteConversationStateStoreTests() => _store = new SqliteConversationStateStore(Path.Combine(_folder, "conversations.db"), Idle, _time);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    static readonly ConversationState Sample = new()
    {
        Waiting = "clarify.choose",
        Turn = 4,
        Welcomed = true,
        ProvinceId = "da-nang",
        CurrentCode = "1.001193",
        LastQuestion = new AskedQuestion("hộ chiếu", "hộ chiếu", [new DemandCandidate("1.001456", 1.02), new DemandCandidate("1.001445", 1.01)]),
        Choices = [new ClarificationChoice("1.001456", "Cấp hộ chiếu"), new ClarificationChoice("1.001445", "Trình báo mất hộ chiếu")],
    };

    [Fact]
    public async Task Saves_and_loads_the_state_with_its_version()
    {
        Assert.Null(await _store.GetAsync("c1", default));
        Assert.Equal(1, await _store.SaveAsync("c1", Sample, 0, default));

        var stored = await _store.GetAsync("c1", default);
        Assert.NotNull(stored);
        Assert.Equal(1, stored.Version);
        Assert.Equal(_time.GetUtcNow(), stored.UpdatedAt);
        Assert.Equal(Sample.Waiting, stored.State.Waiting);
        Assert.Equal(Sample.ProvinceId, stored.State.ProvinceId);
        Assert.Equal(Sample.LastQuestion!.Candidates, stored.State.LastQuestion!.Candidates);
        Assert.Equal(Sample.Choices, stored.State.Choices);

        Assert.Equal(2, await _store.SaveAsync("c1", Sample with { Turn = 5 }, 1, default));
        Assert.Equal(5, (await _store.GetAsync("c1", default))!.State.Turn);
    }

    [Fact]
    public async Task A_stale_version_is_a_conflict()
    {
        await _store.SaveAsync("c1", Sample, 0, default);
        await _store.SaveAsync("c1", Sample with { Turn = 9 }, 1, default);

        await Assert.ThrowsAsync<ConversationStateConflictException>(async () => await _store.SaveAsync("c1", Sample, 1, default));
        await Assert.ThrowsAsync<ConversationStateConflictException>(async () => await _store.SaveAsync("c1", Sample, 0, default));
        Assert.Equal(9, (await _store.GetAsync("c1", default))!.State.Turn);
    }

    [Fact]
    public async Task Idle_state_is_gone_for_reads_and_may_be_replaced()
    {
        await _store.SaveAsync("c1", Sample, 0, default);
        _time.Advance(Idle - TimeSpan.FromSeconds(1));
        Assert.NotNull(await _store.GetAsync("c1", default));

        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.Null(await _store.GetAsync("c1", default));
        // An old turn finishing late cannot resurrect it either.
        await Assert.ThrowsAsync<ConversationStateConflictException>(async () => await _store.SaveAsync("c1", Sample, 1, default));
        Assert.Equal(1, await _store.SaveAsync("c1", ConversationState.New, 0, default));
        Assert.Equal(0, (await _store.GetAsync("c1", default))!.State.Turn);
    }

    [Fact]
    public async Task Deleting_idle_state_keeps_active_conversations()
    {
        await _store.SaveAsync("old", Sample, 0, default);
        _time.Advance(TimeSpan.FromMinutes(20));
        await _store.SaveAsync("recent", Sample, 0, default);
        _time.Advance(TimeSpan.FromMinutes(15));

        Assert.Equal(1, await _store.DeleteIdleAsync(_time.GetUtcNow() - Idle, default));
        Assert.NotNull(await _store.GetAsync("recent", default));
        Assert.Equal(0, await _store.DeleteIdleAsync(_time.GetUtcNow() - Idle, default));
    }

    [Fact]
    public async Task Delete_forgets_one_conversation()
    {
        await _store.SaveAsync("c1", Sample, 0, default);
        await _store.SaveAsync("c2", Sample, 0, default);
        await _store.DeleteAsync("c1", default);
        Assert.Null(await _store.GetAsync("c1", default));
        Assert.NotNull(await _store.GetAsync("c2", default));
    }

    [Fact]
    public async Task The_database_uses_write_ahead_logging()
    {
        await _store.SaveAsync("c1", Sample, 0, default);
        await using var connection = new SqliteConnection($"Data Source={_store.Path}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task State_written_by_another_version_is_read_as_a_fresh_start()
    {
        await _store.SaveAsync("c1", Sample, 0, default);
        await using (var connection = new SqliteConnection($"Data Source={_store.Path}"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "UPDATE conversation_state SET state = '{\"turn\": \"not a number\"}'";
            await command.ExecuteNonQueryAsync();
        }
        var stored = await _store.GetAsync("c1", default);
        Assert.NotNull(stored);
        Assert.Equal(0, stored.State.Turn);
        Assert.Equal(2, await _store.SaveAsync("c1", Sample, stored.Version, default));
    }

    [Fact]
    public async Task Concurrent_first_turns_do_not_both_win()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(async i =>
        {
            try { await _store.SaveAsync("race", Sample with { Turn = i }, 0, default); return true; }
            catch (ConversationStateConflictException) { return false; }
        }));
        Assert.Equal(1, results.Count(r => r));
    }

    [Fact]
    public async Task The_sweeper_deletes_what_has_been_idle_too_long()
    {
        var options = Options.Create(new ConversationOptions { IdleTimeout = Idle });
        var sweeper = new ConversationSweeper(_store, options, _time, NullLogger<ConversationSweeper>.Instance);
        await _store.SaveAsync("c1", Sample, 0, default);

        Assert.Equal(0, await sweeper.SweepOnceAsync(default));
        _time.Advance(Idle + TimeSpan.FromMinutes(1));
        Assert.Equal(1, await sweeper.SweepOnceAsync(default));
    }
}
