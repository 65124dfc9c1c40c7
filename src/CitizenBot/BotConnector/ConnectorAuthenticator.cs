using CitizenBot.Core.Protocol;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Tokens;

namespace CitizenBot.BotConnector;

/// <summary>
/// Checks the bearer token of a request to /api/messages (docs/architecture.md, "Authentication"): a Bot Connector token (issuer
/// api.botframework.com, audience = App ID, key endorsed for the activity's channel, <c>serviceurl</c> claim = the
/// activity's serviceUrl) or a Bot Framework Emulator token (Azure AD issuers, app ID in <c>appid</c>/<c>azp</c> by
/// <c>ver</c>). Both: RS256/384/512 signatures by a published key, lifetime with 5 minutes of skew.
/// </summary>
public sealed class ConnectorAuthenticator
{
    public const string BotConnectorIssuer = "https://api.botframework.com";
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>At least daily, as the Bot Connector asks; keys roll over with notice, and an unknown kid forces a refresh.</summary>
    static readonly TimeSpan KeyRefreshInterval = TimeSpan.FromHours(12);

    static readonly string[] AllowedAlgorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512];

    /// <summary>The Azure AD tenants the Emulator gets its tokens from (EmulatorValidation.cs in the SDK), v1 and v2, public and US Government.</summary>
    static readonly string[] EmulatorIssuers =
    [
        "https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/",
        "https://login.microsoftonline.com/d6d49420-f39b-4df7-a1dc-d59a935871db/v2.0",
        "https://sts.windows.net/f8cdef31-a31e-4b4a-93e4-5f571e91255a/",
        "https://login.microsoftonline.com/f8cdef31-a31e-4b4a-93e4-5f571e91255a/v2.0",
        "https://sts.windows.net/cab8a31a-1906-4287-a0d8-4eef66b95f6e/",
        "https://login.microsoftonline.us/cab8a31a-1906-4287-a0d8-4eef66b95f6e/v2.0",
        "https://login.microsoftonline.us/f8cdef31-a31e-4b4a-93e4-5f571e91255a/v2.0",
    ];

    readonly BotOptions _options;
    readonly string[] _emulatorIssuers;
    readonly ConfigurationManager<SigningKeys> _channelKeys;
    readonly ConfigurationManager<SigningKeys> _emulatorKeys;
    readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };
    readonly ILogger<ConnectorAuthenticator> _logger;
    readonly string _environmentName;

    public ConnectorAuthenticator(IOptions<BotOptions> options, IHostEnvironment environment, IHttpClientFactory clients, ILogger<ConnectorAuthenticator> logger)
    {
        _options = options.Value;
        _logger = logger;
        _environmentName = environment.EnvironmentName;
        Mode = _options.AuthenticationEnabled ? ConnectorAuthMode.Authenticated
            : environment.IsDevelopment() || _options.AllowAnonymous ? ConnectorAuthMode.Anonymous
            : ConnectorAuthMode.Closed;
        _emulatorIssuers = _options.MicrosoftAppTenantId is { Length: > 0 } tenant
            ? [.. EmulatorIssuers, $"https://sts.windows.net/{tenant}/", $"https://login.microsoftonline.com/{tenant}/v2.0"]
            : EmulatorIssuers;
        var documents = new HttpClientDocumentRetriever(clients);
        _channelKeys = new ConfigurationManager<SigningKeys>(_options.OpenIdMetadataUrl, new SigningKeysRetriever(), documents)
            { AutomaticRefreshInterval = KeyRefreshInterval };
        _emulatorKeys = new ConfigurationManager<SigningKeys>(_options.EmulatorOpenIdMetadataUrl, new SigningKeysRetriever(), documents)
            { AutomaticRefreshInterval = KeyRefreshInterval };
    }

    public ConnectorAuthMode Mode { get; }

    public bool Enabled => Mode == ConnectorAuthMode.Authenticated;

    /// <summary>Null when the request may go on; otherwise why it is refused (logged, not shown to the caller).</summary>
    public async Task<AuthenticationFailure?> AuthenticateAsync(string? authorization, Activity activity, CancellationToken cancellationToken)
    {
        if (Mode == ConnectorAuthMode.Closed) return ClosedFailure;
        if (Mode == ConnectorAuthMode.Anonymous) return null;
        if (ReadBearer(authorization) is not { } token)
            return new AuthenticationFailure("no bearer token");
        JsonWebToken unverified;
        try
        {
            unverified = new JsonWebToken(token);
        }
        catch (ArgumentException)
        {
            return new AuthenticationFailure("the bearer token is not a JWT");
        }
        // The unverified issuer only picks which keys and rules apply; everything is then verified against them.
        return _emulatorIssuers.Contains(unverified.Issuer, StringComparer.Ordinal)
            ? await ValidateEmulatorTokenAsync(token, cancellationToken)
            : await ValidateChannelTokenAsync(token, activity, cancellationToken);
    }

    public static string? ReadBearer(string? authorization) =>
        authorization is { Length: > 7 } value && value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && value[7..].Trim() is { Length: > 0 } token
            ? token : null;

    async Task<AuthenticationFailure?> ValidateChannelTokenAsync(string token, Activity activity, CancellationToken cancellationToken)
    {
        var (result, keys) = await ValidateAsync(token, _channelKeys, p =>
        {
            p.ValidIssuer = BotConnectorIssuer;
            p.ValidAudience = _options.MicrosoftAppId;
        }, cancellationToken);
        if (!result.IsValid)
            return new AuthenticationFailure($"Bot Connector token rejected: {Describe(result.Exception)}");

        var keyId = result.SecurityToken.SigningKey?.KeyId ?? ((JsonWebToken)result.SecurityToken).Kid;
        if (!keys.IsEndorsed(keyId, activity.ChannelId!))
            return new AuthenticationFailure($"signing key '{keyId}' is not endorsed for channel '{activity.ChannelId}'");

        var serviceUrl = result.ClaimsIdentity.FindFirst("serviceurl")?.Value;
        if (serviceUrl is null || !string.Equals(serviceUrl, activity.ServiceUrl, StringComparison.OrdinalIgnoreCase))
            return new AuthenticationFailure($"serviceurl claim '{serviceUrl}' does not match the activity's serviceUrl '{activity.ServiceUrl}'");
        return null;
    }

    async Task<AuthenticationFailure?> ValidateEmulatorTokenAsync(string token, CancellationToken cancellationToken)
    {
        // As the SDK's EmulatorValidation: the audience is not checked; the app ID claim named by `ver` is.
        var (result, _) = await ValidateAsync(token, _emulatorKeys, p =>
        {
            p.ValidIssuers = _emulatorIssuers;
            p.ValidateAudience = false;
        }, cancellationToken);
        if (!result.IsValid)
            return new AuthenticationFailure($"Emulator token rejected: {Describe(result.Exception)}");

        var identity = result.ClaimsIdentity;
        if (identity.FindFirst("ver") is not { } version)
            return new AuthenticationFailure("Emulator token has no 'ver' claim");
        var appIdClaim = version.Value switch
        {
            "" or "1.0" => "appid",
            "2.0" => "azp",
            var other => null,
        };
        if (appIdClaim is null)
            return new AuthenticationFailure($"Emulator token has unknown version '{version.Value}'");
        var appId = identity.FindFirst(appIdClaim)?.Value;
        return string.Equals(appId, _options.MicrosoftAppId, StringComparison.Ordinal)
            ? null
            : new AuthenticationFailure($"Emulator token's {appIdClaim} '{appId}' is not this bot's App ID");
    }

    /// <summary>Validates with the cached keys; a key id the cache does not know triggers one refresh (keys roll over).</summary>
    async Task<(TokenValidationResult Result, SigningKeys Keys)> ValidateAsync(
        string token, ConfigurationManager<SigningKeys> keySource, Action<TokenValidationParameters> rules, CancellationToken cancellationToken)
    {
        var keys = await keySource.GetConfigurationAsync(cancellationToken);
        var result = await _handler.ValidateTokenAsync(token, Parameters(keys, rules));
        if (!result.IsValid && result.Exception is SecurityTokenSignatureKeyNotFoundException)
        {
            keySource.RequestRefresh();
            var refreshed = await keySource.GetConfigurationAsync(cancellationToken);
            if (!ReferenceEquals(refreshed, keys))
            {
                keys = refreshed;
                result = await _handler.ValidateTokenAsync(token, Parameters(keys, rules));
            }
        }
        return (result, keys);
    }

    static TokenValidationParameters Parameters(SigningKeys keys, Action<TokenValidationParameters> rules)
    {
        var parameters = new TokenValidationParameters
        {
            IssuerSigningKeys = keys.Keys,
            ValidAlgorithms = AllowedAlgorithms,
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ValidateLifetime = true,
            ValidateIssuer = true,
            ValidateAudience = true,
            ClockSkew = ClockSkew,
        };
        rules(parameters);
        return parameters;
    }

    /// <summary>The exception type says what failed (expired, bad signature, wrong audience…) without echoing token contents.</summary>
    static string Describe(Exception? exception) => exception?.GetType().Name ?? "unknown reason";

    public static readonly AuthenticationFailure ClosedFailure =
        new("no App ID is configured outside the Development environment, so /api/messages is closed");

    /// <summary>Says once at start whether /api/messages is protected, so an unprotected deployment is visible in the log.</summary>
    internal void LogMode(IConfiguration configuration)
    {
        foreach (var key in BotOptions.ConflictingAliases(configuration))
            _logger.LogWarning("{Key} and {Alias} are both set and differ; the root-level key is used", key, $"{BotOptions.Section}:{key}");
        switch (Mode)
        {
            case ConnectorAuthMode.Authenticated:
                _logger.LogInformation("Bot Connector authentication is on for App ID {AppId}", _options.MicrosoftAppId);
                break;
            case ConnectorAuthMode.Anonymous when _options.AllowAnonymous && _environmentName != Environments.Development:
                _logger.LogCritical("SECURITY: Bot Connector authentication is OFF in the {Environment} environment because Bot:AllowAnonymous=true: " +
                    "/api/messages accepts requests from anyone (replies only to loopback or Bot:ServiceUrlHosts). Set MicrosoftAppId and MicrosoftAppPassword for a real deployment.",
                    _environmentName);
                break;
            case ConnectorAuthMode.Anonymous:
                _logger.LogWarning("Bot Connector authentication is OFF (Development environment, no MicrosoftAppId): /api/messages accepts anonymous requests and replies only to loopback serviceUrls. Use this for local development only.");
                break;
            default:
                _logger.LogWarning("/api/messages refuses every request (401): no MicrosoftAppId is configured in the {Environment} environment. " +
                    "Set MicrosoftAppId and MicrosoftAppPassword (Azure Bot Service), or Bot:AllowAnonymous=true to accept anonymous requests. The chat page and Direct Line are not affected.",
                    _environmentName);
                break;
        }
    }
}

/// <summary>How /api/messages treats callers: tokens checked (App ID set), anyone accepted (Development or
/// Bot:AllowAnonymous), or everyone refused (no App ID elsewhere).</summary>
public enum ConnectorAuthMode { Authenticated, Anonymous, Closed }

/// <summary>Why a request was refused; for the log, never for the caller.</summary>
public sealed record AuthenticationFailure(string Reason);
