using System.Net;
using System.Text.RegularExpressions;
using CitizenBot.Admin;
using CitizenBot.Core.Catalogue;
using CitizenBot.Core.Demand;
using CitizenBot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CitizenBot.Tests.Admin;

/// <summary>A browser-like HTTP client for /admin: keeps cookies, does not follow redirects, reads anti-forgery tokens from forms.</summary>
public sealed partial class AdminClient : IDisposable
{
    public AdminClient(TestHost host)
    {
        Cookies = new CookieContainer();
        Http = new HttpClient(new HttpClientHandler { CookieContainer = Cookies, AllowAutoRedirect = false }) { BaseAddress = host.BaseAddress };
    }

    /// <summary>A browser on another machine: connects from <paramref name="address"/> (e.g. "127.0.0.2").</summary>
    public AdminClient(TestHost host, string address)
    {
        Cookies = new CookieContainer();
        Http = ClientAddresses.From(address, host.BaseAddress, Cookies);
    }

    public HttpClient Http { get; }
    public CookieContainer Cookies { get; }

    [GeneratedRegex("name=\"__af\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();

    /// <summary>The anti-forgery token of the form on <paramref name="path"/>.</summary>
    public async Task<string> TokenAsync(string path)
    {
        var html = await Http.GetStringAsync(path);
        return WebUtility.HtmlDecode(TokenField().Match(html).Groups[1].Value);
    }

    public async Task<HttpResponseMessage> SignInAsync(string name, string password)
    {
        var token = await TokenAsync("/admin/dang-nhap");
        return await Http.PostAsync("/admin/dang-nhap", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__af"] = token, ["name"] = name, ["password"] = password, ["returnUrl"] = "/admin",
        }));
    }

    public void Dispose() => Http.Dispose();
}

/// <summary>Seeds users and demand entries straight into the host's own store (as the CLI and the bot would).</summary>
public static class AdminSeed
{
    public const string Password = "mat-khau-rat-dai-2026";

    public static async Task UserAsync(TestHost host, string name, AdminRole role, params string[] provinces) =>
        await host.Services.GetRequiredService<IDemandStore>().SaveUserAsync(
            new AdminUser(name, PasswordHasher.Hash(Password), role, provinces, DateTimeOffset.UtcNow), CancellationToken.None);

    public static async Task EntriesAsync(TestHost host, params DemandEvent[] events)
    {
        var factory = host.Services.GetRequiredService<DemandEntryFactory>();
        await host.Services.GetRequiredService<IDemandStore>().AppendAsync(events.Select(factory.Create).ToList(), CancellationToken.None);
    }

    public static DemandEvent Event(string question, string province, DemandOutcome outcome = DemandOutcome.NoMatch, string? code = null, OnlineMode? mode = null,
        int daysAgo = 1, string conversation = "conv") =>
        new(DateTimeOffset.UtcNow.AddDays(-daysAgo), "webchat", province, question, question.ToLowerInvariant(), outcome,
            [new DemandCandidate("1.001193", 0.3)], code, mode, conversation + question.Length);
}
