using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CitizenBot.Tests.Infrastructure;

/// <summary>
/// The real host as its own process (the built citizenbot.dll) on 127.0.0.1 with a free port, so a test can kill it
/// with SIGKILL as an operator's crash would. Its console output is kept (the last lines) for a failure message.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    readonly Process _process;
    readonly Queue<string> _lastLines = new();
    readonly string _dataDirectory;

    HostProcess(Process process, int port, string dataDirectory)
    {
        _process = process;
        Port = port;
        _dataDirectory = dataDirectory;
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Port { get; }
    public Uri BaseAddress => new($"http://127.0.0.1:{Port}/");
    public bool HasExited => _process.HasExited;

    public string LastOutput
    {
        get { lock (_lastLines) return string.Join('\n', _lastLines); }
    }

    public static HostProcess Start(params (string Key, string Value)[] settings)
    {
        var port = FreePort();
        var dataDirectory = Directory.CreateTempSubdirectory("citizenbot-replica-").FullName;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "citizenbot.dll"));
        foreach (var arg in new[]
                 {
                     "--urls", $"http://127.0.0.1:{port}", $"--Storage:DataDirectory={dataDirectory}",
                     $"--Catalogue:IndexDataPath={RepoPaths.IndexData}", $"--Dialogs:Path={RepoPaths.Dialogs}",
                     "--Logging:LogLevel:Default=Warning",
                 })
            start.ArgumentList.Add(arg);
        foreach (var (key, value) in settings)
            start.ArgumentList.Add($"--{key}={value}");
        start.Environment.Remove("Storage__PostgresConnectionString");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        return new HostProcess(Process.Start(start)!, port, dataDirectory);
    }

    /// <summary>Waits until /health/ready answers 200; fails with the host's output when it exits or takes too long.</summary>
    public async Task WaitReadyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"The host on port {Port} exited with {_process.ExitCode}:\n{LastOutput}");
            try
            {
                using var ready = await http.GetAsync("/health/ready");
                if (ready.StatusCode == HttpStatusCode.OK) return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"The host on port {Port} was not ready within {timeout}:\n{LastOutput}");
    }

    /// <summary>SIGKILL: no shutdown, no flush, connections cut.</summary>
    public void KillHard()
    {
        _process.Kill();
        _process.WaitForExit(10_000);
    }

    void Keep(string? line)
    {
        if (line is null) return;
        lock (_lastLines)
        {
            _lastLines.Enqueue(line);
            while (_lastLines.Count > 40) _lastLines.Dequeue();
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        try { Directory.Delete(_dataDirectory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

/// <summary>
/// Debian's haproxy in front of some hosts: round-robin per request (no stickiness), health-checked on /health/ready,
/// a request that cannot reach a replica is sent to another, and each response says which replica served it
/// (<c>X-Served-By</c>).
/// </summary>
public sealed class Haproxy : IAsyncDisposable
{
    const string Binary = "/usr/sbin/haproxy";
    readonly Process _process;
    readonly string _folder;

    Haproxy(Process process, string folder, int port)
    {
        _process = process;
        _folder = folder;
        Port = port;
    }

    public int Port { get; }
    public Uri BaseAddress => new($"http://127.0.0.1:{Port}/");

    /// <summary>
    /// Requests haproxy logged as not ended normally: "{status} {termination state} {server} {method}" and how many,
    /// e.g. "502 SH-- r1 POST" (the server closed the connection before its response's headers).
    /// </summary>
    public ConcurrentDictionary<string, int> Abnormal { get; } = new();

    void Count(string? line)
    {
        // log-format "%ST %tsc %s %HM": a normal end is status < 500 with termination state "----" (or "--" + persistence flags).
        if (line?.Split(' ') is not [var status, var state, ..] || !int.TryParse(status, out var code)) return;
        if (code >= 500 || !state.StartsWith("--", StringComparison.Ordinal))
            Abnormal.AddOrUpdate(line, 1, (_, n) => n + 1);
    }

    public static string? UnavailableReason() =>
        File.Exists(Binary) ? null : "haproxy is not installed (apt-get install -y haproxy)";

    public static async Task<Haproxy> StartAsync(IReadOnlyList<int> backends)
    {
        var port = HostProcess.FreePort();
        var folder = Directory.CreateTempSubdirectory("citizenbot-haproxy-").FullName;
        var config = Path.Combine(folder, "haproxy.cfg");
        await File.WriteAllTextAsync(config, $"""
            global
                maxconn 4096
                log stdout format raw local0
            defaults
                mode http
                log global
                log-format "%ST %tsc %s %HM"
                timeout connect 1s
                timeout client 120s
                timeout server 120s
                timeout tunnel 120s
                timeout check 5s
                retries 3
                option redispatch 1
            frontend citizenbot
                bind 127.0.0.1:{port}
                default_backend replicas
            backend replicas
                balance roundrobin
                option httpchk GET /health/ready
                http-request set-header X-Forwarded-Proto http
                http-response set-header X-Served-By %[srv_name]
            {string.Join("\n", backends.Select((b, i) => $"    server r{i} 127.0.0.1:{b} check inter 500ms fall 2 rise 2"))}
            """ + "\n"); // haproxy refuses a last line without its newline
        var start = new ProcessStartInfo(Binary) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "-db", "-f", config }) start.ArgumentList.Add(arg);
        var process = Process.Start(start)!;
        var proxy = new Haproxy(process, folder, port);
        process.OutputDataReceived += (_, e) => proxy.Count(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var http = new HttpClient { BaseAddress = proxy.BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        for (var i = 0; i < 100; i++)
        {
            if (process.HasExited) throw new InvalidOperationException($"haproxy exited with {process.ExitCode} (config {config})");
            try
            {
                using var ready = await http.GetAsync("/health/ready");
                if (ready.IsSuccessStatusCode) return proxy;
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("haproxy did not start forwarding within 10 s");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
