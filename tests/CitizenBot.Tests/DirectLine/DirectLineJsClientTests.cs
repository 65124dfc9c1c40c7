using System.Diagnostics;
using System.Text.Json.Nodes;
using CitizenBot.Tests.Infrastructure;
using Xunit.Abstractions;

namespace CitizenBot.Tests.DirectLine;

/// <summary>
/// Microsoft's own Direct Line client, botframework-directlinejs (npm, the library inside Web Chat), run by Node against
/// the real host on 127.0.0.1 (tests/directlinejs/conversation.mjs): one conversation over the WebSocket, one by
/// polling, each outliving its short-lived token (DirectLine:TokenLifetime 6 s). DLJS reports ExpiredToken, the
/// page's side gets a fresh token with the secret and calls reconnect(), the citizen re-sends what failed; every
/// acknowledged message must be echoed and answered once, and no two different activities share an id. (The same
/// activity delivered again after reconnect() is DLJS's own doing — each Online status starts another poller or socket
/// — and Web Chat keys its transcript by id; the script counts it apart as "redelivered".) Skips with the reason when
/// Node or the npm packages are missing (fails with CI=true; .ci/run installs them).
/// </summary>
public sealed class DirectLineJsClientTests(ITestOutputHelper output)
{
    const string Secret = "directlinejs-test-secret";
    const int Turns = 5;
    static string Folder => Path.Combine(RepoPaths.Root, "tests", "directlinejs");

    static string? UnavailableReason()
    {
        if (FindNode() is null) return "Node.js is not installed (no node on PATH)";
        if (!Directory.Exists(Path.Combine(Folder, "node_modules", "botframework-directlinejs")))
            return $"the npm packages are not installed (npm ci --prefix {Folder})";
        return null;
    }

    static string? FindNode() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, "node")).FirstOrDefault(File.Exists);

    [Fact]
    public async Task DirectLineJs_outlives_its_token_over_websocket_and_polling_with_every_reply_once_and_unique_ids()
    {
        if (UnavailableReason() is { } reason)
        {
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
                Assert.Fail(reason + "; CI=true requires it.");
            output.WriteLine("SKIPPED: " + reason);
            return;
        }
        await using var host = await TestHost.StartAsync(
            ("DirectLine:Secret", Secret), ("DirectLine:TokenLifetime", "00:00:06"), ("DirectLine:TokenSigningKey", "directlinejs-test-signing-key-of-32-bytes"));

        var runs = await Task.WhenAll(RunAsync(host, "websocket"), RunAsync(host, "polling"));
        foreach (var run in runs)
        {
            output.WriteLine(run.ToJsonString());
            var mode = (string)run["mode"]!;
            Assert.True(Turns == run["acknowledged"]!.AsArray().Count, $"{mode}: every message acknowledged");
            Assert.True(Turns == (int)run["echoes"]!, $"{mode}: every acknowledged message echoed");
            Assert.True(Turns == (int)run["replied"]!, $"{mode}: every acknowledged message answered");
            Assert.True(0 == (int)run["answeredTwice"]!, $"{mode}: no message answered twice");
            Assert.True(0 == (int)run["duplicateIds"]!, $"{mode}: no two different activities share an id");
            Assert.True((int)run["expired"]! >= 1 && (int)run["reconnects"]! >= 1, $"{mode}: the token expired and DLJS reconnected with a new one");
        }
    }

    static async Task<JsonObject> RunAsync(TestHost host, string mode)
    {
        var start = new ProcessStartInfo(FindNode()!) { WorkingDirectory = Folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "conversation.mjs", host.BaseAddress.ToString(), Secret, mode, Turns.ToString(), "2500" })
            start.ArgumentList.Add(arg);
        using var node = Process.Start(start)!;
        var stdout = node.StandardOutput.ReadToEndAsync();
        var stderr = node.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await node.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            node.Kill(entireProcessTree: true);
            Assert.Fail($"{mode}: the DLJS script did not finish in 3 minutes: {await stderr}");
        }
        Assert.True(node.ExitCode == 0, $"{mode}: node exited with {node.ExitCode}: {await stderr}{await stdout}");
        var last = (await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries).Last();
        return JsonNode.Parse(last)!.AsObject();
    }
}
