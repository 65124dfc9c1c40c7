using CitizenBot.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace CitizenBot.Tests.Hosting;

public sealed class PeriodicWorkTests
{
    sealed class Counting(TimeProvider time, bool atStart, Func<int, Exception?> fail, int doneAfter = int.MaxValue) : PeriodicWork(time)
    {
        public int Runs;
        protected override bool Done => Runs >= doneAfter;
        public readonly List<DateTimeOffset> RunTimes = [];
        public readonly List<Exception> Logged = [];
        public readonly SemaphoreSlim Ran = new(0);
        protected override TimeSpan Interval => TimeSpan.FromMinutes(5);
        protected override bool RunsAtStart => atStart;

        protected override Task RunOnceAsync(CancellationToken ct)
        {
            var run = ++Runs;
            RunTimes.Add(Time.GetUtcNow());
            Ran.Release();
            return fail(run) is { } e ? Task.FromException(e) : Task.CompletedTask;
        }

        protected override bool Failed(Exception e)
        {
            if (e is not IOException) return false;
            Logged.Add(e);
            return true;
        }
    }

    static async Task Wait(SemaphoreSlim ran) => Assert.True(await ran.WaitAsync(TimeSpan.FromSeconds(10)), "the work did not run");

    [Fact]
    public async Task Runs_at_start_then_every_interval_and_carries_on_after_a_handled_failure()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 4, 8, 0, 0, TimeSpan.Zero));
        var work = new Counting(time, atStart: true, run => run == 2 ? new IOException("database down") : null);
        await work.StartAsync(default);
        await Wait(work.Ran);
        Assert.Equal(1, work.Runs);

        time.Advance(TimeSpan.FromMinutes(5));
        await Wait(work.Ran);
        time.Advance(TimeSpan.FromMinutes(5));
        await Wait(work.Ran);
        Assert.Equal(3, work.Runs);
        Assert.Single(work.Logged);
        await work.StopAsync(default);
    }

    [Fact]
    public async Task Waits_one_interval_when_not_run_at_start_and_stops_on_an_unhandled_failure()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 4, 8, 0, 0, TimeSpan.Zero));
        var start = time.GetUtcNow();
        var work = new Counting(time, atStart: false, _ => new InvalidOperationException("bug"));
        await work.StartAsync(default);
        // ExecuteAsync starts in the background: move the clock a minute at a time until the work runs.
        for (var i = 0; i < 200 && !await work.Ran.WaitAsync(TimeSpan.FromMilliseconds(50)); i++)
            time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, work.Runs);
        Assert.True(work.RunTimes[0] - start >= TimeSpan.FromMinutes(5), $"ran {work.RunTimes[0] - start} after start");
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => work.ExecuteTask!);
        Assert.Equal("bug", failure.Message);
        Assert.Empty(work.Logged);
    }

    [Fact]
    public async Task Ends_once_the_work_is_done()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 4, 8, 0, 0, TimeSpan.Zero));
        var work = new Counting(time, atStart: true, run => run == 1 ? new IOException("database down") : null, doneAfter: 2);
        await work.StartAsync(default);
        await Wait(work.Ran);
        time.Advance(TimeSpan.FromMinutes(5));
        await Wait(work.Ran);
        // Done after the second run: the loop has ended, and later ticks run nothing.
        await work.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(10));
        time.Advance(TimeSpan.FromMinutes(15));
        Assert.False(await work.Ran.WaitAsync(TimeSpan.FromMilliseconds(200)));
        Assert.Equal(2, work.Runs);
    }
}
