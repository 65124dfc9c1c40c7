using CitizenBot.Core.Demand;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Xunit.Abstractions;

namespace CitizenBot.Postgres.Tests;

/// <summary>
/// The demand log against a real PostgreSQL server that goes away: stopped in the middle of a sustained load, and
/// down when the log starts. Each test has its own server (they stop it), and every entry is counted at the end.
/// </summary>
public sealed class PostgresFaultTests(ITestOutputHelper output) : IAsyncLifetime
{
    readonly string _directory = Directory.CreateTempSubdirectory("citizenbot-pg-fault-").FullName;
    PostgresServer? _server;
    NpgsqlDataSource? _dataSource;
    static readonly DemandLogSettings Fast = new(BatchSize: 50, RetryAttempts: 2, RetryDelay: TimeSpan.FromMilliseconds(20), MaxProbeDelay: TimeSpan.FromMilliseconds(200));
    static readonly DemandFilter All = new(DateTimeOffset.UnixEpoch, DateTimeOffset.UtcNow.AddYears(5));

    public async Task InitializeAsync()
    {
        if (PostgresServer.UnavailableReason() is not null) return;
        _server = await PostgresServer.StartNewAsync();
        _dataSource = PostgresStorage.CreateDataSource(await _server.CreateDatabaseAsync());
    }

    DemandLog NewLog() => new(new PostgresDemandStore(_dataSource!),
        new DemandEntryFactory(new PersonalDataScrubber(), new ConversationHasher(new byte[32])),
        new SpillFile(Path.Combine(_directory, "demand-spill.jsonl"), NullLogger.Instance), Fast, TimeProvider.System, NullLogger<DemandLog>.Instance);

    static DemandEvent Numbered(int i) => new(DateTimeOffset.UtcNow, "webchat", "ha-noi", $"câu hỏi {i}, gọi 0912345678", $"câu hỏi {i}",
        DemandOutcome.NoMatch, [new DemandCandidate("1.000001", 0.2)], null, null, $"conv-{i % 37}");

    static async Task FlushUntilReplayedAsync(DemandLog log)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!await log.FlushAsync(deadline.Token)) await Task.Delay(50, deadline.Token);
    }

    [Fact]
    public async Task Stopping_the_server_in_the_middle_of_a_load_loses_no_entry()
    {
        if (PostgresServer.SkipIfUnavailable(PostgresServer.UnavailableReason(), output)) return;
        await using var log = NewLog();
        await log.StartAsync(CancellationToken.None);
        const int total = 3000;
        var recordTimes = new List<double>(total);
        var stopwatch = new System.Diagnostics.Stopwatch();
        for (var i = 0; i < total; i++)
        {
            if (i == 1000) await _server!.StopAsync();   // The database host goes away mid-load…
            if (i == 2000) await _server!.StartAsync();  // …and comes back.
            stopwatch.Restart();
            await log.RecordAsync(Numbered(i), CancellationToken.None);
            recordTimes.Add(stopwatch.Elapsed.TotalMilliseconds);
            if (i % 100 == 99) await Task.Delay(5); // A sustained load, not one burst.
        }
        await FlushUntilReplayedAsync(log);

        var entries = await log.Store.QueryAsync(All, CancellationToken.None);
        Assert.Equal(total, entries.Count);
        Assert.Equal(total, entries.Select(e => e.Question).Distinct().Count());
        Assert.True(log.Spilled > 0, "the outage should have sent entries to the spill file");
        Assert.False(log.Spill.HasPending);
        recordTimes.Sort();
        output.WriteLine($"{total} entries stored, {log.Spilled} of them through the spill file; RecordAsync p50 {recordTimes[total / 2]:0.000} ms, p99 {recordTimes[total * 99 / 100]:0.000} ms, max {recordTimes[^1]:0.0} ms");
    }

    [Fact]
    public async Task A_server_down_at_start_gets_its_schema_and_the_spilled_entries_when_it_comes_up()
    {
        if (PostgresServer.SkipIfUnavailable(PostgresServer.UnavailableReason(), output)) return;
        await _server!.StopAsync();
        await using var log = NewLog();
        await log.StartAsync(CancellationToken.None); // Does not throw: chat goes on without the database.
        for (var i = 0; i < 200; i++) await log.RecordAsync(Numbered(i), CancellationToken.None);
        Assert.False(await log.FlushAsync(CancellationToken.None));
        Assert.Equal(200, log.Spilled);

        await _server.StartAsync();
        await FlushUntilReplayedAsync(log);
        Assert.Equal(200, (await log.Store.QueryAsync(All, CancellationToken.None)).Count);
    }

    public async Task DisposeAsync()
    {
        if (_dataSource is not null) await _dataSource.DisposeAsync();
        if (_server is not null) await _server.DisposeAsync();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }
}
