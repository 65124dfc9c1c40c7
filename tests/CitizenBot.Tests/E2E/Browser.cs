using Microsoft.Playwright;
using Xunit.Abstractions;

namespace CitizenBot.Tests.E2E;

/// <summary>
/// Launches Debian's Chromium through Playwright the one way that works on our machines (docs/architecture.md, "Toolchain notes"):
/// never <c>playwright install</c>; a fixed executable, headless, no sandbox, no background network. A test calls
/// <see cref="LaunchAsync"/> and returns early when it gets null (no browser here, not in CI); with CI=true a missing
/// browser fails the test instead.
/// </summary>
public sealed class Browser : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    public static readonly IReadOnlyList<string> Args =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic",
    ];

    readonly IPlaywright _playwright;

    Browser(IPlaywright playwright, IBrowser chromium)
    {
        _playwright = playwright;
        Chromium = chromium;
    }

    public IBrowser Chromium { get; }

    /// <summary>Where screenshots go: TestResults/screenshots under the test output folder.</summary>
    public static string ScreenshotDirectory => Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots")).FullName;

    static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The browser, or null after writing why to the test output (only outside CI).</summary>
    public static async Task<Browser?> LaunchAsync(ITestOutputHelper output)
    {
        if (!File.Exists(ChromiumPath))
        {
            var reason = $"{ChromiumPath} is not installed (apt-get install -y chromium); browser test skipped.";
            if (InCi)
                Assert.Fail(reason + " CI=true requires it.");
            output.WriteLine("SKIPPED: " + reason);
            return null;
        }
        // A 2-core CI machine parses the 3.9 MB bundle slowly while other suites run: wait up to 30 s, not Playwright's 5 s.
        Assertions.SetDefaultExpectTimeout(30_000);
        var playwright = await Playwright.CreateAsync();
        try
        {
            var chromium = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ChromiumPath,
                Headless = true,
                Args = Args,
            });
            return new Browser(playwright, chromium);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    /// <summary>A fresh page at phone size (what most citizens use), locale vi-VN.</summary>
    public async Task<IPage> NewPhonePageAsync()
    {
        var context = await Chromium.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            Locale = "vi-VN",
            IsMobile = true,
            HasTouch = true,
        });
        context.SetDefaultTimeout(30_000);
        return await context.NewPageAsync();
    }

    /// <summary>
    /// Nothing makes the page wider than the screen (a long select option once made /admin 1,377 px wide on a phone):
    /// wide tables and charts must scroll inside their own box. Writes a screenshot named after the page when it fails.
    /// </summary>
    public static async Task AssertNoHorizontalScrollAsync(IPage page, string? name = null)
    {
        var viewport = page.ViewportSize?.Width ?? throw new InvalidOperationException("The page has no fixed viewport.");
        var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        if (width > viewport && name is not null)
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, $"too-wide-{name}.png"), FullPage = true });
        Assert.True(width <= viewport, $"{page.Url} is {width}px wide in a {viewport}px viewport");
    }

    public async ValueTask DisposeAsync()
    {
        await Chromium.DisposeAsync();
        _playwright.Dispose();
    }
}
