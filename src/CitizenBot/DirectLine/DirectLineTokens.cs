using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CitizenBot.DirectLine;

/// <summary>What a token grants: one conversation, one user, until it expires.</summary>
public sealed record DirectLineTokenClaims(string ConversationId, string UserId, DateTimeOffset ExpiresAt);

public enum TokenCheck { Valid, Expired, Invalid }

/// <summary>
/// Issues and checks Direct Line tokens: JWTs signed with HMAC-SHA256 (the key from <see cref="TokenSigningKeySource"/>), written and
/// validated by the framework's <see cref="JsonWebTokenHandler"/> as the connector's are, on the host's clock. The JWT
/// shape matters: Web Chat decodes the token and takes its <c>user</c> claim as the user ID
/// (WC/core/sagas/connectSaga.js), so the ID the browser sends always matches the one the token is bound to. No issuer
/// or audience: the key signs nothing else, and tokens issued before an upgrade stay valid until they expire.
/// </summary>
public sealed class DirectLineTokenService
{
    const string ConversationClaim = "conv";
    const string UserClaim = "user";
    readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false, SetDefaultTimesOnTokenCreation = false };
    readonly Lazy<(SigningCredentials Signing, TokenValidationParameters Validation)> _key;
    readonly TimeProvider _clock;

    public DirectLineTokenService(IOptions<DirectLineOptions> options, TimeProvider clock, TokenSigningKeySource keys)
        : this(options.Value.TokenLifetime, clock, keys.Key) { }

    /// <param name="key">Read at the first token issued or checked, not at start: a generated key may live in the database.</param>
    public DirectLineTokenService(TimeSpan lifetime, TimeProvider clock, Func<byte[]> key)
    {
        _clock = clock;
        Lifetime = lifetime;
        _key = new(() => Credentials(new SymmetricSecurityKey(key()), clock));
    }

    static (SigningCredentials, TokenValidationParameters) Credentials(SymmetricSecurityKey key, TimeProvider clock) =>
        (new SigningCredentials(key, SecurityAlgorithms.HmacSha256), new TokenValidationParameters
        {
            IssuerSigningKey = key,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ValidateLifetime = true,
            // On the host's clock (tests move it), no skew; an expired token is told apart so DLJS hears "expired".
            LifetimeValidator = (_, expires, _, _) => expires is { } end && (clock.GetUtcNow().UtcDateTime < end
                ? true
                : throw new SecurityTokenExpiredException("The token has expired.") { Expires = end }),
            ValidateIssuer = false,
            ValidateAudience = false,
        });

    public TimeSpan Lifetime { get; }

    public string Issue(string conversationId, string userId)
    {
        var now = _clock.GetUtcNow().UtcDateTime;
        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Claims = new Dictionary<string, object> { [ConversationClaim] = conversationId, [UserClaim] = userId },
            IssuedAt = now,
            Expires = now + Lifetime,
            SigningCredentials = _key.Value.Signing,
        });
    }

    /// <summary>How many checked tokens <see cref="Check"/> remembers (all forgotten at once when full).</summary>
    public const int RememberedTokens = 4096;

    /// <summary>
    /// Tokens that passed the full check, with their claims: a conversation's token comes with every post (one a turn),
    /// and neither its signature nor its claims can change, so a token seen before is checked only for its expiry.
    /// </summary>
    readonly ConcurrentDictionary<string, DirectLineTokenClaims> _checked = new(StringComparer.Ordinal);

    public TokenCheck Check(string token, out DirectLineTokenClaims? claims)
    {
        if (_checked.TryGetValue(token, out var known))
        {
            // The validator's rule: valid while the host's clock is before the expiry.
            if (_clock.GetUtcNow() < known.ExpiresAt)
            {
                claims = known;
                return TokenCheck.Valid;
            }
            _checked.TryRemove(token, out _);
            claims = null;
            return TokenCheck.Expired;
        }
        claims = null;
        // The rate limiter chooses its partition synchronously with this. With the key in hand (no signing-key
        // metadata to fetch) the handler's validation completes synchronously, so this does not block.
        var result = _handler.ValidateTokenAsync(token, _key.Value.Validation).GetAwaiter().GetResult();
        if (!result.IsValid)
            return result.Exception is SecurityTokenExpiredException ? TokenCheck.Expired : TokenCheck.Invalid;
        var jwt = (JsonWebToken)result.SecurityToken;
        if (!jwt.TryGetPayloadValue<string>(ConversationClaim, out var conversation) || conversation is not { Length: > 0 }
            || !jwt.TryGetPayloadValue<string>(UserClaim, out var user) || user is not { Length: > 0 })
            return TokenCheck.Invalid;
        claims = new DirectLineTokenClaims(conversation, user, new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero));
        if (_checked.Count >= RememberedTokens) _checked.Clear();
        _checked[token] = claims;
        return TokenCheck.Valid;
    }
}
