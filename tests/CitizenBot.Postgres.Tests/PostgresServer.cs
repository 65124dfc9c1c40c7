using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;
using Xunit.Abstractions;

namespace CitizenBot.Postgres.Tests;

/// <summary>
/// A throwaway PostgreSQL cluster for tests: Debian's binaries (/usr/lib/postgresql/N/bin), initdb into a temp
/// folder, the server on 127.0.0.1 with a free port and trust authentication, fsync off. As root (initdb refuses to
/// run as root) the folder is given to the postgres user and every command runs through runuser. Stop and start
/// let fault tests take the server away under load.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    const string User = "citizenbot";
    readonly string _bin;
    readonly string _root;
    readonly bool _runAsPostgres;

    PostgresServer(string bin, string root, bool runAsPostgres, int port)
    {
        _bin = bin;
        _root = root;
        _runAsPostgres = runAsPostgres;
        Port = port;
    }

    public int Port { get; }
    string DataDirectory => Path.Combine(_root, "data");
    string LogFile => Path.Combine(_root, "server.log");

    public string ConnectionString(string database = "postgres") =>
        $"Host=127.0.0.1;Port={Port};Username={User};Database={database};Timeout=3;Command Timeout=10;Pooling=true";

    static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Why no server can be started here (no PostgreSQL binaries), or null when one can.</summary>
    public static string? UnavailableReason()
    {
        if (FindBin() is null)
            return "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb; apt-get install -y postgresql)";
        if (Environment.UserName == "root" && !File.Exists("/usr/sbin/runuser") && !File.Exists("/sbin/runuser"))
            return "running as root without runuser, and initdb refuses to run as root";
        return null;
    }

    /// <summary>True (after saying why) when the test cannot run here; fails the test instead when CI=true.</summary>
    public static bool SkipIfUnavailable(string? reason, ITestOutputHelper output)
    {
        if (reason is null) return false;
        if (InCi) Assert.Fail(reason + "; CI=true requires PostgreSQL.");
        output.WriteLine("SKIPPED: " + reason);
        return true;
    }

    public static async Task<PostgresServer> StartNewAsync()
    {
        var server = await CreateStoppedAsync();
        await server.StartAsync();
        return server;
    }

    /// <summary>A new cluster, not started: its port and <see cref="ConnectionString"/> are known before the server answers.</summary>
    public static async Task<PostgresServer> CreateStoppedAsync()
    {
        var bin = FindBin() ?? throw new InvalidOperationException(UnavailableReason());
        var root = Directory.CreateTempSubdirectory("citizenbot-pg-").FullName;
        var asPostgres = Environment.UserName == "root";
        if (asPostgres) await RunAsync("chown", ["-R", "postgres:postgres", root]);
        var server = new PostgresServer(bin, root, asPostgres, FreePort());
        await server.PgAsync("initdb", ["-D", server.DataDirectory, "-U", User, "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"]);
        return server;
    }

    public Task StartAsync() => PgAsync("pg_ctl",
    [
        "-D", DataDirectory, "-l", LogFile, "-w", "-t", "60",
        "-o", $"-p {Port} -h 127.0.0.1 -k {_root} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200",
        "start",
    ]);

    /// <summary>Stops the server at once ("fast": open connections are cut, as when a database host goes away).</summary>
    public Task StopAsync() => PgAsync("pg_ctl", ["-D", DataDirectory, "-m", "fast", "-w", "-t", "60", "stop"]);

    /// <summary>A new empty database, so each test starts clean.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = "t_" + Guid.NewGuid().ToString("N")[..16];
        await using var connection = new NpgsqlConnection(ConnectionString());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    async Task PgAsync(string tool, IReadOnlyList<string> args)
    {
        var path = Path.Combine(_bin, tool);
        if (_runAsPostgres) await RunAsync("runuser", ["-u", "postgres", "--", path, .. args]);
        else await RunAsync(path, args);
    }

    static async Task RunAsync(string file, IReadOnlyList<string> args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = "/tmp" };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited with {process.ExitCode}: {await stderr}{await stdout}");
    }

    static string? FindBin() =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => Path.Combine(d, "bin"))
                .Where(b => File.Exists(Path.Combine(b, "initdb")) && File.Exists(Path.Combine(b, "pg_ctl")))
                .OrderByDescending(b => int.TryParse(Path.GetFileName(Path.GetDirectoryName(b)), out var v) ? v : 0)
                .FirstOrDefault()
            : null;

    static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        try
        {
            await PgAsync("pg_ctl", ["-D", DataDirectory, "-m", "immediate", "-w", "-t", "30", "stop"]);
        }
        catch (InvalidOperationException)
        {
            // Already stopped.
        }
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

/// <summary>One server shared by the contract tests of the assembly (each test gets its own database).</summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    public PostgresServer? Server { get; private set; }
    public string? Unavailable { get; private set; } = PostgresServer.UnavailableReason();

    public async Task InitializeAsync()
    {
        if (Unavailable is not null) return;
        try
        {
            Server = await PostgresServer.StartNewAsync();
        }
        catch (Exception e)
        {
            Unavailable = "could not start a PostgreSQL server: " + e.Message;
        }
    }

    public async Task DisposeAsync()
    {
        if (Server is not null) await Server.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "PostgreSQL";
}
