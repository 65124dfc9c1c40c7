using System.CommandLine;
using System.Diagnostics;
using CitizenBot.Core.Demand;
using CitizenBot.Core.Protocol;
using CitizenBot.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace CitizenBot.Benchmarks;

/// <summary>`demandlog`: sustained demand logging (default 1,000 entries/s) while chat turns and searches are timed.</summary>
sealed class DemandLogCommand : Command
{
    public Option<int> Seconds { get; } = new("--seconds") { Description = "Length of each phase (without, then with logging)", DefaultValueFactory = _ => 20 };
    public Option<int> Rate { get; } = new("--rate") { Description = "Demand entries recorded per second during the second phase", DefaultValueFactory = _ => 1000 };
    public Option<int> Clients { get; } = new("--clients") { Description = "Concurrent clients alternating a chat turn and a search", DefaultValueFactory = _ => 4 };
    public Option<string?> Postgres { get; } = new("--postgres") { Description = "Npgsql connection string: log to PostgreSQL instead of the embedded SQLite file" };

    public DemandLogCommand() : base("demandlog", "Sustained demand logging while measuring chat-turn and search latency (p50/p99).")
    {
        Add(Seconds); Add(Rate); Add(Clients); Add(Postgres);
        SetAction((result, _) => DemandLogBenchmark.RunAsync(new DemandLogBenchmark.Settings(Math.Max(1, result.GetValue(Seconds)), Math.Max(0, result.GetValue(Rate)),
            Math.Max(1, result.GetValue(Clients)), result.GetValue(Postgres)), Console.Out));
    }
}

/// <summary>
/// The real host in this process (SQLite, or PostgreSQL with --postgres). Phases 1 and 3: clients alternate a chat turn
/// (IBot, in process: dialog, conversation state, demand recording) and GET /api/search over loopback. Phase 2: the
/// same, while a producer records demand events at the given rate through IDemandRecorder, as turns would. Reports
/// latency percentiles of both phases, the logging rate reached, and how long the writer took to catch up.
/// </summary>
static class DemandLogBenchmark
{
    public sealed record Settings(int Seconds, int Rate, int Clients, string? Postgres);

    static readonly string[] Samples =
    [
        "xin giấy phép nuôi ong lấy mật, sđt 0912 345 678",
        "tên tôi là Nguyễn Văn An cho hỏi đổi bằng lái quốc tế",
        "dang ky ban hang online o dau, cccd 001099012345",
        "thủ tục cấp phép khai thác cát sông",
        "xe 29A-123.45 bị phạt nguội nộp ở đâu",
    ];

    public static async Task<int> RunAsync(Settings settings, TextWriter output)
    {
        var dataDirectory = Directory.CreateTempSubdirectory("citizenbot-bench-demand-").FullName;
        List<string> args = ["--urls", "http://127.0.0.1:0", $"--Storage:DataDirectory={dataDirectory}", "--Logging:LogLevel:Default=Warning"];
        if (settings.Postgres is { Length: > 0 } pg) args.Add($"--Storage:PostgresConnectionString={pg}");
        output.WriteLine($"machine: {Machine.Describe()}");
        var app = BotHost.Build([.. args]);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var log = app.Services.GetRequiredService<DemandLog>();
        output.WriteLine($"demand log in {log.Store.Description}; {settings.Clients} clients, {settings.Seconds} s per phase, {settings.Rate} entries/s in phase 2");
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri(address) };
            var bot = app.Services.GetRequiredService<IBot>();
            await LoadAsync(bot, http, settings.Clients, TimeSpan.FromSeconds(Math.Max(5, settings.Seconds / 2)), 0, null); // Warm-up (JIT, caches).

            // A-B-A: without, with, without again, so drift of the machine shows instead of passing for a cost or a gain.
            var (chat1, search1) = await LoadAsync(bot, http, settings.Clients, TimeSpan.FromSeconds(settings.Seconds), 1, null);
            output.WriteLine($"without logging  chat turn: {chat1.Summarize()}");
            output.WriteLine($"                 search:    {search1.Summarize()}");

            var storedBefore = log.Stored + log.Spilled;
            var producer = new Producer(app.Services.GetRequiredService<IDemandRecorder>(), settings.Rate);
            var (chat2, search2) = await LoadAsync(bot, http, settings.Clients, TimeSpan.FromSeconds(settings.Seconds), 2, producer);
            var flush = Stopwatch.StartNew();
            await log.FlushAsync(CancellationToken.None);
            flush.Stop();
            output.WriteLine($"with logging     chat turn: {chat2.Summarize()}");
            output.WriteLine($"                 search:    {search2.Summarize()}");
            output.WriteLine($"recorded {producer.Recorded} entries in {producer.Elapsed.TotalSeconds:0.0} s ({producer.Recorded / producer.Elapsed.TotalSeconds:0} entries/s; " +
                             $"RecordAsync {producer.Latency.Summarize()}); stored+spilled {log.Stored + log.Spilled - storedBefore} (spilled {log.Spilled}); " +
                             $"writer caught up {flush.Elapsed.TotalMilliseconds:0} ms after the load ended");
            var (chat3, search3) = await LoadAsync(bot, http, settings.Clients, TimeSpan.FromSeconds(settings.Seconds), 3, null);
            output.WriteLine($"without again    chat turn: {chat3.Summarize()}");
            output.WriteLine($"                 search:    {search3.Summarize()}");
            return 0;
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
            try { Directory.Delete(dataDirectory, recursive: true); } catch (IOException) { }
        }
    }

    static async Task<(LatencyRecorder Chat, LatencyRecorder Search)> LoadAsync(IBot bot, HttpClient http, int clients, TimeSpan duration, int phase, Producer? producer)
    {
        var chat = new LatencyRecorder();
        var search = new LatencyRecorder();
        using var stop = new CancellationTokenSource(duration);
        var producing = producer?.RunAsync(stop.Token) ?? Task.CompletedTask;
        await Task.WhenAll(Enumerable.Range(0, clients).Select(client => Task.Run(async () =>
        {
            var turn = 0;
            while (!stop.IsCancellationRequested)
            {
                var question = Questions.All[(client * 7 + turn) % Questions.All.Count];
                var watch = Stopwatch.StartNew();
                await bot.OnTurnAsync(new CitizenBot.Core.Protocol.Activity
                {
                    Type = ActivityTypes.Message, Text = question, ChannelId = "benchmark", Id = $"{client}-{turn}",
                    From = new ChannelAccount { Id = $"user-{client}" }, Conversation = new ConversationAccount { Id = $"bench-{phase}-{client}-{turn / 10}" },
                }, CancellationToken.None);
                chat.Add(watch.Elapsed);
                watch.Restart();
                using var response = await http.GetAsync("/api/search?q=" + Uri.EscapeDataString(question), CancellationToken.None);
                response.EnsureSuccessStatusCode();
                search.Add(watch.Elapsed);
                turn++;
            }
        })));
        await producing;
        return (chat, search);
    }

    /// <summary>Records events at a steady rate: every 10 ms, the events due by then.</summary>
    sealed class Producer(IDemandRecorder recorder, int rate)
    {
        public int Recorded { get; private set; }
        public TimeSpan Elapsed { get; private set; }
        public LatencyRecorder Latency { get; } = new();

        public async Task RunAsync(CancellationToken stop)
        {
            if (rate == 0) return;
            var clock = Stopwatch.StartNew();
            using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(10));
            try
            {
                while (await timer.WaitForNextTickAsync(stop))
                {
                    var due = (int)(clock.Elapsed.TotalSeconds * rate);
                    while (Recorded < due)
                    {
                        var text = Samples[Recorded % Samples.Length];
                        var watch = Stopwatch.StartNew();
                        await recorder.RecordAsync(new DemandEvent(DateTimeOffset.UtcNow, "benchmark", "ha-noi", text, text.ToLowerInvariant(), DemandOutcome.NoMatch,
                            [new DemandCandidate("1.001193", 0.2)], null, null, $"bench-{Recorded % 500}"), CancellationToken.None);
                        Latency.Add(watch.Elapsed);
                        Recorded++;
                    }
                }
            }
            catch (OperationCanceledException)
            {
            }
            Elapsed = clock.Elapsed;
        }
    }
}
