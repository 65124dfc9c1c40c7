using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CitizenBot.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace CitizenBot.Benchmarks;

/// <summary>
/// Starts the real host in this process on 127.0.0.1 (embedded defaults: SQLite, the index-data catalogue) and drives
/// many Direct Line conversations at once over loopback, written against the wire protocol (docs/architecture.md, "Direct Line 3.0"):
/// POST /tokens/generate, POST /conversations, then for each turn POST …/activities and wait for the bot's message
/// whose replyToId is the posted id — by polling GET …/activities?watermark= or on the conversation's WebSocket.
/// Turn latency runs from the POST to the reply being seen. Closed loop: each conversation sends its next question as
/// soon as it has the answer (plus an optional think time).
/// With <see cref="Settings.Urls"/> it drives hosts started separately instead (the load generator in its own process,
/// so the figures are the host's alone: its garbage collections, its CPU; start them with <see cref="HostArguments"/>);
/// with several, each request goes to the next host in turn, as a round-robin proxy without stickiness would send it
/// (replicas on one PostgreSQL; <c>load-separate.sh</c> starts them).
/// </summary>
static class LoadBenchmark
{
    const string Secret = "benchmark-direct-line-secret";

    /// <param name="Rate">Turns per second offered by all conversations together, each on a fixed schedule (0: closed loop).</param>
    public sealed record Settings(int Conversations, int Turns, string Transport, int PollMilliseconds, int ThinkMilliseconds,
        int TurnTimeoutSeconds, string? Catalogue, double Rate = 0, int WarmUpTurns = 5, IReadOnlyList<Uri>? Urls = null, string? Timeline = null);

    /// <summary>
    /// The host's settings for a load test: the benchmark's Direct Line secret, and abuse limits out of the way (one
    /// client address drives everything here). A host started by hand for <c>--url</c> needs the same.
    /// </summary>
    public static readonly string[] HostArguments =
    [
        $"--DirectLine:Secret={Secret}",
        "--DirectLine:PermitsPerMinute=100000000", "--DirectLine:StartsPerMinutePerAddress=100000000", "--DirectLine:StartsPerMinute=100000000",
        "--BotConnector:PermitsPerMinute=1000000",
        "--Logging:LogLevel:Default=Warning", "--Logging:LogLevel:Microsoft.AspNetCore=Error",
    ];

    public static async Task<int> RunAsync(Settings settings, TextWriter output)
    {
        output.WriteLine($"machine: {Machine.Describe()}");
        if (settings.Urls is { Count: > 0 } urls)
        {
            output.WriteLine($"hosts: {string.Join(", ", urls)}{(urls.Count > 1 ? ", each request to the next in turn" : "")} " +
                             $"(started separately; their settings must include: {string.Join(' ', HostArguments)})");
            return await DriveAsync([.. urls.Select(u => u.ToString())], settings, output, "load generator only");
        }
        var dataDirectory = Directory.CreateTempSubdirectory("citizenbot-bench-load-").FullName;
        List<string> args = ["--urls", "http://127.0.0.1:0", $"--Storage:DataDirectory={dataDirectory}", .. HostArguments];
        if (settings.Catalogue is { } catalogue) args.Add($"--Catalogue:Path={catalogue}");

        var startWatch = Stopwatch.StartNew();
        var app = BotHost.Build([.. args]);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        output.WriteLine($"host started in this process in {startWatch.Elapsed.TotalSeconds:0.0} s at {address}");
        try
        {
            return await DriveAsync([address], settings, output, "host + load generator, one process");
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(dataDirectory, recursive: true); } catch (IOException) { }
        }
    }

    /// <param name="measured">Whose garbage collections, CPU and memory this process's figures are.</param>
    static async Task<int> DriveAsync(IReadOnlyList<string> addresses, Settings settings, TextWriter output, string measured)
    {
        await using var memory = PeakMemory.Start();
        output.WriteLine($"{settings.Conversations} conversations x {settings.Turns} turns, transport {settings.Transport}" +
                         (settings.Transport == "polling" ? $" every {settings.PollMilliseconds} ms" : "") +
                         (settings.Rate > 0
                             ? $", paced at {settings.Rate:0} turns/s offered (each conversation asks every {settings.Conversations / settings.Rate * 1000:0} ms)"
                             : $", closed loop, think time {settings.ThinkMilliseconds} ms"));
        var http = new Hosts(addresses, TimeSpan.FromSeconds(settings.TurnTimeoutSeconds));
        using var _ = http;
        if (settings.WarmUpTurns > 0)
        {
            // Not counted: the first seconds of a fresh process run unoptimised JIT code and fill caches and
            // connection pools; a deployed host is long past them.
            var warmUp = new Run(http, settings with { Rate = 0, ThinkMilliseconds = 0, Turns = settings.WarmUpTurns });
            var warmUpWall = Stopwatch.StartNew();
            await warmUp.AskAllAsync(await warmUp.StartAllAsync());
            output.WriteLine($"warm-up (not counted): {warmUp.Latencies.Count} turns closed loop in {warmUpWall.Elapsed.TotalSeconds:0.00} s, " +
                             $"errors: {(warmUp.Errors.IsEmpty ? "none" : warmUp.Errors.Sum(e => e.Value))}");
        }
        var run = new Run(http, settings);
        var started = await run.StartAllAsync();
        var gcBefore = GcActivity.Now();
        await run.AskAllAsync(started);
        var wall = run.Clock.Elapsed;

        var turns = run.Latencies.Summarize();
        output.WriteLine($"turns completed: {turns.Count} of {settings.Conversations * settings.Turns} in {wall.TotalSeconds:0.00} s " +
                         $"= {turns.Count / wall.TotalSeconds:0.0} turns/s (whole run: the ramp and the last replies included; the conversations were started before it)");
        if (run.Steady() is { } steady)
        {
            var seconds = steady.To - steady.From;
            output.WriteLine($"steady window (every conversation asking: {steady.From:0.00}-{steady.To:0.00} s of the run" +
                             (settings.Rate > 0 ? $", {settings.Rate:0} turns/s offered" : "") + $"): {steady.Answered} turns answered in it " +
                             $"= {steady.Answered / seconds:0.0} turns/s (turns waiting for their reply at its start {steady.WaitingAtStart}, at its end {steady.WaitingAtEnd}); " +
                             $"latency of the {steady.Due} turns due in it: {steady.Latencies}");
        }
        output.WriteLine(settings.Rate > 0
            ? $"turn latency, all turns (scheduled send -> bot reply seen, so falling behind counts): {turns}"
            : $"turn latency, all turns (post -> bot reply seen): {turns}");
        if (settings.Timeline is { } timeline) run.WriteTimeline(timeline);
        output.WriteLine($"conversation start (generate token + start): {run.Starts.Summarize()}");
        output.WriteLine($"garbage collection and CPU ({measured}): {(GcActivity.Now() - gcBefore).Describe(turns.Count)}");
        output.WriteLine($"errors: {(run.Errors.IsEmpty ? "none" : string.Join("; ", run.Errors.OrderByDescending(e => e.Value).Select(e => $"{e.Key} x{e.Value}")))}");
        output.WriteLine($"machine after: {Machine.Describe()}");
        output.WriteLine($"peak working set ({measured}): {PeakMemory.Mib(memory.PhasePeakBytes)}; process peak {PeakMemory.Mib(PeakMemory.ProcessPeakBytes)}");
        return run.Errors.IsEmpty ? 0 : 1;
    }

    /// <summary>One client per host; each request goes to the next host in turn.</summary>
    sealed class Hosts(IReadOnlyList<string> addresses, TimeSpan timeout) : IDisposable
    {
        readonly HttpClient[] _clients = [.. addresses.Select(address =>
            new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5) })
            {
                BaseAddress = new Uri(address.TrimEnd('/') + "/v3/directline/"),
                Timeout = timeout,
            })];
        int _next = -1;

        public HttpClient Next() => _clients[(int)((uint)Interlocked.Increment(ref _next) % (uint)_clients.Length)];

        public void Dispose()
        {
            foreach (var client in _clients) client.Dispose();
        }
    }

    sealed class Run(Hosts http, Settings settings)
    {
        public LatencyRecorder Latencies { get; } = new();
        public LatencyRecorder Starts { get; } = new();
        public ConcurrentDictionary<string, int> Errors { get; } = new();
        /// <summary>Run time, started when the conversations are: every turn's due, sent and done times are read from it.</summary>
        public Stopwatch Clock { get; } = new();
        readonly ConcurrentQueue<TurnTimes> _turns = new();

        /// <summary>When one answered turn was due (its scheduled send; the send itself when not paced), sent and seen answered, in seconds of the run.</summary>
        readonly record struct TurnTimes(int Conversation, int Turn, double Due, double Sent, double Done);

        /// <summary>
        /// The steady part of the run: from the moment the last conversation's first turn was due (every conversation
        /// started and asking, so the full rate offered) to the moment the first conversation's last turn was due (none
        /// finished yet), so neither the ramp (conversation starts, phases spread over one interval) nor the wait for the
        /// run's last replies counts. <c>Answered</c> is the turns answered inside it: over its length, the turns
        /// completed per second while the full rate was offered (a host that falls behind answers fewer than are due; one
        /// that keeps up may also answer there what the ramp left waiting: the turns waiting at either end say which).
        /// Latency is that of the <c>Due</c> turns due inside it.
        /// </summary>
        public (double From, double To, int Due, int Answered, int WaitingAtStart, int WaitingAtEnd, LatencySummary Latencies)? Steady()
        {
            var byConversation = _turns.GroupBy(t => t.Conversation).ToList();
            if (byConversation.Count == 0) return null;
            var from = byConversation.Max(c => c.Min(t => t.Due));
            var to = byConversation.Min(c => c.Max(t => t.Due));
            if (to <= from) return null;
            var latencies = new LatencyRecorder();
            foreach (var t in _turns.Where(t => t.Due >= from && t.Due <= to)) latencies.Add(TimeSpan.FromSeconds(t.Done - t.Due));
            // Turns due but not answered yet at a moment: answered = offered + waiting at the start - waiting at the end.
            int Waiting(double at) => _turns.Count(t => t.Due <= at && t.Done > at);
            return (from, to, latencies.Count, _turns.Count(t => t.Done >= from && t.Done <= to), Waiting(from), Waiting(to), latencies.Summarize());
        }

        /// <summary>Every answered turn, one line each (tab-separated, seconds of the run): where in the run the slow ones were.</summary>
        public void WriteTimeline(string path) =>
            File.WriteAllLines(path, ["conversation\tturn\tdue\tsent\tdone\tlatency_ms",
                .. _turns.OrderBy(t => t.Due).Select(t => FormattableString.Invariant($"{t.Conversation}\t{t.Turn}\t{t.Due:0.0000}\t{t.Sent:0.0000}\t{t.Done:0.0000}\t{(t.Done - t.Due) * 1000:0.00}"))]);

        void Error(string kind) => Errors.AddOrUpdate(kind, 1, (_, n) => n + 1);

        /// <summary>A started conversation and, on the WebSocket transport, its reply stream.</summary>
        public sealed record Started(int Index, Conversation Conversation, ReplyStream? Stream);

        /// <summary>
        /// Starts every conversation (token, conversation, reply stream) before any turn: a paced run's schedule is then
        /// the one offered, each conversation's phase drawn over one interval. Anchored instead on the moment the host
        /// had finished starting each conversation (as before 2026-12-05 16:30), the phases took the shape of the
        /// host's start-up queue: in three runs 95, 44 and 52 of 200 conversations fell in one 50 ms of the 400 ms
        /// interval (25 on average), so the rate offered swung between about 270 and 850 turns/s every 400 ms.
        /// </summary>
        public async Task<IReadOnlyList<Started>> StartAllAsync()
        {
            var started = await Task.WhenAll(Enumerable.Range(0, settings.Conversations).Select(i => Task.Run(() => StartAsync(i))));
            return [.. started.OfType<Started>()];
        }

        /// <summary>Starts the run's clock and asks every started conversation's turns; closes their streams.</summary>
        public async Task AskAllAsync(IReadOnlyList<Started> started)
        {
            Clock.Start();
            await Task.WhenAll(started.Select(s => Task.Run(async () =>
            {
                await using var stream = s.Stream;
                await AskAsync(s);
            })));
        }

        async Task<Started?> StartAsync(int index)
        {
            var userId = UserId(index);
            var start = Stopwatch.StartNew();
            Conversation conversation;
            try
            {
                var generated = await SendAsync(HttpMethod.Post, "tokens/generate", Secret, new { user = new { id = userId, name = $"Người dùng {index}" } });
                var token = generated["token"]!.GetValue<string>();
                var started = await SendAsync(HttpMethod.Post, "conversations", token, new { user = new { id = userId }, locale = "vi-VN" });
                conversation = new Conversation(started["conversationId"]!.GetValue<string>(), started["token"]?.GetValue<string>() ?? token,
                    started["streamUrl"]?.GetValue<string>());
                Starts.Add(start.Elapsed);
            }
            catch (BenchmarkException e) { Error(e.Message); return null; }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { Error($"start: {e.GetType().Name}"); return null; }

            if (settings.Transport != "websocket") return new Started(index, conversation, null);
            return await ReplyStream.ConnectAsync(conversation, Error) is { } stream ? new Started(index, conversation, stream) : null;
        }

        static string UserId(int index) => $"bench-user-{index}";

        async Task AskAsync(Started started)
        {
            var (index, conversation, stream) = started;
            var userId = UserId(index);
            // Paced: each conversation asks on a fixed schedule of the run's clock, the conversations' phases spread
            // over one interval. With a think time instead, conversations start spread over one think time and pause
            // ±50% around it, so they do not all ask at the same instant (people don't); with neither it is a closed
            // loop at full speed.
            var random = new Random(index);
            var interval = settings.Rate > 0 ? TimeSpan.FromSeconds(settings.Conversations / settings.Rate) : TimeSpan.Zero;
            var phase = interval * random.NextDouble();
            if (settings.Rate <= 0 && settings.ThinkMilliseconds > 0) await Task.Delay(random.Next(settings.ThinkMilliseconds));
            var watermark = "";
            for (var turn = 0; turn < settings.Turns; turn++)
            {
                var question = Questions.All[(index * 7 + turn) % Questions.All.Count];
                // A paced turn whose previous reply came after it was due is timed from when it was due: a host that
                // falls behind shows it in the latency (no coordinated omission).
                var dueAt = Clock.Elapsed;
                if (settings.Rate > 0)
                {
                    var due = phase + interval * turn;
                    if (due > dueAt) await Task.Delay(due - dueAt);
                    dueAt = due;
                }
                var sentAt = Clock.Elapsed;
                try
                {
                    var posted = await SendAsync(HttpMethod.Post, $"conversations/{conversation.Id}/activities", conversation.Token, new
                    {
                        type = "message", from = new { id = userId, role = "user" }, text = question, locale = "vi-VN", textFormat = "plain",
                        channelData = new { clientActivityID = $"{index}-{turn}-{Guid.NewGuid():N}" },
                    });
                    var activityId = posted["id"]!.GetValue<string>();
                    if (stream is not null)
                        await stream.WaitForReplyAsync(activityId, TimeSpan.FromSeconds(settings.TurnTimeoutSeconds));
                    else
                        watermark = await PollForReplyAsync(conversation, activityId, watermark, Stopwatch.StartNew());
                    var doneAt = Clock.Elapsed;
                    Latencies.Add(doneAt - dueAt);
                    _turns.Enqueue(new TurnTimes(index, turn, dueAt.TotalSeconds, sentAt.TotalSeconds, doneAt.TotalSeconds));
                }
                catch (BenchmarkException e) { Error(e.Message); }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or TimeoutException) { Error($"turn: {e.GetType().Name}"); }
                if (settings.Rate <= 0 && settings.ThinkMilliseconds > 0) await Task.Delay(settings.ThinkMilliseconds / 2 + random.Next(settings.ThinkMilliseconds + 1));
            }
        }

        async Task<string> PollForReplyAsync(Conversation conversation, string activityId, string watermark, Stopwatch watch)
        {
            var deadline = TimeSpan.FromSeconds(settings.TurnTimeoutSeconds);
            while (watch.Elapsed < deadline)
            {
                var set = await SendAsync(HttpMethod.Get, $"conversations/{conversation.Id}/activities?watermark={Uri.EscapeDataString(watermark)}", conversation.Token, null);
                if (set["watermark"]?.GetValue<string>() is { Length: > 0 } next) watermark = next;
                if (set["activities"]!.AsArray().Any(a => IsReplyTo(a, activityId))) return watermark;
                await Task.Delay(settings.PollMilliseconds);
            }
            throw new BenchmarkException($"no reply within {settings.TurnTimeoutSeconds} s");
        }

        async Task<JsonNode> SendAsync(HttpMethod method, string path, string bearer, object? body)
        {
            using var request = new HttpRequestMessage(method, path);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
            if (body is not null) request.Content = JsonContent.Create(body);
            using var response = await http.Next().SendAsync(request);
            if (!response.IsSuccessStatusCode)
                throw new BenchmarkException($"{method} {Shape(path)} -> {(int)response.StatusCode}");
            return JsonNode.Parse(await response.Content.ReadAsStringAsync()) ?? throw new BenchmarkException($"{method} {Shape(path)} -> empty body");
        }

        /// <summary>Groups errors by route, not by conversation id.</summary>
        static string Shape(string path)
        {
            var segments = path.Split('?')[0].Split('/');
            if (segments is ["conversations", _, ..]) segments[1] = "{id}";
            return string.Join('/', segments);
        }
    }

    public static bool IsReplyTo(JsonNode? activity, string activityId) =>
        activity?["type"]?.GetValue<string>() == "message" && activity["replyToId"]?.GetValue<string>() == activityId;

    sealed record Conversation(string Id, string Token, string? StreamUrl);

    /// <summary>The conversation's WebSocket: every frame is an ActivitySet; replies are matched to posts by replyToId.</summary>
    sealed class ReplyStream : IAsyncDisposable
    {
        readonly ClientWebSocket _socket;
        readonly ConcurrentDictionary<string, TaskCompletionSource> _replies = new();
        readonly Task _receiving;
        readonly CancellationTokenSource _stop = new();

        ReplyStream(ClientWebSocket socket)
        {
            _socket = socket;
            _receiving = ReceiveAsync();
        }

        public static async Task<ReplyStream?> ConnectAsync(Conversation conversation, Action<string> error)
        {
            if (conversation.StreamUrl is null) { error("no streamUrl"); return null; }
            var socket = new ClientWebSocket();
            try
            {
                await socket.ConnectAsync(new Uri(conversation.StreamUrl), CancellationToken.None);
                return new ReplyStream(socket);
            }
            catch (WebSocketException e)
            {
                socket.Dispose();
                error($"websocket connect: {e.WebSocketErrorCode}");
                return null;
            }
        }

        TaskCompletionSource Reply(string activityId) => _replies.GetOrAdd(activityId, _ => new(TaskCreationOptions.RunContinuationsAsynchronously));

        public async Task WaitForReplyAsync(string activityId, TimeSpan timeout)
        {
            try
            {
                await Reply(activityId).Task.WaitAsync(timeout);
            }
            catch (TimeoutException)
            {
                throw new BenchmarkException($"no reply within {timeout.TotalSeconds:0} s");
            }
        }

        async Task ReceiveAsync()
        {
            var buffer = new byte[64 * 1024];
            using var frame = new MemoryStream();
            try
            {
                while (_socket.State == WebSocketState.Open)
                {
                    var result = await _socket.ReceiveAsync(buffer, _stop.Token);
                    if (result.MessageType == WebSocketMessageType.Close) return;
                    frame.Write(buffer, 0, result.Count);
                    if (!result.EndOfMessage) continue;
                    if (frame.Length > 0) Received(frame.GetBuffer().AsMemory(0, (int)frame.Length));
                    frame.SetLength(0);
                }
            }
            catch (Exception e) when (e is OperationCanceledException or WebSocketException) { }
        }

        /// <summary>
        /// Completes the waits for the bot messages of one frame (an ActivitySet). Read with a pooled <see cref="JsonDocument"/>
        /// straight from the bytes, not decoded to a string and built into a <see cref="JsonNode"/> tree: the generator
        /// shares the machine's cores with the host it measures, so what it spends per reply is taken from the host.
        /// </summary>
        void Received(ReadOnlyMemory<byte> frame)
        {
            using var set = JsonDocument.Parse(frame);
            if (!set.RootElement.TryGetProperty("activities", out var activities) || activities.ValueKind != JsonValueKind.Array) return;
            foreach (var activity in activities.EnumerateArray())
                if (activity.TryGetProperty("type", out var type) && type.ValueEquals("message")
                    && activity.TryGetProperty("replyToId", out var replyTo) && replyTo.GetString() is { } id)
                    Reply(id).TrySetResult();
        }

        public async ValueTask DisposeAsync()
        {
            if (_socket.State == WebSocketState.Open)
            {
                try { await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None); }
                catch (WebSocketException) { }
            }
            await _stop.CancelAsync();
            await _receiving;
            _socket.Dispose();
            _stop.Dispose();
        }
    }
}

sealed class BenchmarkException(string message) : Exception(message);
