using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace CitizenBot.DirectLine;

/// <summary>What a token grants: one conversation, one user, until it expires.</summary>
public sealed record DirectLineTokenClaims(string ConversationId, string UserId, DateTimeOffset ExpiresAt);

public enum TokenCheck { Valid, Expired, Invalid }

/// <summary>
/// Issues and checks Direct Line tokens: compact JWTs signed with HMAC-SHA256. The JWT shape matters: Web Chat
/// decodes the token and takes its <c>user</c> claim as the user ID (WC/core/sagas/connectSaga.js), so the ID the
/// browser sends always matches the one the token is bound to.
/// </summary>
public sealed class DirectLineTokenService
{
    static readonly byte[] Header = Encoding.UTF8.GetBytes("""{"alg":"HS256","typ":"JWT"}""");
    readonly byte[] _key;
    readonly TimeProvider _clock;
    readonly string _encodedHeader = Base64Url.EncodeToString(Header);

    public DirectLineTokenService(IOptions<DirectLineOptions> options, TimeProvider clock)
    {
        _clock = clock;
        Lifetime = options.Value.TokenLifetime;
        _key = options.Value.TokenSigningKey is { Length: > 0 } key ? Encoding.UTF8.GetBytes(key) : RandomNumberGenerator.GetBytes(32);
    }

    public TimeSpan Lifetime { get; }

    public string Issue(string conversationId, string userId)
    {
        var now = _clock.GetUtcNow();
        var payload = new TokenPayload(conversationId, userId, now.ToUnixTimeSeconds(), (now + Lifetime).ToUnixTimeSeconds());
        var signingInput = _encodedHeader + "." + Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(payload, TokenJson.Default.TokenPayload));
        return signingInput + "." + Base64Url.EncodeToString(Sign(signingInput));
    }

    public TokenCheck Check(string token, out DirectLineTokenClaims? claims)
    {
        claims = null;
        var parts = token.Split('.');
        if (parts.Length != 3 || parts[0] != _encodedHeader)
            return TokenCheck.Invalid;
        Span<byte> signature = stackalloc byte[64];
        if (!Base64Url.IsValid(parts[2]) || Base64Url.GetMaxDecodedLength(parts[2].Length) > signature.Length
            || !Base64Url.TryDecodeFromChars(parts[2], signature, out var written))
            return TokenCheck.Invalid;
        // Constant-time comparison so the signature cannot be guessed byte by byte.
        if (!CryptographicOperations.FixedTimeEquals(signature[..written], Sign(parts[0] + "." + parts[1])))
            return TokenCheck.Invalid;
        TokenPayload? payload;
        try
        {
            payload = JsonSerializer.Deserialize(Base64Url.DecodeFromChars(parts[1]), TokenJson.Default.TokenPayload);
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            return TokenCheck.Invalid;
        }
        if (payload is not { Conv.Length: > 0, User.Length: > 0 })
            return TokenCheck.Invalid;
        var expires = DateTimeOffset.FromUnixTimeSeconds(payload.Exp);
        if (_clock.GetUtcNow() >= expires)
            return TokenCheck.Expired;
        claims = new DirectLineTokenClaims(payload.Conv, payload.User, expires);
        return TokenCheck.Valid;
    }

    byte[] Sign(string signingInput) => HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(signingInput));
}

sealed record TokenPayload(
    [property: JsonPropertyName("conv")] string Conv,
    [property: JsonPropertyName("user")] string User,
    [property: JsonPropertyName("iat")] long Iat,
    [property: JsonPropertyName("exp")] long Exp);

[JsonSerializable(typeof(TokenPayload))]
sealed partial class TokenJson : JsonSerializerContext;
