using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CitizenBot.Tests.BotConnector;

public sealed record TestKey(RsaSecurityKey Key, string[]? Endorsements);

/// <summary>
/// RSA keys made for the test run: the Bot Connector signing key (endorsed for a few channels), the Emulator's Azure AD
/// key, and a rogue key nobody publishes. Also makes the tokens the tests send.
/// </summary>
public sealed class TestKeys
{
    public const string AppId = "7f3c9d2e-test-app-id";
    public const string BotConnectorIssuer = "https://api.botframework.com";
    public const string EmulatorIssuerV1 = "https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/";
    public const string EmulatorIssuerV2 = "https://login.microsoftonline.com/d6d49420-f39b-4df7-a1dc-d59a935871db/v2.0";
    public static readonly string[] EndorsedChannels = ["webchat", "msteams", "directline"];

    public TestKey Channel { get; } = new(NewKey("bf-key-1"), EndorsedChannels);
    public TestKey Emulator { get; } = new(NewKey("aad-key-1"), null);
    /// <summary>Not in any published key set.</summary>
    public RsaSecurityKey Rogue { get; } = NewKey("rogue-key");
    /// <summary>Different key material under the published Bot Connector key id.</summary>
    public RsaSecurityKey Impostor { get; } = NewKey("bf-key-1");

    public IEnumerable<TestKey> ChannelKeys => [Channel];
    public IEnumerable<TestKey> EmulatorKeys => [Emulator];

    static RsaSecurityKey NewKey(string kid) => new(RSA.Create(2048)) { KeyId = kid };

    /// <summary>A Bot Connector token as the service sends it: iss api.botframework.com, aud = App ID, serviceurl claim.</summary>
    public string ChannelToken(string serviceUrl, string? audience = AppId, string issuer = BotConnectorIssuer,
        RsaSecurityKey? key = null, TimeSpan? expiresIn = null, string algorithm = SecurityAlgorithms.RsaSha256) =>
        Sign(key ?? Channel.Key, issuer, audience, new Dictionary<string, object> { ["serviceurl"] = serviceUrl }, expiresIn, algorithm);

    /// <summary>An Emulator token: Azure AD issuer, the app ID in appid (v1) or azp (v2).</summary>
    public string EmulatorToken(string version, string appId = AppId) =>
        Sign(Emulator.Key, version == "2.0" ? EmulatorIssuerV2 : EmulatorIssuerV1, AppId,
            new Dictionary<string, object> { ["ver"] = version, [version == "2.0" ? "azp" : "appid"] = appId, ["tid"] = "d6d49420-f39b-4df7-a1dc-d59a935871db" },
            null, SecurityAlgorithms.RsaSha256);

    /// <summary>A token with "alg":"none" and no signature, otherwise valid.</summary>
    public static string UnsignedToken(string serviceUrl)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var header = Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes("""{"alg":"none","typ":"JWT"}"""));
        var payload = Base64UrlEncoder.Encode(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["iss"] = BotConnectorIssuer, ["aud"] = AppId, ["serviceurl"] = serviceUrl,
            ["nbf"] = now - 60, ["iat"] = now - 60, ["exp"] = now + 3600,
        }));
        return $"{header}.{payload}.";
    }

    static string Sign(RsaSecurityKey key, string issuer, string? audience, Dictionary<string, object> claims, TimeSpan? expiresIn, string algorithm)
    {
        var now = DateTime.UtcNow;
        var expires = now + (expiresIn ?? TimeSpan.FromHours(1));
        var notBefore = (expires < now ? expires : now) - TimeSpan.FromHours(1);
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = notBefore,
            NotBefore = notBefore,
            Expires = expires,
            Claims = claims,
            SigningCredentials = new SigningCredentials(key, algorithm),
        });
    }
}
