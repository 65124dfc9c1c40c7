using System.Diagnostics;
using CitizenBot.Tests.Infrastructure;

namespace CitizenBot.Tests.Cli;

/// <summary>
/// Runs the built `citizenbot` (citizenbot.dll beside the test binaries) as its own process in the checkout, as a user
/// would: real argument parsing, exit codes, stdout and stderr, and no Console shared with other tests.
/// </summary>
public static class CliRunner
{
    public sealed record Run(int ExitCode, string Output, string Error);

    public static Task<Run> RunAsync(params string[] args) => RunAsync(new Dictionary<string, string?>(), args);

    /// <param name="environment">Variables for the child on top of ours (a null value removes one), e.g. Storage__PostgresConnectionString.</param>
    public static async Task<Run> RunAsync(IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepoPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = System.Text.Encoding.UTF8,
            StandardErrorEncoding = System.Text.Encoding.UTF8,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "citizenbot.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        // The repository's curated folder (provinces, lexicon) whatever the defaults resolve to.
        start.Environment["Catalogue__IndexDataPath"] = RepoPaths.IndexData;
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (name, value) in environment) start.Environment[name] = value;

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        // A safety net against a hung child, not a timing assertion.
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        await process.WaitForExitAsync(timeout.Token);
        return new Run(process.ExitCode, await output, await error);
    }
}
