using System.Net;
using CitizenBot.Core.Demand;
using CitizenBot.Demand;
using CitizenBot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CitizenBot.Tests.Demand;

/// <summary>The answer's online button: /di/{code} counts the click (nothing about the citizen) and sends them on.</summary>
public sealed class ClickThroughTests : IAsyncLifetime
{
    TestHost _host = null!;

    public async Task InitializeAsync() => _host = await TestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_click_is_counted_with_procedure_and_province_only_and_redirected_to_the_catalogue_link()
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = _host.BaseAddress };
        var response = await client.GetAsync("/di/1.000894?tinh=da-nang");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("https://", response.Headers.Location!.ToString());
        Assert.Contains(".gov.vn", response.Headers.Location!.Host);
        var log = _host.Services.GetRequiredService<DemandLog>();
        await log.FlushAsync(CancellationToken.None);
        var click = Assert.Single(await log.Store.QueryAsync(new DemandFilter(DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddHours(1)), CancellationToken.None));
        Assert.Equal((DemandOutcome.ClickThrough, "1.000894", "da-nang", "", ""), (click.Outcome, click.MatchedCode, click.ProvinceId, click.ConversationHash, click.Question));
        Assert.NotNull(click.ModeSource);
    }

    [Fact]
    public async Task Repeated_clicks_from_one_address_are_counted_up_to_the_limit_and_always_redirected()
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = _host.BaseAddress };
        for (var i = 0; i < ClickThroughEndpoint.CountedPerAddressPerMinute + 5; i++)
            Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/di/1.000894?tinh=da-nang")).StatusCode);
        var log = _host.Services.GetRequiredService<DemandLog>();
        await log.FlushAsync(CancellationToken.None);
        var clicks = await log.Store.QueryAsync(new DemandFilter(DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddHours(1)), CancellationToken.None);
        Assert.Equal(ClickThroughEndpoint.CountedPerAddressPerMinute, clicks.Count(c => c.Outcome == DemandOutcome.ClickThrough));
    }

    [Fact]
    public async Task An_unknown_procedure_is_a_404_problem_and_nothing_is_counted()
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = _host.BaseAddress };
        var response = await client.GetAsync("/di/9.999999?tinh=da-nang");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var log = _host.Services.GetRequiredService<DemandLog>();
        await log.FlushAsync(CancellationToken.None);
        Assert.Empty(await log.Store.QueryAsync(new DemandFilter(DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddHours(1)), CancellationToken.None));
    }
}
