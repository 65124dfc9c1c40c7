using System.Net;
using CitizenBot.Admin;
using CitizenBot.Core.Demand;
using CitizenBot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CitizenBot.Tests.Admin;

/// <summary>Dashboard sessions live server-side: signing out (or deleting the session) ends every copy of the cookie.</summary>
public sealed class AdminSessionTests : IAsyncLifetime
{
    TestHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await TestHost.StartAsync();
        await AdminSeed.UserAsync(_host, "quantri", AdminRole.Admin);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Signing_out_revokes_a_copied_cookie()
    {
        using var official = new AdminClient(_host);
        Assert.Equal(HttpStatusCode.Redirect, (await official.SignInAsync("quantri", AdminSeed.Password)).StatusCode);
        using var thief = CopyOf(official, "127.0.0.2");
        Assert.Equal(HttpStatusCode.OK, (await thief.Http.GetAsync("/admin")).StatusCode);

        var token = await official.TokenAsync("/admin");
        using var signOut = await official.Http.PostAsync("/admin/dang-xuat", new FormUrlEncodedContent(new Dictionary<string, string> { ["__af"] = token }));
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);

        using var page = await thief.Http.GetAsync("/admin");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Contains(AdminAuth.LoginPath, page.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Unauthorized, (await thief.Http.GetAsync("/admin/api/summary")).StatusCode);
    }

    [Fact]
    public async Task A_session_deleted_from_the_store_ends_at_the_next_request()
    {
        using var official = new AdminClient(_host);
        Assert.Equal(HttpStatusCode.Redirect, (await official.SignInAsync("quantri", AdminSeed.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await official.Http.GetAsync("/admin/api/summary")).StatusCode);

        // What another replica's sign-out does to the shared store.
        var store = _host.Services.GetRequiredService<IDemandStore>();
        Assert.Equal(1, await store.DeleteSessionsExpiredBeforeAsync(DateTimeOffset.UtcNow.AddDays(1), CancellationToken.None));
        Assert.Equal(HttpStatusCode.Unauthorized, (await official.Http.GetAsync("/admin/api/summary")).StatusCode);
    }

    /// <summary>Another browser, elsewhere, holding the same dashboard cookie.</summary>
    AdminClient CopyOf(AdminClient client, string address)
    {
        var copy = new AdminClient(_host, address);
        foreach (Cookie cookie in client.Cookies.GetAllCookies())
            if (cookie.Name == AdminAuth.CookieName)
                copy.Cookies.Add(new Cookie(cookie.Name, cookie.Value, cookie.Path, cookie.Domain));
        return copy;
    }
}
