using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.Tokens;

namespace CitizenBot.Tests.BotConnector;

/// <summary>
/// Stands in for login.botframework.com and login.microsoftonline.com on loopback: OpenID metadata and JWKS for Bot
/// Connector tokens (keys with endorsements) and for Emulator tokens (keys without), and the OAuth token endpoint the
/// bot uses for its replies, which counts the requests it gets.
/// </summary>
public sealed class FakeIdentityServer : IAsyncDisposable
{
    public const string IssuedTokenPrefix = "connector-token-";

    readonly WebApplication _app;
    readonly ConcurrentQueue<IReadOnlyDictionary<string, string>> _tokenRequests = new();
    int _issued;

    FakeIdentityServer(WebApplication app, Uri baseAddress, TestKeys keys)
    {
        _app = app;
        BaseAddress = baseAddress;
        Keys = keys;
    }

    public Uri BaseAddress { get; }
    public TestKeys Keys { get; }
    public Uri ChannelMetadataUrl => new(BaseAddress, "v1/.well-known/openidconfiguration");
    public Uri EmulatorMetadataUrl => new(BaseAddress, "common/v2.0/.well-known/openid-configuration");
    public Uri TokenEndpoint => new(BaseAddress, "botframework.com/oauth2/v2.0/token");

    /// <summary>The form fields of each token request, in order.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, string>> TokenRequests => [.. _tokenRequests];

    public static async Task<FakeIdentityServer> StartAsync(TestKeys keys)
    {
        FakeIdentityServer? server = null;
        var (app, baseAddress) = await LoopbackApp.StartAsync(app =>
        {
            app.MapGet("/v1/.well-known/openidconfiguration", (HttpContext http) => Results.Json(new Dictionary<string, object>
            {
                ["issuer"] = "https://api.botframework.com",
                ["authorization_endpoint"] = "https://invalid.botframework.com",
                ["jwks_uri"] = Self(http, "v1/.well-known/keys"),
                ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
                ["token_endpoint_auth_methods_supported"] = new[] { "private_key_jwt" },
            }));
            app.MapGet("/v1/.well-known/keys", () => Results.Text(Jwks(keys.ChannelKeys), "application/json"));
            app.MapGet("/common/v2.0/.well-known/openid-configuration", (HttpContext http) => Results.Json(new Dictionary<string, object>
            {
                ["issuer"] = "https://login.microsoftonline.com/{tenantid}/v2.0",
                ["jwks_uri"] = Self(http, "common/discovery/v2.0/keys"),
                ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            }));
            app.MapGet("/common/discovery/v2.0/keys", () => Results.Text(Jwks(keys.EmulatorKeys), "application/json"));
            app.MapPost("/botframework.com/oauth2/v2.0/token", async (HttpContext http) =>
            {
                var form = await http.Request.ReadFormAsync();
                server!._tokenRequests.Enqueue(form.ToDictionary(f => f.Key, f => f.Value.ToString()));
                var n = Interlocked.Increment(ref server._issued);
                return Results.Json(new Dictionary<string, object>
                {
                    ["token_type"] = "Bearer",
                    ["expires_in"] = 3600,
                    ["ext_expires_in"] = 3600,
                    ["access_token"] = IssuedTokenPrefix + n,
                });
            });
        });
        server = new FakeIdentityServer(app, baseAddress, keys);
        return server;
    }

    static string Self(HttpContext http, string path) => $"{http.Request.Scheme}://{http.Request.Host}/{path}";

    /// <summary>A JWKS document as Microsoft publishes it: RSA keys with kid, n, e and (Bot Connector only) endorsements.</summary>
    static string Jwks(IEnumerable<TestKey> keys) => JsonSerializer.Serialize(new
    {
        keys = keys.Select(k =>
        {
            var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(k.Key);
            var entry = new Dictionary<string, object> { ["kty"] = "RSA", ["use"] = "sig", ["kid"] = k.Key.KeyId, ["n"] = jwk.N, ["e"] = jwk.E };
            if (k.Endorsements is { } endorsements) entry["endorsements"] = endorsements;
            return entry;
        }),
    });

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
