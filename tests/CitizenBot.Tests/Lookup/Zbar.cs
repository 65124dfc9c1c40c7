using System.Diagnostics;

namespace CitizenBot.Tests.Lookup;

/// <summary>
/// Decodes a QR code image with Debian's <c>zbarimg</c> (package zbar-tools): an independent reader, so the test
/// checks what a phone camera would read, not what our generator meant. Returns null when zbarimg is not installed
/// (outside CI; with CI=true that fails the test).
/// </summary>
public static class Zbar
{
    public const string Path = "/usr/bin/zbarimg";

    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static bool Available(Action<string>? log = null)
    {
        if (File.Exists(Path)) return true;
        var reason = $"{Path} is not installed (apt-get install -y zbar-tools); QR decoding skipped.";
        if (InCi) Assert.Fail(reason + " CI=true requires it.");
        log?.Invoke("SKIPPED: " + reason);
        return false;
    }

    public static async Task<string?> DecodeAsync(byte[] image, string extension, Action<string>? log = null)
    {
        if (!Available(log)) return null;
        var file = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"citizenbot-qr-{Guid.NewGuid():N}.{extension}");
        await File.WriteAllBytesAsync(file, image);
        try
        {
            return await DecodeFileAsync(file);
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>The text of the one QR code in the image (zbarimg --raw), or a failed assertion naming what zbarimg said.</summary>
    public static async Task<string> DecodeFileAsync(string file)
    {
        var start = new ProcessStartInfo(Path, ["--raw", "--quiet", "-Sdisable", "-Sqrcode.enable", file])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        var text = (await output).Trim();
        Assert.True(process.ExitCode == 0 && text.Length > 0, $"zbarimg found no QR code in {file} (exit {process.ExitCode}): {await error}");
        return text;
    }
}
