using System.Text.Json;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Tokens;

namespace CitizenBot.BotConnector;

/// <summary>
/// The keys an issuer signs with, and for each key id the channels it is endorsed for (Bot Connector JWKS entries carry
/// an <c>endorsements</c> array; Azure AD keys for Emulator tokens do not).
/// </summary>
public sealed record SigningKeys(IReadOnlyList<SecurityKey> Keys, IReadOnlyDictionary<string, IReadOnlySet<string>> Endorsements)
{
    public bool IsEndorsed(string? keyId, string channelId) =>
        keyId is not null && Endorsements.TryGetValue(keyId, out var channels) && channels.Contains(channelId);
}

/// <summary>
/// Reads OpenID metadata, follows its <c>jwks_uri</c> and parses the key set together with the endorsements, which the
/// stock OpenID retriever drops. Used by a <see cref="ConfigurationManager{T}"/> that caches and refreshes the result.
/// </summary>
sealed class SigningKeysRetriever : IConfigurationRetriever<SigningKeys>
{
    public async Task<SigningKeys> GetConfigurationAsync(string address, IDocumentRetriever retriever, CancellationToken cancel)
    {
        var metadata = await retriever.GetDocumentAsync(address, cancel);
        string jwksUri;
        using (var document = JsonDocument.Parse(metadata))
        {
            jwksUri = document.RootElement.TryGetProperty("jwks_uri", out var uri) && uri.ValueKind == JsonValueKind.String
                ? uri.GetString()!
                : throw new InvalidOperationException($"OpenID metadata at {address} has no jwks_uri.");
        }
        var keysJson = await retriever.GetDocumentAsync(jwksUri, cancel);
        return Parse(keysJson);
    }

    public static SigningKeys Parse(string keysJson)
    {
        var set = new JsonWebKeySet(keysJson);
        var endorsements = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
        using var document = JsonDocument.Parse(keysJson);
        if (document.RootElement.TryGetProperty("keys", out var keys) && keys.ValueKind == JsonValueKind.Array)
            foreach (var key in keys.EnumerateArray())
                if (key.TryGetProperty("kid", out var kid) && kid.ValueKind == JsonValueKind.String
                    && key.TryGetProperty("endorsements", out var list) && list.ValueKind == JsonValueKind.Array)
                    endorsements[kid.GetString()!] = list.EnumerateArray()
                        .Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToHashSet(StringComparer.Ordinal);
        return new SigningKeys(set.GetSigningKeys().ToList(), endorsements);
    }
}

/// <summary>Fetches metadata and key documents through IHttpClientFactory (with the outbound retry policy), TLS only off loopback.</summary>
sealed class HttpClientDocumentRetriever(IHttpClientFactory clients) : IDocumentRetriever
{
    public const string ClientName = "BotConnector.OpenId";

    public async Task<string> GetDocumentAsync(string address, CancellationToken cancel)
    {
        if (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || !SecureEndpoint.IsAllowed(uri))
            throw new InvalidOperationException($"Refusing to fetch signing metadata from '{address}': https is required.");
        using var response = await clients.CreateClient(ClientName).GetAsync(uri, cancel);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"GET {address} answered {(int)response.StatusCode}.");
        return await response.Content.ReadAsStringAsync(cancel);
    }
}
