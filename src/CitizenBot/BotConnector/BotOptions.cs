using Microsoft.Extensions.Options;

namespace CitizenBot.BotConnector;

/// <summary>
/// The bot's Azure Bot Service identity and where its tokens come from. Section "Bot"; the four identity keys are also
/// read at the configuration root under the names Azure Bot Service, App Service and the Bot Framework samples use
/// (<see cref="RootKeys"/>), and a root key wins over its <c>Bot:</c> alias.
/// </summary>
public sealed class BotOptions
{
    public const string Section = "Bot";

    /// <summary>Identity keys read at the configuration root (appsettings, environment, command line), as Azure sets them.</summary>
    public static readonly IReadOnlyList<string> RootKeys =
        [nameof(MicrosoftAppId), nameof(MicrosoftAppPassword), nameof(MicrosoftAppType), nameof(MicrosoftAppTenantId)];

    /// <summary>
    /// Hosts a Bot Connector serviceUrl may have when authentication is on, unless Bot:ServiceUrlHosts is set: the
    /// public-cloud and US Government Bot Connector hosts and Teams' (smba.trafficmanager.net exactly: anyone can
    /// create a name under trafficmanager.net).
    /// </summary>
    public static readonly IReadOnlyList<string> DefaultServiceUrlHosts =
        ["*.botframework.com", "smba.trafficmanager.net", "*.botframework.azure.us", "*.teams.microsoft.com", "*.teams.microsoft.us"];
    public const string DefaultOpenIdMetadataUrl = "https://login.botframework.com/v1/.well-known/openidconfiguration";
    public const string DefaultEmulatorOpenIdMetadataUrl = "https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration";
    public const string MultiTenantTokenEndpoint = "https://login.microsoftonline.com/botframework.com/oauth2/v2.0/token";

    /// <summary>Empty: authentication is off (anonymous requests accepted, replies sent without a token). Local development only.</summary>
    public string? MicrosoftAppId { get; set; }

    /// <summary>The client secret used to get outbound tokens; required when an App ID is set.</summary>
    public string? MicrosoftAppPassword { get; set; }

    /// <summary>Set for a single-tenant app: outbound tokens come from that tenant, and Emulator tokens from it are accepted.</summary>
    public string? MicrosoftAppTenantId { get; set; }

    /// <summary>MultiTenant or SingleTenant (needs MicrosoftAppTenantId), as Azure names them; empty = MultiTenant.
    /// UserAssignedMSI is refused at start: this host gets its tokens with the client secret.</summary>
    public string? MicrosoftAppType { get; set; }

    /// <summary>Without an App ID, outside the Development environment, /api/messages refuses every request unless this is true.</summary>
    public bool AllowAnonymous { get; set; }

    /// <summary>
    /// Host names (exact, or <c>*.</c> for any subdomain) a serviceUrl may point at. Null: <see cref="DefaultServiceUrlHosts"/>
    /// with authentication on, loopback only without. Without authentication loopback is always allowed.
    /// </summary>
    public string[]? ServiceUrlHosts { get; set; }

    public string OpenIdMetadataUrl { get; set; } = DefaultOpenIdMetadataUrl;

    public string EmulatorOpenIdMetadataUrl { get; set; } = DefaultEmulatorOpenIdMetadataUrl;

    /// <summary>Default: the botframework.com tenant's endpoint, or the single tenant's when MicrosoftAppTenantId is set.</summary>
    public string? TokenEndpoint { get; set; }

    public bool AuthenticationEnabled => !string.IsNullOrWhiteSpace(MicrosoftAppId);

    /// <summary>Root-level identity keys override their Bot: aliases (configuration sources keep their usual order within each).</summary>
    public void ApplyRootKeys(IConfiguration configuration)
    {
        if (Root(configuration, nameof(MicrosoftAppId)) is { } appId) MicrosoftAppId = appId;
        if (Root(configuration, nameof(MicrosoftAppPassword)) is { } password) MicrosoftAppPassword = password;
        if (Root(configuration, nameof(MicrosoftAppType)) is { } type) MicrosoftAppType = type;
        if (Root(configuration, nameof(MicrosoftAppTenantId)) is { } tenant) MicrosoftAppTenantId = tenant;
    }

    /// <summary>Identity keys set both at the root and under Bot: with different values (the root one is used).</summary>
    public static IEnumerable<string> ConflictingAliases(IConfiguration configuration) =>
        RootKeys.Where(key => Root(configuration, key) is { } root
            && configuration[$"{Section}:{key}"] is { Length: > 0 } alias && !string.Equals(root, alias, StringComparison.Ordinal));

    static string? Root(IConfiguration configuration, string key) => configuration[key] is { Length: > 0 } value ? value : null;

    public string ResolvedTokenEndpoint =>
        TokenEndpoint is { Length: > 0 } endpoint ? endpoint
        : MicrosoftAppTenantId is { Length: > 0 } tenant ? $"https://login.microsoftonline.com/{Uri.EscapeDataString(tenant)}/oauth2/v2.0/token"
        : MultiTenantTokenEndpoint;
}

/// <summary>Start-up checks for <see cref="BotOptions"/>: each message names the key to fix.</summary>
sealed class BotOptionsValidator : IValidateOptions<BotOptions>
{
    public ValidateOptionsResult Validate(string? name, BotOptions options)
    {
        var errors = new List<string>();
        if (options.AuthenticationEnabled && string.IsNullOrWhiteSpace(options.MicrosoftAppPassword))
            errors.Add("MicrosoftAppPassword (or Bot:MicrosoftAppPassword) is required when an App ID is set (it is the secret used to reply through the Bot Connector).");
        switch (options.MicrosoftAppType?.Trim().ToLowerInvariant())
        {
            case null or "" or "multitenant":
                break;
            case "singletenant" when string.IsNullOrWhiteSpace(options.MicrosoftAppTenantId):
                errors.Add("MicrosoftAppTenantId is required when MicrosoftAppType is SingleTenant.");
                break;
            case "singletenant":
                break;
            case "userassignedmsi":
                errors.Add("MicrosoftAppType UserAssignedMSI is not supported: use MultiTenant or SingleTenant with MicrosoftAppPassword.");
                break;
            default:
                errors.Add($"MicrosoftAppType must be MultiTenant or SingleTenant; got '{options.MicrosoftAppType}'.");
                break;
        }
        foreach (var host in options.ServiceUrlHosts ?? [])
            if (!ServiceUrlPolicy.IsValidHostPattern(host))
                errors.Add($"Bot:ServiceUrlHosts: '{host}' is not a host name or '*.' followed by one.");
        CheckUrl(errors, "Bot:OpenIdMetadataUrl", options.OpenIdMetadataUrl);
        CheckUrl(errors, "Bot:EmulatorOpenIdMetadataUrl", options.EmulatorOpenIdMetadataUrl);
        CheckUrl(errors, "Bot:TokenEndpoint", options.ResolvedTokenEndpoint);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    static void CheckUrl(List<string> errors, string key, string? value)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || !SecureEndpoint.IsAllowed(uri))
            errors.Add($"{key} must be an absolute https URL (http only on loopback); got '{value}'.");
    }
}

/// <summary>Keys and tokens travel over TLS only; plain http is accepted for loopback so tests and local fakes work.</summary>
static class SecureEndpoint
{
    public static bool IsAllowed(Uri uri) =>
        uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback;
}
