using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace CitizenBot.DirectLine;

/// <summary>Who is calling: the holder of the secret (any conversation) or of a token (one conversation and user).</summary>
public sealed record DirectLineCaller(bool IsSecret, string? Token, DirectLineTokenClaims? Claims)
{
    public bool MayUse(string conversationId) => IsSecret || Claims?.ConversationId == conversationId;
}

/// <summary>The outcome of reading the Authorization header; failures carry the problem to answer.</summary>
public sealed record AuthResult(DirectLineCaller? Caller, IResult? Failure);

/// <summary>
/// Reads <c>Authorization: Bearer …</c>. Status codes follow what DirectLineJS expects: 401 when no credential is sent,
/// 403 only for a credential that is invalid, expired or for another conversation (DLJS treats 403 as "token expired").
/// </summary>
public sealed class DirectLineAuth(DirectLineTokenService tokens, IOptions<DirectLineOptions> options)
{
    readonly byte[]? _secret = options.Value.Secret is { Length: > 0 } s ? Encoding.UTF8.GetBytes(s) : null;

    public bool HasSecret => _secret is not null;

    public static string? BearerOf(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && header.Length > 7 ? header[7..].Trim() : null;
    }

    /// <summary>The credential of a request: the stream's <c>t</c> query parameter (browsers send no headers on a WebSocket), else the bearer.</summary>
    public static string? CredentialOf(HttpRequest request) =>
        request.Query["t"].ToString() is { Length: > 0 } t ? t : BearerOf(request);

    public bool IsSecret(string credential) =>
        _secret is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(credential), _secret);

    /// <summary>Authenticates a credential (header or stream query), accepting the secret or a token.</summary>
    public AuthResult Authenticate(string? credential, bool allowSecret = true)
    {
        if (string.IsNullOrEmpty(credential))
            return new(null, DirectLineProblems.MissingCredential());
        if (allowSecret && IsSecret(credential))
            return new(new DirectLineCaller(true, null, null), null);
        return tokens.Check(credential, out var claims) switch
        {
            TokenCheck.Valid => new(new DirectLineCaller(false, credential, claims), null),
            TokenCheck.Expired => new(null, DirectLineProblems.Forbidden("The token has expired. / Mã truy cập đã hết hạn.")),
            _ => new(null, DirectLineProblems.Forbidden("The token or secret is not valid. / Mã truy cập không hợp lệ.")),
        };
    }

    /// <summary>
    /// Authenticates and checks that the caller may use this conversation, once per request: the rate limiter reads the
    /// same credential to choose its partition before the endpoint does, and a token's signature is checked only once.
    /// </summary>
    public AuthResult AuthenticateFor(HttpContext http, string? credential, string conversationId)
    {
        if (http.Items[typeof(DirectLineAuth)] is Checked seen && seen.Credential == credential && seen.ConversationId == conversationId)
            return seen.Result;
        var result = AuthenticateFor(credential, conversationId);
        http.Items[typeof(DirectLineAuth)] = new Checked(credential, conversationId, result);
        return result;
    }

    sealed record Checked(string? Credential, string ConversationId, AuthResult Result);

    /// <summary>Authenticates and checks that the caller may use this conversation.</summary>
    public AuthResult AuthenticateFor(string? credential, string conversationId)
    {
        var result = Authenticate(credential);
        if (result.Caller is { } caller && !caller.MayUse(conversationId))
            return new(null, DirectLineProblems.Forbidden("The token is not valid for this conversation. / Mã truy cập không dùng được cho cuộc trò chuyện này."));
        return result;
    }
}
