using System.Text.RegularExpressions;
using CitizenBot.Core.Catalogue;
using CitizenBot.Tests.E2E;
using CitizenBot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace CitizenBot.Tests.Lookup;

/// <summary>
/// The look-up pages in headless Chromium: a helper searches without diacritics on a phone, opens the procedure,
/// copies the summary, and prints the A4 sheet whose QR code must decode (with zbarimg) to the online-service link.
/// </summary>
public sealed class LookupBrowserTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Helper_searches_without_diacritics_opens_the_procedure_and_copies_the_summary()
    {
        await using var browser = await Browser.LaunchAsync(output);
        if (browser is null) return;
        await using var host = await TestHost.StartAsync();
        var catalogue = host.Services.GetRequiredService<ICatalogue>();
        var page = await browser.NewPhonePageAsync();
        await page.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"], new() { Origin = host.BaseAddress.GetLeftPart(UriPartial.Authority) });
        var problems = WatchForPageErrors(page);

        await page.GotoAsync(new Uri(host.BaseAddress, "/tra-cuu").ToString());
        // Keyboard first: Tab reaches the skip link, which leads to the main content.
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Bỏ qua, đến nội dung chính", await page.EvaluateAsync<string>("document.activeElement.textContent"));

        await page.GetByLabel("Tên thủ tục hoặc việc cần làm").FillAsync("dang ky khai sinh");
        await page.GetByLabel("Tỉnh/thành phố").SelectOptionAsync("ninh-binh");
        await page.GetByLabel("Tên thủ tục hoặc việc cần làm").PressAsync("Enter");

        var first = page.Locator(".result-name a").First;
        await Expect(first).ToHaveTextAsync("Thủ tục đăng ký khai sinh");
        await AssertNoHorizontalScrollAsync(page);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Browser.ScreenshotDirectory, "lookup-search-phone.png"), FullPage = true });

        await first.ClickAsync();
        // The URL is polled rather than awaited with WaitForURLAsync, which also waits for the "load" event: on the CI
        // machine that wait once timed out after 30 s with the page already shown and the network idle.
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/tra-cuu/1\.001193\?tinh=ninh-binh$"));
        await Expect(page.Locator("h1")).ToHaveTextAsync("Thủ tục đăng ký khai sinh");
        var expected = catalogue.FindByCode("1.001193")!.LinkFor(catalogue.FindProvince("ninh-binh"))!;
        Assert.Equal(expected, await page.Locator(".online a.button-link").GetAttributeAsync("href"));
        await AssertNoHorizontalScrollAsync(page);

        // The checklist ticks, and the copy button (shown by the script) puts the tóm tắt on the clipboard.
        var box = page.Locator(".checklist input[type=checkbox]").First;
        await box.CheckAsync();
        Assert.True(await box.IsCheckedAsync());
        await page.GetByRole(AriaRole.Button, new() { Name = "Sao chép tóm tắt" }).ClickAsync();
        await Expect(page.Locator(".copy-status")).ToContainTextAsync("Đã sao chép");
        var copied = await page.EvaluateAsync<string>("navigator.clipboard.readText()");
        Assert.Equal(await page.Locator("#tom-tat").InputValueAsync(), copied);
        Assert.EndsWith(expected + "\n", copied);

        await page.ScreenshotAsync(new() { Path = Path.Combine(Browser.ScreenshotDirectory, "lookup-detail-phone.png"), FullPage = true });
        Assert.Empty(problems);
    }

    [Fact]
    public async Task Print_view_fits_one_A4_page_and_its_QR_code_decodes_to_the_link()
    {
        await using var browser = await Browser.LaunchAsync(output);
        if (browser is null) return;
        if (!Zbar.Available(output.WriteLine)) return;
        await using var host = await TestHost.StartAsync();
        var catalogue = host.Services.GetRequiredService<ICatalogue>();
        var context = await browser.Chromium.NewContextAsync(new() { ViewportSize = new() { Width = 794, Height = 1123 }, DeviceScaleFactor = 2, Locale = "vi-VN" });
        var page = await context.NewPageAsync();
        var problems = WatchForPageErrors(page);

        await page.GotoAsync(new Uri(host.BaseAddress, "/tra-cuu/1.001193?tinh=hue").ToString());
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        Assert.False(await page.Locator("form.search, .share, .steps").First.IsVisibleAsync()); // screen-only parts hidden
        Assert.True(await page.Locator(".checklist input[type=checkbox]").First.IsVisibleAsync());
        var screenshot = Path.Combine(Browser.ScreenshotDirectory, "lookup-print-1.001193.png");
        await page.ScreenshotAsync(new() { Path = screenshot, FullPage = true });
        output.WriteLine("Print view: " + screenshot);

        var expected = catalogue.FindByCode("1.001193")!.LinkFor(catalogue.FindProvince("hue"))!;
        Assert.Equal(expected, await Zbar.DecodeFileAsync(screenshot));
        Assert.Equal(1, await PdfPagesAsync(page));
        Assert.Empty(problems);
    }

    /// <summary>The procedures hardest to fit on one sheet: most documents, longest texts, most submission methods.</summary>
    [Fact]
    public async Task The_longest_procedures_still_print_on_one_A4_page()
    {
        await using var browser = await Browser.LaunchAsync(output);
        if (browser is null) return;
        await using var host = await TestHost.StartAsync();
        var catalogue = host.Services.GetRequiredService<ICatalogue>();
        var hardest = new[]
        {
            catalogue.Procedures.MaxBy(p => p.Documents.Count)!,
            catalogue.Procedures.MaxBy(p => p.Documents.Sum(d => d.Name.Length))!,
            catalogue.Procedures.MaxBy(p => p.Name.Length)!,
            catalogue.Procedures.MaxBy(p => p.Methods.Count)!,
            catalogue.Procedures.MaxBy(p => p.Methods.Sum(m => (m.Fee?.Length ?? 0) + (m.ProcessingTime?.Length ?? 0)))!,
            catalogue.Procedures.MaxBy(p => (p.SubmissionAddress?.Length ?? 0) + (p.Agency?.Length ?? 0) + (p.Result?.Length ?? 0))!,
            catalogue.Procedures.MaxBy(p => p.Documents.Count(d => d.MustPresentOnly))!,
        }.DistinctBy(p => p.Code).ToList();
        // After curating the catalogue, LOOKUP_PRINT_ALL=1 prints every procedure (about a minute) instead of the extremes.
        if (Environment.GetEnvironmentVariable("LOOKUP_PRINT_ALL") == "1") hardest = [.. catalogue.Procedures];
        // The viewport is the A4 sheet's printable width (210 mm − 2 × 12 mm at 96 dpi), so a failure's screenshot shows the sheet.
        var context = await browser.Chromium.NewContextAsync(new() { Locale = "vi-VN", ViewportSize = new() { Width = 703, Height = 1043 } });
        var page = await context.NewPageAsync();
        foreach (var p in hardest)
        {
            await page.GotoAsync(new Uri(host.BaseAddress, $"/tra-cuu/{p.Code}?tinh=ho-chi-minh").ToString());
            var pages = await PdfPagesAsync(page);
            if (pages != 1 || hardest.Count < 20) output.WriteLine($"{p.Code}: {p.Documents.Count} documents, name {p.Name.Length} chars, {p.Methods.Count} methods → {pages} page(s)");
            if (pages != 1)
            {
                await page.EmulateMediaAsync(new() { Media = Media.Print });
                await page.ScreenshotAsync(new() { Path = Path.Combine(Browser.ScreenshotDirectory, $"lookup-print-{p.Code}.png"), FullPage = true });
                await page.EmulateMediaAsync(new() { Media = Media.Screen });
            }
            Assert.True(pages == 1, $"{p.Code} prints on {pages} pages");
        }
    }

    /// <summary>At 390 px (a phone) no look-up page scrolls sideways: the widest filter choices, a long result list, the
    /// procedures with the longest texts, and the 404 page.</summary>
    [Fact]
    public async Task Every_lookup_page_fits_a_390px_phone_without_horizontal_scroll()
    {
        await using var browser = await Browser.LaunchAsync(output);
        if (browser is null) return;
        await using var host = await TestHost.StartAsync();
        var catalogue = host.Services.GetRequiredService<ICatalogue>();
        var page = await browser.NewPhonePageAsync();
        Assert.Equal(390, page.ViewportSize!.Width);
        var problems = WatchForPageErrors(page);
        var longestField = catalogue.Procedures.Select(p => p.Field).MaxBy(f => f.Length)!;
        var paths = new List<string>
        {
            "/tra-cuu",
            "/tra-cuu?q=" + Uri.EscapeDataString("giấy phép"),
            "/tra-cuu?linh-vuc=" + Uri.EscapeDataString(longestField) + "&truc-tuyen=mot-phan&tinh=ho-chi-minh",
        };
        paths.AddRange(new[]
        {
            catalogue.Procedures.MaxBy(p => p.Name.Length)!, catalogue.Procedures.MaxBy(p => p.Documents.Count)!,
            catalogue.Procedures.MaxBy(p => p.Methods.Sum(m => (m.Fee?.Length ?? 0) + (m.ProcessingTime?.Length ?? 0)))!,
        }.Select(p => $"/tra-cuu/{p.Code}?tinh=ho-chi-minh"));
        foreach (var path in paths)
        {
            await page.GotoAsync(new Uri(host.BaseAddress, path).ToString());
            await Browser.AssertNoHorizontalScrollAsync(page, "lookup");
        }
        await page.ScreenshotAsync(new() { Path = Path.Combine(Browser.ScreenshotDirectory, "lookup-longest-phone.png"), FullPage = true });
        Assert.Empty(problems);

        Assert.Equal(404, (await page.GotoAsync(new Uri(host.BaseAddress, "/tra-cuu/9.999999").ToString()))!.Status);
        await Browser.AssertNoHorizontalScrollAsync(page, "lookup-not-found");
    }

    /// <summary>Prints the page to PDF on A4 (print stylesheet, @page rules) and counts its pages.</summary>
    static async Task<int> PdfPagesAsync(IPage page)
    {
        var pdf = await page.PdfAsync(new() { Format = "A4", PreferCSSPageSize = true, PrintBackground = true });
        return Regex.Matches(System.Text.Encoding.Latin1.GetString(pdf), @"/Type\s*/Page(?!s)").Count;
    }

    static Task AssertNoHorizontalScrollAsync(IPage page) => Browser.AssertNoHorizontalScrollAsync(page);

    /// <summary>Script errors, failed requests and CSP violations (console errors): a working page has none.</summary>
    static List<string> WatchForPageErrors(IPage page)
    {
        var problems = new List<string>();
        page.PageError += (_, error) => problems.Add("page error: " + error);
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && !message.Text.Contains("favicon", StringComparison.Ordinal)) problems.Add("console error: " + message.Text);
        };
        page.RequestFailed += (_, request) => problems.Add($"request failed: {request.Url} {request.Failure}");
        page.Response += (_, response) =>
        {
            if (response.Status >= 400) problems.Add($"HTTP {response.Status}: {response.Url}");
        };
        return problems;
    }

    static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
