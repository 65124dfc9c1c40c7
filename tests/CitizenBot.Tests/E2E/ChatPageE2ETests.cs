using Microsoft.Extensions.Time.Testing;
using System.Text.Json;
using System.Text.RegularExpressions;
using CitizenBot.Core.Protocol;
using CitizenBot.Tests.DirectLine;
using CitizenBot.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace CitizenBot.Tests.E2E;

/// <summary>The real chat page, the official Web Chat bundle and our Direct Line, in headless Chromium.</summary>
public sealed class ChatPageE2ETests(ITestOutputHelper output)
{
    const string Placeholder = "Nhập câu hỏi của bạn…";
    const string Question = "dang ky khai sinh cho con";

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Citizen_asks_without_diacritics_and_sees_the_answer_card_link_and_follow_up(bool polling)
    {
        await using var browser = await Browser.LaunchAsync(output);
        if (browser is null)
            return;
        await using var host = await TestHost.StartAsync(b =>
        {
            b.Services.RemoveAll<IBot>();
            b.Services.AddSingleton<IBot, CardTestBot>();
        });
        var page = await browser.NewPhonePageAsync();
        var problems = WatchForPageErrors(page);

        await page.GotoAsync(new Uri(host.BaseAddress, polling ? "/?polling=1" : "/").ToString());
        Assert.Equal("CitizenBot – Trợ lý dịch vụ công", await page.TitleAsync());
        var transcript = page.Locator(".webchat__basic-transcript");
        await Expect(Bubble(transcript, CardTestBot.Welcome)).ToBeVisibleAsync();

        var input = page.GetByPlaceholder(Placeholder);
        await input.FillAsync(Question);
        await input.PressAsync("Enter");

        await Expect(Bubble(transcript, Question)).ToBeVisibleAsync();
        await Expect(transcript.GetByText("Đăng ký khai sinh", new() { Exact = true }).First).ToBeVisibleAsync();
        await Expect(transcript.Locator("a[href^='https://dichvucong.gov.vn/']").First).ToBeVisibleAsync();
        Assert.StartsWith("https://dichvucong.gov.vn/", await OpenedUrlAsync(page, transcript.Locator("button.ac-pushButton", new() { HasText = "Nộp hồ sơ trực tuyến" })));

        // The user's message was confirmed (echo with its clientActivityID), not left "sending" or "failed".
        await Expect(page.GetByText("Không gửi được")).ToHaveCountAsync(0);

        await page.Locator(".webchat__suggested-action", new() { HasText = CardTestBot.FollowUp }).ClickAsync();
        await Expect(Bubble(transcript, CardTestBot.FeeAnswer)).ToBeVisibleAsync();

        await ScreenshotAsync(page, $"chat-page-{(polling ? "polling" : "websocket")}.png");
        Assert.Empty(problems);
    }

    [Fact]
    public async Task With_the_real_bot_the_question_gets_an_answer_card_with_the_online_service_link()
    {
        await using var browser = await Browser.LaunchAsync(output);
        if (browser is null)
            return;
        await using var host = await TestHost.StartAsync();
        if (host.Services.GetService<IBot>() is null)
        {
            output.WriteLine("SKIPPED: no IBot is registered by the host yet (the conversation bot, AddConversation, is not in the solution).");
            return;
        }
        var page = await browser.NewPhonePageAsync();
        var problems = WatchForPageErrors(page);
        await page.GotoAsync(host.BaseAddress.ToString());

        var transcript = page.Locator(".webchat__basic-transcript");
        await Expect(transcript.Locator(".webchat__bubble").First).ToBeVisibleAsync(); // the welcome
        var input = page.GetByPlaceholder(Placeholder);
        await input.FillAsync(Question);
        await input.PressAsync("Enter");

        await Expect(Bubble(transcript, Question)).ToBeVisibleAsync();
        await Expect(transcript.Locator(".webchat__bubble__content", new() { HasTextRegex = new Regex("khai sinh", RegexOptions.IgnoreCase) }).Nth(1))
            .ToBeVisibleAsync(new() { Timeout = 20_000 });
        // The answer card, and its first button opens the online service (or the procedure's page) on a government portal.
        var card = transcript.Locator(".ac-adaptiveCard").First;
        await Expect(card).ToBeVisibleAsync();
        var url = await OpenedUrlAsync(page, card.Locator("button.ac-pushButton").First);
        output.WriteLine("Answer card opens: " + url);
        Assert.Matches(@"^https://[^/]*(gov\.vn|dichvucong)", url);

        // A follow-up: a suggested action if the bot offers one, else the card's next button; either way the bot answers.
        var bubbles = await transcript.Locator(".webchat__bubble").CountAsync();
        var followUps = page.Locator(".webchat__suggested-action");
        var followUp = await followUps.CountAsync() > 0 ? followUps.First : card.Locator("button.ac-pushButton").Last;
        output.WriteLine("Follow-up clicked: " + await followUp.InnerTextAsync());
        await followUp.ClickAsync();
        await Expect(transcript.Locator(".webchat__bubble")).Not.ToHaveCountAsync(bubbles, new() { Timeout = 20_000 });
        await Expect(page.GetByText("Không gửi được")).ToHaveCountAsync(0);

        await ScreenshotAsync(page, "chat-page-real-bot.png");
        Assert.Empty(problems);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task After_a_reload_the_chat_shows_its_history_and_a_follow_up_answers_about_the_same_procedure(bool polling)
    {
        await using var browser = await Browser.LaunchAsync(output);
        if (browser is null)
            return;
        await using var host = await TestHost.StartAsync();
        var page = await browser.NewPhonePageAsync();
        var problems = WatchForPageErrors(page);
        await page.GotoAsync(new Uri(host.BaseAddress, polling ? "/?polling=1" : "/").ToString());

        var transcript = page.Locator(".webchat__basic-transcript");
        var cardTitle = transcript.Locator(".ac-adaptiveCard").GetByText("Thủ tục đăng ký khai sinh", new() { Exact = true });
        await Expect(transcript.Locator(".webchat__bubble").First).ToBeVisibleAsync(); // the welcome
        var welcome = (await transcript.Locator(".webchat__bubble__content").First.InnerTextAsync()).Split('\n')[0];
        var input = page.GetByPlaceholder(Placeholder);
        await input.FillAsync(Question);
        await input.PressAsync("Enter");
        await Expect(cardTitle).ToBeVisibleAsync(new() { Timeout = 20_000 });
        var conversationId = await SavedConversationIdAsync(page);
        Assert.NotNull(conversationId);

        await page.ReloadAsync();

        // The same conversation, replayed from its start: the welcome once, the question, the card.
        await Expect(Bubble(transcript, Question)).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Expect(cardTitle).ToBeVisibleAsync();
        await Expect(transcript.Locator(".webchat__bubble__content", new() { HasText = welcome })).ToHaveCountAsync(1);
        Assert.Equal(conversationId, await SavedConversationIdAsync(page));

        // The bot kept its state: a bare follow-up is about the procedure of the card shown before the reload.
        await input.FillAsync("phí bao nhiêu");
        await input.PressAsync("Enter");
        await Expect(transcript.Locator(".webchat__bubble__content", new() { HasTextRegex = new Regex("Lệ phí\\s+Thủ tục đăng ký khai sinh") }))
            .ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Expect(page.GetByText("Không gửi được")).ToHaveCountAsync(0);

        await ScreenshotAsync(page, $"chat-page-after-reload-{(polling ? "polling" : "websocket")}.png");
        Assert.Empty(problems);
    }

    [Theory]
    [InlineData(31, "01:00:00", 404)] // idle longer than DirectLine:ConversationIdleTimeout (30 min), token still valid: the conversation is gone
    [InlineData(11, "00:10:00", 403)] // the saved token has expired, the conversation has not
    public async Task A_conversation_that_has_expired_is_forgotten_and_a_new_one_starts(int idleMinutes, string tokenLifetime, int reconnectStatus)
    {
        await using var browser = await Browser.LaunchAsync(output);
        if (browser is null)
            return;
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 7, 1, 8, 0, 0, TimeSpan.Zero));
        await using var host = await TestHost.StartAsync(b =>
        {
            b.Services.RemoveAll<IBot>();
            b.Services.AddSingleton<IBot, CardTestBot>();
            b.Services.RemoveAll<TimeProvider>();
            b.Services.AddSingleton<TimeProvider>(clock);
        }, ("DirectLine:TokenLifetime", tokenLifetime));
        var page = await browser.NewPhonePageAsync();
        await page.GotoAsync(host.BaseAddress.ToString());
        var transcript = page.Locator(".webchat__basic-transcript");
        await Expect(Bubble(transcript, CardTestBot.Welcome)).ToBeVisibleAsync();
        var input = page.GetByPlaceholder(Placeholder);
        await input.FillAsync(Question);
        await input.PressAsync("Enter");
        await Expect(Bubble(transcript, Question)).ToBeVisibleAsync();
        // Web Chat shows the citizen's bubble before its post reaches the host: only the bot's answer proves the turn
        // was recorded before the clock moves (a post that arrives after the advance would keep the conversation alive).
        await Expect(transcript.Locator(".ac-adaptiveCard").First).ToBeVisibleAsync(new() { Timeout = 20_000 });
        var first = await SavedConversationIdAsync(page);
        Assert.NotNull(first);

        clock.Advance(TimeSpan.FromMinutes(idleMinutes));
        var problems = WatchForPageErrors(page);
        await page.ReloadAsync();

        await Expect(Bubble(transcript, CardTestBot.Welcome)).ToBeVisibleAsync();
        await Expect(transcript.Locator(".webchat__bubble__content", new() { HasText = Question })).ToHaveCountAsync(0);
        await input.FillAsync(CardTestBot.FollowUp);
        await input.PressAsync("Enter");
        await Expect(Bubble(transcript, CardTestBot.FeeAnswer)).ToBeVisibleAsync();
        var second = await SavedConversationIdAsync(page);
        Assert.NotNull(second);
        Assert.NotEqual(first, second);
        // The one expected failure is the reconnect of the saved conversation, which the browser logs.
        Assert.NotEmpty(problems);
        Assert.All(problems, p => Assert.Contains($"status of {reconnectStatus}", p));
    }

    /// <summary>Saves what the page shows (TestResults/screenshots) and says where.</summary>
    async Task ScreenshotAsync(IPage page, string fileName)
    {
        var path = Path.Combine(Browser.ScreenshotDirectory, fileName);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path });
        output.WriteLine("Screenshot: " + path);
    }

    static Task<string?> SavedConversationIdAsync(IPage page) =>
        page.EvaluateAsync<string?>("() => (JSON.parse(sessionStorage.getItem('citizenbot.conversation') || 'null') || {}).conversationId ?? null");

    [Fact]
    public async Task Without_the_bundle_the_page_says_so_in_Vietnamese()
    {
        await using var browser = await Browser.LaunchAsync(output);
        if (browser is null)
            return;
        await using var host = await TestHost.StartAsync();
        var page = await browser.NewPhonePageAsync();
        await page.RouteAsync("**/lib/webchat/webchat.js", route => route.FulfillAsync(new() { Status = 404, Body = "" }));
        await page.GotoAsync(host.BaseAddress.ToString());
        await Expect(page.GetByText("Không mở được khung trò chuyện")).ToBeVisibleAsync();
        await Expect(page.GetByText(new Regex("thiếu tệp /lib/webchat/webchat.js"))).ToBeVisibleAsync();
    }

    /// <summary>
    /// Clicks a button that opens a link in a new tab and returns the URL it opened. Nothing leaves the machine: every
    /// request to another host is answered locally with an empty page.
    /// </summary>
    static async Task<string> OpenedUrlAsync(IPage page, ILocator button)
    {
        var origin = new Uri(page.Url).GetLeftPart(UriPartial.Authority);
        await page.Context.RouteAsync(url => !url.StartsWith(origin, StringComparison.Ordinal),
            route => route.FulfillAsync(new() { Status = 200, ContentType = "text/html", Body = "<!doctype html><title>portal</title>" }));
        // The answer card's online button may go through our counting redirect (/di/…): what counts is the first address
        // outside this host that the browser is sent to (the redirect's target, or the button's own link).
        var leaving = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnRequest(object? sender, IRequest request)
        {
            if (!request.Url.StartsWith(origin, StringComparison.Ordinal)) leaving.TrySetResult(request.Url);
        }
        page.Context.Request += OnRequest;
        try
        {
            var popup = await page.Context.RunAndWaitForPageAsync(() => button.ClickAsync());
            var url = await leaving.Task.WaitAsync(TimeSpan.FromSeconds(20));
            await popup.CloseAsync();
            return url;
        }
        finally
        {
            page.Context.Request -= OnRequest;
        }
    }

    /// <summary>Page errors, failed requests and CSP violations: a working page has none.</summary>
    static List<string> WatchForPageErrors(IPage page)
    {
        var problems = new List<string>();
        page.PageError += (_, error) => problems.Add("page error: " + error);
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && !message.Text.Contains("favicon", StringComparison.Ordinal))
                problems.Add("console error: " + message.Text);
        };
        page.RequestFailed += (_, request) => problems.Add($"request failed: {request.Url} {request.Failure}");
        return problems;
    }

    /// <summary>The message bubble showing this text (Web Chat also repeats it in hidden accessibility labels).</summary>
    static ILocator Bubble(ILocator transcript, string text) => transcript.Locator(".webchat__bubble__content", new() { HasText = text }).First;

    static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}

/// <summary>A stand-in bot that answers like the real one will: a card, a link to the online service, a follow-up.</summary>
public sealed class CardTestBot : IBot
{
    public const string Welcome = "Xin chào! Tôi là CitizenBot, trợ lý dịch vụ công.";
    public const string FollowUp = "Lệ phí bao nhiêu?";
    public const string FeeAnswer = "Đăng ký khai sinh đúng hạn được miễn lệ phí.";
    const string ServiceUrl = "https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=1.001193";

    public Task<IReadOnlyList<Activity>> OnTurnAsync(Activity incoming, CancellationToken cancellationToken)
    {
        IReadOnlyList<Activity> replies = incoming switch
        {
            { Type: ActivityTypes.ConversationUpdate } => [new Activity { Text = Welcome }],
            { Type: ActivityTypes.Message, Text: FollowUp } => [new Activity { Text = FeeAnswer }],
            { Type: ActivityTypes.Message } =>
            [
                new Activity
                {
                    Text = $"Thủ tục phù hợp nhất: [Đăng ký khai sinh]({ServiceUrl}) — nộp trực tuyến toàn trình.",
                    Attachments =
                    [
                        new Attachment
                        {
                            ContentType = ContentTypes.HeroCard,
                            Content = new HeroCard
                            {
                                Title = "Đăng ký khai sinh",
                                Subtitle = "UBND cấp xã · Dịch vụ công trực tuyến toàn trình",
                                Text = "Giấy tờ: tờ khai, giấy chứng sinh. Thời hạn: ngay trong ngày.",
                                Buttons = [new CardAction { Type = "openUrl", Title = "Nộp hồ sơ trực tuyến", Value = ServiceUrl }],
                            },
                        },
                    ],
                    SuggestedActions = new SuggestedActions { Actions = [new CardAction { Type = "imBack", Title = FollowUp, Value = FollowUp }] },
                },
            ],
            _ => [],
        };
        return Task.FromResult(replies);
    }
}
