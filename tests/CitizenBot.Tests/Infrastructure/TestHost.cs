using CitizenBot.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CitizenBot.Tests.Infrastructure;

/// <summary>
/// The real host on 127.0.0.1 with a random port and its own temporary data folder, for tests over real HTTP.
/// Extra settings are configuration keys, e.g. ("DirectLine:Secret", "s3cret").
/// </summary>
public sealed class TestHost : IAsyncDisposable
{
    readonly WebApplication _app;

    TestHost(WebApplication app, string dataDirectory)
    {
        _app = app;
        DataDirectory = dataDirectory;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.Replace("[::]", "127.0.0.1"));
        Client = new HttpClient { BaseAddress = BaseAddress };
    }

    public Uri BaseAddress { get; }
    public HttpClient Client { get; }
    public string DataDirectory { get; }
    public IServiceProvider Services => _app.Services;

    public static Task<TestHost> StartAsync(params (string Key, string Value)[] settings) => StartAsync(null, settings);

    /// <param name="configure">Runs on the builder before the host is built, e.g. to register a test IBot.</param>
    public static async Task<TestHost> StartAsync(Action<WebApplicationBuilder>? configure, params (string Key, string Value)[] settings)
    {
        var dataDirectory = Directory.CreateTempSubdirectory("citizenbot-test-").FullName;
        // The repository's index-data and dialogs explicitly: the host's own look-up walks up from the output folder,
        // which may be outside the checkout (dotnet test --artifacts-path /tmp/...).
        var args = new List<string>
        {
            "--urls", "http://127.0.0.1:0", $"--Storage:DataDirectory={dataDirectory}",
            $"--Catalogue:IndexDataPath={RepoPaths.IndexData}", $"--Dialogs:Path={RepoPaths.Dialogs}",
        };
        args.AddRange(settings.Select(s => $"--{s.Key}={s.Value}"));
        // Hosts of one test run share an index directory per catalogue: it is rebuilt only when its fingerprint changes,
        // so each host does not spend seconds re-indexing the same catalogue.
        if (!settings.Any(s => s.Key == "Storage:IndexPath"))
        {
            var catalogue = settings.Where(s => s.Key == "Catalogue:Path").Select(s => s.Value).FirstOrDefault() ?? "index-data";
            args.Add($"--Storage:IndexPath={SharedIndexPath(catalogue)}");
        }
        var app = BotHost.Build([.. args], builder =>
        {
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            configure?.Invoke(builder);
        });
        await app.StartAsync();
        return new TestHost(app, dataDirectory);
    }

    static readonly string SharedIndexDirectory = Directory.CreateTempSubdirectory("citizenbot-test-index-").FullName;

    static string SharedIndexPath(string catalogue) =>
        Path.Combine(SharedIndexDirectory, Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(catalogue)))[..16]);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
