using System.Diagnostics;
using System.Text;
using CitizenBot.Tests.Infrastructure;
using Microsoft.Extensions.Logging;

namespace CitizenBot.Tests.Hosting;

/// <summary>
/// Issue 11, item 7: the host reads its own appsettings.json from any working directory, and no log line carries a
/// query-string secret (Direct Line's <c>t</c>, <c>token</c>, <c>code</c>, <c>secret</c>) or a citizen's question —
/// not even with the framework's request logging turned up to Information.
/// </summary>
public sealed class RequestLoggingTests
{
    const string Token = "eyJsecret-direct-line-token";
    const string Question = "tôi tên Lan muốn xin giấy phép nuôi rồng";

    static readonly string[] Requests =
    [
        $"/v3/directline/conversations/abc/stream?t={Token}",
        $"/v3/directline/conversations/abc/activities?watermark=1&token={Token}",
        $"/api/search?q={Uri.EscapeDataString(Question)}&top=3",
        $"/tra-cuu?q={Uri.EscapeDataString(Question)}",
        $"/?code={Token}&secret={Token}",
    ];

    [Fact]
    public async Task Request_logs_at_Information_redact_tokens_secrets_and_questions()
    {
        var logs = new CapturingLoggerProvider();
        await using (var host = await TestHost.StartAsync(builder => builder.Logging.AddProvider(logs),
            ("Logging:LogLevel:Default", "Information"), ("Logging:LogLevel:Microsoft.AspNetCore", "Information")))
        {
            foreach (var request in Requests)
                using (await host.Client.GetAsync(request)) { }
        }

        var lines = logs.Messages;
        Assert.All(lines, line =>
        {
            Assert.DoesNotContain(Token, line);
            Assert.DoesNotContain("muốn xin giấy phép", line);
            Assert.DoesNotContain(Uri.EscapeDataString("muốn"), line);
        });
        // Requests are still logged, by HttpLogging, with the values replaced.
        Assert.Contains(lines, l => l.Contains("/api/search") && l.Contains("q=%5Bredacted%5D") && l.Contains("top=3"));
        Assert.Contains(lines, l => l.Contains("/stream") && l.Contains("t=%5Bredacted%5D"));
    }

    [Fact]
    public async Task Host_started_from_another_directory_reads_its_own_appsettings_and_logs_no_request_details()
    {
        var workingDirectory = Directory.CreateTempSubdirectory("citizenbot-cwd-").FullName;
        var output = new StringBuilder();
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["ASPNETCORE_ENVIRONMENT"] = null, ["DOTNET_ENVIRONMENT"] = null, ["Logging__Console__FormatterName"] = "simple" },
        };
        foreach (var arg in new[]
        {
            Path.Combine(AppContext.BaseDirectory, "citizenbot.dll"), "--urls", "http://127.0.0.1:0",
            $"--Storage:DataDirectory={Path.Combine(workingDirectory, "data")}",
            $"--Catalogue:IndexDataPath={RepoPaths.IndexData}", $"--Dialogs:Path={RepoPaths.Dialogs}",
        })
            start.ArgumentList.Add(arg);

        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (output) output.AppendLine(e.Data);
            if (e.Data.Contains("Now listening on: ") && Uri.TryCreate(e.Data[(e.Data.IndexOf("http", StringComparison.Ordinal))..].Trim(), UriKind.Absolute, out var uri))
                listening.TrySetResult(uri);
        };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var baseAddress = await listening.Task.WaitAsync(TimeSpan.FromSeconds(90));
            using var client = new HttpClient { BaseAddress = baseAddress };
            foreach (var request in Requests)
                using (await client.GetAsync(request)) { }
        }
        finally
        {
            if (!process.HasExited)
            {
                using var term = Process.Start("kill", ["-TERM", process.Id.ToString()]); // A graceful stop flushes the console log.
                await term.WaitForExitAsync();
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                try { await process.WaitForExitAsync(timeout.Token); } catch (OperationCanceledException) { process.Kill(entireProcessTree: true); }
            }
            process.WaitForExit();
            try { Directory.Delete(workingDirectory, recursive: true); } catch (IOException) { }
        }

        var log = output.ToString();
        Assert.Contains("Now listening on", log); // Microsoft.Hosting.Lifetime is at Information in appsettings.json…
        Assert.DoesNotContain("Microsoft.AspNetCore.Routing", log); // …Microsoft.AspNetCore at Warning: appsettings.json was read.
        Assert.DoesNotContain(Token, log);
        Assert.DoesNotContain(Uri.EscapeDataString("muốn"), log);
    }
}
