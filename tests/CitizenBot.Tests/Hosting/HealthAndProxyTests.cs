using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CitizenBot.Core.Catalogue;
using CitizenBot.Core.Search;
using CitizenBot.Tests.DirectLine;
using CitizenBot.Tests.Infrastructure;

namespace CitizenBot.Tests.Hosting;

/// <summary>/health/live and /health/ready (framework health checks), and forwarded headers from configured proxies only.</summary>
public sealed class HealthAndProxyTests
{
    [Fact]
    public async Task Live_has_no_checks_and_ready_reports_the_database_and_the_catalogue()
    {
        await using var host = await TestHost.StartAsync();
        using var live = await host.Client.GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        var liveBody = await live.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Healthy", liveBody.GetProperty("status").GetString());
        Assert.Empty(liveBody.GetProperty("checks").EnumerateObject());

        using var ready = await host.Client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        var checks = (await ready.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("checks");
        Assert.Equal("Healthy", checks.GetProperty("database").GetProperty("status").GetString());
        Assert.StartsWith("SQLite ", checks.GetProperty("database").GetProperty("description").GetString());
        Assert.Equal("Healthy", checks.GetProperty("catalogue").GetProperty("status").GetString());
        Assert.Matches("^[0-9]+ procedures indexed$", checks.GetProperty("catalogue").GetProperty("description").GetString());
    }

    [Fact]
    public async Task Ready_is_503_when_the_database_is_gone()
    {
        await using var host = await TestHost.StartAsync();
        // The data folder replaced by a file: the SQLite database can no longer be opened.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(host.DataDirectory, recursive: true);
        await File.WriteAllTextAsync(host.DataDirectory, "not a folder");
        try
        {
            using var ready = await host.Client.GetAsync("/health/ready");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            var database = (await ready.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("checks").GetProperty("database");
            Assert.Equal("Unhealthy", database.GetProperty("status").GetString());
            Assert.Equal(HttpStatusCode.OK, (await host.Client.GetAsync("/health/live")).StatusCode);
        }
        finally
        {
            File.Delete(host.DataDirectory);
            Directory.CreateDirectory(host.DataDirectory);
        }
    }

    [Fact]
    public async Task Behind_a_known_TLS_proxy_the_stream_url_is_wss_on_the_public_host()
    {
        await using var host = await TestHost.StartAsync(("ForwardedHeaders:KnownProxies:0", "127.0.0.1"));
        Assert.Equal("wss://bot.example.vn/", StreamUrlPrefix(await StartBehindProxyAsync(host)));
    }

    [Fact]
    public async Task Forwarded_headers_are_ignored_when_no_proxy_is_configured()
    {
        await using var host = await TestHost.StartAsync();
        Assert.Equal($"ws://{host.BaseAddress.Authority}/", StreamUrlPrefix(await StartBehindProxyAsync(host)));
    }

    [Fact]
    public async Task A_proxy_setting_that_is_no_address_stops_start_up_with_the_key_named()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => TestHost.StartAsync(("ForwardedHeaders:KnownProxies:0", "proxy.local")));
        Assert.Contains("ForwardedHeaders:KnownProxies", error.Message);
    }

    [Fact]
    public async Task A_catalogue_path_that_names_nothing_stops_start_up_with_the_key_named()
    {
        var missing = Path.Combine(Path.GetTempPath(), "citizenbot-no-such-catalogue-" + Guid.NewGuid().ToString("N"));
        var error = await Assert.ThrowsAnyAsync<Exception>(() => TestHost.StartAsync(("Catalogue:Path", missing)));
        Assert.Contains("Catalogue:Path", error.Message);
    }

    [Fact]
    public async Task An_analysis_folder_without_its_age_words_stops_start_up_with_the_file_named()
    {
        var indexData = Directory.CreateTempSubdirectory("citizenbot-no-ages-").FullName;
        try
        {
            var analysis = Directory.CreateDirectory(Path.Combine(indexData, "analysis")).FullName;
            foreach (var file in Directory.GetFiles(Path.Combine(RepoPaths.IndexData, "analysis")).Where(f => Path.GetFileName(f) != AgeWords.FileName))
                File.Copy(file, Path.Combine(analysis, Path.GetFileName(file)));
            var error = await Assert.ThrowsAsync<CatalogueLoadException>(() =>
                TestHost.StartAsync(("Catalogue:Path", RepoPaths.IndexData), ("Catalogue:IndexDataPath", indexData)));
            Assert.Contains(Path.Combine(analysis, AgeWords.FileName), error.Message);
        }
        finally
        {
            Directory.Delete(indexData, recursive: true);
        }
    }

    static async Task<string> StartBehindProxyAsync(TestHost host)
    {
        var client = new DirectLineTestClient(host.Client);
        using var request = client.Request(HttpMethod.Post, "/conversations");
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-Host", "bot.example.vn");
        request.Headers.Add("X-Forwarded-For", "203.0.113.7");
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (string)(await DirectLineTestClient.ReadObjectAsync(response))["streamUrl"]!;
    }

    static string StreamUrlPrefix(string streamUrl) => streamUrl[..(streamUrl.IndexOf("/v3/", StringComparison.Ordinal) + 1)];
}
