using CitizenBot.Core.Catalogue;
using CitizenBot.Core.Demand;
using CitizenBot.Tests.E2E;
using CitizenBot.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace CitizenBot.Tests.Admin;

/// <summary>The dashboard in headless Chromium: sign in, see the chart, filter by province, drill down, export.</summary>
public sealed class AdminDashboardE2ETests(ITestOutputHelper output)
{
    [Fact]
    public async Task An_official_signs_in_sees_the_chart_filters_drills_down_and_exports()
    {
        await using var browser = await Browser.LaunchAsync(output);
        if (browser is null)
            return;
        await using var host = await TestHost.StartAsync();
        await AdminSeed.UserAsync(host, "quantri", AdminRole.Admin);
        await AdminSeed.EntriesAsync(host,
            AdminSeed.Event("xin giấy phép nuôi ong", "ha-noi", daysAgo: 1),
            AdminSeed.Event("xin giay phep nuoi ong, sdt 0912345678", "ha-noi", daysAgo: 2, conversation: "b"),
            AdminSeed.Event("đăng ký bán hàng online", "ninh-binh", daysAgo: 3),
            AdminSeed.Event("khai sinh", "ha-noi", DemandOutcome.Answered, "1.001193", OnlineMode.FullyOnline, daysAgo: 1),
            AdminSeed.Event("cấp giấy phép lái xe", "ninh-binh", DemandOutcome.NotFullyOnline, "3.000346", OnlineMode.Partial, daysAgo: 2));

        var context = await browser.Chromium.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 }, Locale = "vi-VN", AcceptDownloads = true,
        });
        var page = await context.NewPageAsync();
        var problems = new List<string>();
        page.Console += (_, m) => { if (m.Type == "error" && !m.Text.StartsWith("Failed to load resource", StringComparison.Ordinal)) problems.Add(m.Text); };
        // Every response but the browser's own favicon guess must succeed (a CSP-blocked stylesheet would show here too).
        page.Response += (_, r) => { if (r.Status >= 400 && !r.Url.EndsWith("/favicon.ico", StringComparison.Ordinal)) problems.Add($"{r.Status} {r.Url}"); };

        await page.GotoAsync(new Uri(host.BaseAddress, "/admin").ToString());
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/admin/dang-nhap"));
        await page.GetByLabel("Tên đăng nhập").FillAsync("quantri");
        await page.GetByLabel("Mật khẩu").FillAsync(AdminSeed.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Tổng quan" })).ToBeVisibleAsync();
        var chart = page.Locator("figure.volume svg.chart");
        await Expect(chart).ToBeVisibleAsync();
        Assert.True(await chart.Locator("rect.bar").CountAsync() >= 3);
        await Expect(page.Locator("table.unmet")).ToContainTextAsync("nuôi ong");
        await Expect(page.Locator("table.unmet")).ToContainTextAsync("bán hàng online");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Browser.ScreenshotDirectory, "admin-overview.png"), FullPage = true });

        // Filter: one province.
        await page.Locator("form.filters select[name=province]").SelectOptionAsync("ha-noi");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lọc" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("province=ha-noi"));
        await Expect(page.Locator("table.unmet")).ToContainTextAsync("nuôi ong");
        await Expect(page.Locator("table.unmet")).Not.ToContainTextAsync("bán hàng online");

        // Drill down to the scrubbed examples.
        await page.Locator("table.unmet a").First.ClickAsync();
        await Expect(page.Locator("table.entries")).ToContainTextAsync("sdt [SĐT]");
        await Expect(page.Locator("table.entries")).Not.ToContainTextAsync("0912345678");
        await Expect(page.Locator("form.mark")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Browser.ScreenshotDirectory, "admin-cluster.png"), FullPage = true });

        // Export what the filter shows.
        await page.GoBackAsync();
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("a.export", new() { HasText = "Nhu cầu chưa đáp ứng (CSV)" }).ClickAsync());
        Assert.Matches(@"^citizenbot-unmet-\d{8}-\d{8}\.csv$", download.SuggestedFilename);
        var file = await download.PathAsync();
        var csv = await File.ReadAllTextAsync(file);
        Assert.Contains("nuôi ong", csv);
        Assert.DoesNotContain("bán hàng online", csv);

        await page.GetByRole(AriaRole.Link, new() { Name = "Cần nâng cấp", Exact = true }).ClickAsync();
        await Expect(page.Locator("table.backlog")).ToContainTextAsync("3.000346");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Browser.ScreenshotDirectory, "admin-backlog.png"), FullPage = true });
        Assert.Empty(problems);
    }

    /// <summary>
    /// Every dashboard page on a 390 px phone, with the inputs that once widened it (the field dropdown's longest
    /// choice, long agency names, long questions): no horizontal scroll; tables and charts scroll inside their box.
    /// </summary>
    [Fact]
    public async Task Every_dashboard_page_fits_a_390px_phone_without_horizontal_scroll()
    {
        await using var browser = await Browser.LaunchAsync(output);
        if (browser is null)
            return;
        await using var host = await TestHost.StartAsync();
        await AdminSeed.UserAsync(host, "quantri", AdminRole.Admin);
        var longQuestion = "cho em hỏi thủ tục xin giấy phép nuôi ong lấy mật ở khu dân cư thì cần những giấy tờ gì và nộp ở đâu ạ khôngcódấucáchnàocảđểthửchiềurộngtrangtrênđiệnthoại";
        await AdminSeed.EntriesAsync(host,
            AdminSeed.Event(longQuestion, "ha-noi", daysAgo: 1),
            AdminSeed.Event("đăng ký bán hàng online", "ninh-binh", daysAgo: 40),
            AdminSeed.Event("khai sinh", "ha-noi", DemandOutcome.Answered, "1.001193", OnlineMode.FullyOnline, daysAgo: 1),
            AdminSeed.Event("cấp giấy phép lái xe", "ninh-binh", DemandOutcome.NotFullyOnline, "3.000346", OnlineMode.Partial, daysAgo: 2),
            AdminSeed.Event("cấp đổi giấy phép lái xe", "ho-chi-minh", DemandOutcome.NotFullyOnline, "3.000346", OnlineMode.Partial, daysAgo: 3, conversation: "c"));

        var page = await browser.NewPhonePageAsync();
        Assert.Equal(390, page.ViewportSize!.Width);
        await page.GotoAsync(new Uri(host.BaseAddress, "/admin/dang-nhap").ToString());
        await Browser.AssertNoHorizontalScrollAsync(page, "admin-sign-in");
        await page.GetByLabel("Tên đăng nhập").FillAsync("quantri");
        await page.GetByLabel("Mật khẩu").FillAsync(AdminSeed.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Tổng quan" })).ToBeVisibleAsync();

        var from = DateTime.UtcNow.AddDays(-60).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        foreach (var (path, name) in new[]
        {
            ($"/admin?from={from}", "admin-overview"), ($"/admin/nhu-cau?from={from}&handled=1", "admin-unmet"),
            ($"/admin/nang-cap?from={from}", "admin-backlog"), ("/admin/danh-muc-tinh?province=ha-noi", "admin-province-lists"),
            ("/admin/nhat-ky", "admin-audit"),
        })
        {
            var response = await page.GotoAsync(new Uri(host.BaseAddress, path).ToString());
            Assert.True(response!.Status == 200, $"{path}: {response.Status}");
            await Browser.AssertNoHorizontalScrollAsync(page, name);
        }
        // A group's detail page, with the long question and the mark form.
        await page.GotoAsync(new Uri(host.BaseAddress, $"/admin/nhu-cau?from={from}").ToString());
        await page.Locator("table.unmet a", new() { HasText = "nuôi ong" }).ClickAsync();
        await Expect(page.Locator("form.mark")).ToBeVisibleAsync();
        await Browser.AssertNoHorizontalScrollAsync(page, "admin-cluster");
        // Merged into the other need: the page it lands on lists both ways of asking, each one can be taken out again.
        await page.Locator("form.regroup select[name=into]").SelectOptionAsync(new SelectOptionValue { Label = "đăng ký bán hàng online (1 lượt)" });
        await page.Locator("form.regroup", new() { Has = page.Locator("select[name=into]") }).GetByRole(AriaRole.Button, new() { Name = "Gộp" }).ClickAsync();
        await Expect(page.Locator("ul.regroups")).ToContainTextAsync("đã được gộp vào nhóm này (mọi tỉnh)");
        await Expect(page.Locator("fieldset.wordings label")).ToHaveCountAsync(2);
        await Browser.AssertNoHorizontalScrollAsync(page, "admin-cluster-merged");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Browser.ScreenshotDirectory, "admin-cluster-merged-phone.png"), FullPage = true });
        // The backlog's charts come before its long table, and the table scrolls inside its own box.
        Assert.True(await page.GotoAsync(new Uri(host.BaseAddress, $"/admin/nang-cap?from={from}").ToString()) is { Status: 200 });
        var chartTop = await page.Locator("figure.chart").First.EvaluateAsync<double>("e => e.getBoundingClientRect().top");
        var tableTop = await page.Locator("table.backlog").EvaluateAsync<double>("e => e.getBoundingClientRect().top");
        Assert.True(chartTop < tableTop, $"chart at {chartTop}px, table at {tableTop}px");
        Assert.Equal("auto", await page.Locator("table.backlog").EvaluateAsync<string>("e => getComputedStyle(e.parentElement).overflowX"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Browser.ScreenshotDirectory, "admin-backlog-phone.png"), FullPage = true });
    }

    static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
    static IPageAssertions Expect(IPage page) => Assertions.Expect(page);
}
