using Microsoft.Extensions.Options;

namespace CitizenBot.BotConnector;

/// <summary>
/// The bot's Azure Bot Service identity and where its tokens come from. Section "Bot", the names the Bot Framework
/// SDK uses, so an existing appsettings or App Service configuration carries over.
/// </summary>
public sealed class BotOptions
{
    public const string Section = "Bot";
    public const string DefaultOpenIdMetadataUrl = "https://login.botframework.com/v1/.well-known/openidconfiguration";
    public const string DefaultEmulatorOpenIdMetadataUrl = "https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration";
    public const string MultiTenantTokenEndpoint = "https://login.microsoftonline.com/botframework.com/oauth2/v2.0/token";

    /// <summary>Empty: authentication is off (anonymous requests accepted, replies sent without a token). Local development only.</summary>
    public string? MicrosoftAppId { get; set; }

    /// <summary>The client secret used to get outbound tokens; required when an App ID is set.</summary>
    public string? MicrosoftAppPassword { get; set; }

    /// <summary>Set for a single-tenant app: outbound tokens come from that tenant, and Emulator tokens from it are accepted.</summary>
    public string? MicrosoftAppTenantId { get; set; }

    public string OpenIdMetadataUrl { get; set; } = DefaultOpenIdMetadataUrl;

    public string EmulatorOpenIdMetadataUrl { get; set; } = DefaultEmulatorOpenIdMetadataUrl;

    /// <summary>Default: the botframework.com tenant's endpoint, or the single tenant's when MicrosoftAppTenantId is set.</summary>
    public string? TokenEndpoint { get; set; }

    public bool AuthenticationEnabled => !string.IsNullOrWhiteSpace(MicrosoftAppId);

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
            errors.Add("Bot:MicrosoftAppPassword is required when Bot:MicrosoftAppId is set (it is the secret used to reply through the Bot Connector).");
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
