using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace CitizenBot.BotConnector;

/// <summary>
/// The bearer token for bot → connector calls: an OAuth client-credentials token for scope
/// https://api.botframework.com/.default (docs/architecture.md, "Authentication"), fetched once and reused until shortly
/// before it expires, so a burst of replies costs one token request.
/// </summary>
public sealed class ConnectorTokenProvider(IHttpClientFactory clients, IOptions<BotOptions> options, TimeProvider time, ILogger<ConnectorTokenProvider> logger)
{
    public const string ClientName = "BotConnector.Token";
    public const string Scope = "https://api.botframework.com/.default";

    /// <summary>Refresh this long before expiry (or at half the lifetime of a short-lived token).</summary>
    static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);

    readonly SemaphoreSlim _fetching = new(1, 1);
    CachedToken? _cached;

    /// <summary>Null when no App ID is configured: the connector call then goes without an Authorization header.</summary>
    public async Task<string?> GetTokenAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.AuthenticationEnabled) return null;
        if (_cached is { } cached && time.GetUtcNow() < cached.RefreshAfter) return cached.Value;

        await _fetching.WaitAsync(cancellationToken);
        try
        {
            if (_cached is { } again && time.GetUtcNow() < again.RefreshAfter) return again.Value;
            _cached = await FetchAsync(settings, cancellationToken);
            return _cached.Value;
        }
        finally
        {
            _fetching.Release();
        }
    }

    /// <summary>Forget the token (the connector answered 401), so the next call fetches a fresh one.</summary>
    public void Invalidate() => _cached = null;

    async Task<CachedToken> FetchAsync(BotOptions settings, CancellationToken cancellationToken)
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = settings.MicrosoftAppId!,
            ["client_secret"] = settings.MicrosoftAppPassword ?? "",
            ["scope"] = Scope,
        });
        var endpoint = settings.ResolvedTokenEndpoint;
        using var response = await clients.CreateClient(ClientName).PostAsync(endpoint, form, cancellationToken);
        if (!response.IsSuccessStatusCode)
            throw new ConnectorException($"The token endpoint {endpoint} answered {(int)response.StatusCode}; check Bot:MicrosoftAppId, Bot:MicrosoftAppPassword and Bot:MicrosoftAppTenantId.");
        TokenResponse? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<TokenResponse>(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
        }
        catch (JsonException e)
        {
            throw new ConnectorException($"The token endpoint {endpoint} answered with invalid JSON: {e.Message}");
        }
        if (body?.AccessToken is not { Length: > 0 } token || body.ExpiresIn <= 0)
            throw new ConnectorException($"The token endpoint {endpoint} answered without access_token/expires_in.");

        var lifetime = TimeSpan.FromSeconds(body.ExpiresIn);
        var margin = lifetime > 2 * RefreshMargin ? RefreshMargin : lifetime / 2;
        logger.LogInformation("Got a Bot Connector token valid for {Seconds} s", body.ExpiresIn);
        return new CachedToken(token, time.GetUtcNow() + lifetime - margin);
    }

    sealed record CachedToken(string Value, DateTimeOffset RefreshAfter);

    sealed record TokenResponse(
        [property: JsonPropertyName("access_token")] string? AccessToken,
        [property: JsonPropertyName("expires_in"), JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)] long ExpiresIn,
        [property: JsonPropertyName("token_type")] string? TokenType);
}

/// <summary>A call to the Bot Connector service (or its token endpoint) failed after its retries.</summary>
public sealed class ConnectorException(string message) : Exception(message);
