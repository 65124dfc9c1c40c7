using CitizenBot.Core.Demand;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using static CitizenBot.Core.Tests.Demand.DemandTestData;

namespace CitizenBot.Core.Tests.Demand;

/// <summary>The demand log's promise: a turn never waits or fails, and no entry is lost — on a locked database, on a
/// full queue, on a host torn down without flushing, or with a damaged spill file.</summary>
public sealed class DemandLogTests : IAsyncLifetime
{
    readonly string _directory = Directory.CreateTempSubdirectory("citizenbot-demand-log-").FullName;
    readonly List<DemandLog> _logs = [];
    static readonly DemandFilter All = new(DateTimeOffset.UnixEpoch, DateTimeOffset.UtcNow.AddYears(5));
    static readonly DemandLogSettings Fast = new(BatchSize: 50, RetryAttempts: 2, RetryDelay: TimeSpan.FromMilliseconds(10), MaxProbeDelay: TimeSpan.FromMilliseconds(50));

    string DbPath => Path.Combine(_directory, "demand.db");
    string SpillPath => Path.Combine(_directory, "demand-spill.jsonl");

    DemandLog NewLog(DemandLogSettings? settings = null, int busyTimeoutSeconds = 10, ILogger? logger = null)
    {
        var log = new DemandLog(new SqliteDemandStore(DbPath, busyTimeoutSeconds), Factory(), new SpillFile(SpillPath, logger ?? NullLogger.Instance),
            settings ?? Fast, TimeProvider.System, NullLogger<DemandLog>.Instance);
        _logs.Add(log);
        return log;
    }

    static DemandEvent Numbered(int i) =>
        Event(DemandOutcome.NoMatch, $"câu hỏi số {i}, sđt 0912345678", conversation: $"conv-{i}", at: Now.AddSeconds(i));

    static async Task<int> CountAsync(DemandLog log) => (await log.Store.QueryAsync(All, CancellationToken.None)).Count;

    static async Task FlushUntilReplayedAsync(DemandLog log)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!await log.FlushAsync(deadline.Token)) await Task.Delay(20, deadline.Token);
    }

    [Fact]
    public async Task Questions_with_emoji_or_half_a_surrogate_pair_are_stored_not_dropped()
    {
        var log = NewLog();
        await log.StartAsync(CancellationToken.None);
        string[] questions = ["xin phép nuôi rồng 🙏", "xin phép nuôi rồng 🙏 sđt 0912345678", "rồng \uD83D", "\uDE4F rồng", "𝐱𝐢𝐧 phép", string.Concat(Enumerable.Repeat("🙏", 600))];
        foreach (var (question, i) in questions.Select((q, i) => (q, i)))
            await log.RecordAsync(Event(DemandOutcome.NoMatch, question, conversation: $"emoji-{i}", at: Now.AddSeconds(i)), CancellationToken.None);
        Assert.True(await log.FlushAsync(CancellationToken.None));

        var entries = await log.Store.QueryAsync(All, CancellationToken.None);
        Assert.Equal(questions.Length, entries.Count);
        Assert.Contains(entries, e => e.Question == "xin phép nuôi rồng 🙏");
        Assert.Contains(entries, e => e.Question == "xin phép nuôi rồng 🙏 sđt [SĐT]");
        Assert.Contains(entries, e => e.Question == "rồng \uFFFD");
        Assert.Equal(0, log.Withheld);
    }

    [Fact]
    public async Task An_event_that_cannot_be_scrubbed_is_stored_with_its_text_withheld_and_counted()
    {
        var log = NewLog();
        await log.StartAsync(CancellationToken.None);
        // A recorder fed from outside the bot could leave the text null; scrubbing it throws.
        await log.RecordAsync(Event(DemandOutcome.NoMatch, "cho hỏi", conversation: "ok"), CancellationToken.None);
        await log.RecordAsync(Event(DemandOutcome.NoMatch, "x", conversation: "broken") with { Question = null!, NormalizedQuery = null! }, CancellationToken.None);
        Assert.True(await log.FlushAsync(CancellationToken.None));

        var entries = await log.Store.QueryAsync(All, CancellationToken.None);
        Assert.Equal(2, entries.Count);
        var withheld = Assert.Single(entries, e => e.Question == DemandEntryFactory.WithheldText);
        Assert.Equal(("", DemandOutcome.NoMatch), (withheld.Normalized, withheld.Outcome));
        Assert.Equal(1, log.Withheld);
    }

    [Fact]
    public async Task Events_are_stored_scrubbed_with_a_hashed_conversation_and_nothing_else()
    {
        var log = NewLog();
        await log.StartAsync(CancellationToken.None);
        for (var i = 0; i < 500; i++) await log.RecordAsync(Numbered(i), CancellationToken.None);
        Assert.True(await log.FlushAsync(CancellationToken.None));

        var entries = await log.Store.QueryAsync(All, CancellationToken.None);
        Assert.Equal(500, entries.Count);
        Assert.Equal(500, entries.Select(e => e.Id).Distinct().Count());
        var entry = entries.Single(e => e.Question.StartsWith("câu hỏi số 7,", StringComparison.Ordinal));
        Assert.Equal("câu hỏi số 7, sđt [SĐT]", entry.Question);
        Assert.Equal("câu hỏi số 7, sđt [SĐT]", entry.Normalized);
        Assert.Equal(32, entry.ConversationHash.Length);
        Assert.DoesNotContain("conv-7", entry.ConversationHash);
        Assert.Equal(("webchat", "ha-noi", "1.000002"), (entry.Channel, entry.ProvinceId, entry.FocusCode));
        Assert.False(File.Exists(SpillPath));
    }

    [Fact]
    public async Task A_host_torn_down_without_flushing_spills_what_it_held_and_the_next_start_replays_it()
    {
        var first = NewLog();
        // The writer never ran (torn down at once): everything is still in memory.
        for (var i = 0; i < 300; i++) await first.RecordAsync(Numbered(i), CancellationToken.None);
        await first.DisposeAsync();
        Assert.Equal(300, File.ReadLines(SpillPath).Count());
        Assert.DoesNotContain("0912345678", await File.ReadAllTextAsync(SpillPath));

        var second = NewLog();
        await second.StartAsync(CancellationToken.None);
        await FlushUntilReplayedAsync(second);
        Assert.Equal(300, await CountAsync(second));
        Assert.False(second.Spill.HasPending);
    }

    [Fact]
    public async Task A_locked_database_sends_entries_to_the_spill_file_and_they_are_replayed_when_it_is_free_again()
    {
        var log = NewLog(busyTimeoutSeconds: 1);
        await log.StartAsync(CancellationToken.None);
        for (var i = 0; i < 100; i++) await log.RecordAsync(Numbered(i), CancellationToken.None);
        Assert.True(await log.FlushAsync(CancellationToken.None));

        await using (var locker = new SqliteConnection($"Data Source={DbPath}"))
        {
            await locker.OpenAsync();
            await using (var begin = locker.CreateCommand())
            {
                begin.CommandText = "BEGIN EXCLUSIVE";
                await begin.ExecuteNonQueryAsync();
            }
            for (var i = 100; i < 200; i++) await log.RecordAsync(Numbered(i), CancellationToken.None);
            Assert.False(await log.FlushAsync(CancellationToken.None)); // Could not store: spilled, not lost.
            Assert.True(log.Spill.HasPending);
            Assert.Equal(100, log.Spilled);
            await using var rollback = locker.CreateCommand();
            rollback.CommandText = "ROLLBACK";
            await rollback.ExecuteNonQueryAsync();
        }

        for (var i = 200; i < 250; i++) await log.RecordAsync(Numbered(i), CancellationToken.None);
        await FlushUntilReplayedAsync(log);
        Assert.Equal(250, await CountAsync(log));
    }

    [Fact]
    public async Task A_corrupt_spill_line_is_skipped_reported_and_kept_aside()
    {
        var first = NewLog();
        for (var i = 0; i < 20; i++) await first.RecordAsync(Numbered(i), CancellationToken.None);
        await first.DisposeAsync();
        var lines = File.ReadAllLines(SpillPath).ToList();
        lines.Insert(5, "{\"id\": \"broken\", \"this is not\": ");
        lines.Insert(9, "garbage ☃ line");
        lines.Add(lines[0][..40]); // The last line cut short by a crash.
        File.WriteAllText(SpillPath, string.Join("\n", lines) + "\n");

        var logger = new ListLogger();
        var second = NewLog(logger: logger);
        await second.StartAsync(CancellationToken.None);
        await FlushUntilReplayedAsync(second);

        Assert.Equal(20, await CountAsync(second));
        Assert.Equal(3, File.ReadLines(second.Spill.CorruptPath).Count());
        Assert.Equal(3, logger.Warnings.Count(w => w.Contains("not a readable entry")));
        Assert.False(second.Spill.HasPending);
    }

    [Fact]
    public async Task A_full_queue_never_blocks_a_turn_the_overflow_goes_to_the_spill_file()
    {
        var log = NewLog(Fast with { QueueCapacity = 10 });
        for (var i = 0; i < 50; i++) await log.RecordAsync(Numbered(i), CancellationToken.None); // The writer is not running yet.
        Assert.Equal(40, log.Spilled);
        await log.StartAsync(CancellationToken.None);
        await FlushUntilReplayedAsync(log);
        Assert.Equal(50, await CountAsync(log));
    }

    [Fact]
    public async Task Stopping_flushes_the_queue_and_events_after_stop_are_spilled_not_lost()
    {
        var log = NewLog();
        await log.StartAsync(CancellationToken.None);
        for (var i = 0; i < 120; i++) await log.RecordAsync(Numbered(i), CancellationToken.None);
        await log.StopAsync(CancellationToken.None);
        Assert.Equal(120, await CountAsync(log));

        await log.RecordAsync(Numbered(999), CancellationToken.None); // A late turn.
        Assert.Single(File.ReadLines(SpillPath));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var log in _logs) await log.DisposeAsync();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }

    sealed class ListLogger : ILogger
    {
        public List<string> Warnings { get; } = [];
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel == LogLevel.Warning) lock (Warnings) Warnings.Add(formatter(state, exception));
        }
    }
}
