using Microsoft.Extensions.Options;

namespace CitizenBot.BotConnector;

/// <summary>
/// Which serviceUrls the bot may send replies to, so an activity cannot point the bot's outbound calls (and its
/// Bot Connector token) at an address of the caller's choosing. With authentication on, a Bot Connector token has
/// already vouched for the serviceUrl (its <c>serviceurl</c> claim); the host must also be on Bot:ServiceUrlHosts
/// (default: the Bot Framework hosts). Without authentication only loopback, plus Bot:ServiceUrlHosts when set.
/// Everywhere: http(s) only, https off loopback, no user info, query or fragment (they would change the reply path).
/// </summary>
public sealed class ServiceUrlPolicy
{
    readonly string[] _hosts;
    readonly bool _allowLoopback;

    public ServiceUrlPolicy(IOptions<BotOptions> options)
    {
        var bot = options.Value;
        _hosts = bot.ServiceUrlHosts ?? (bot.AuthenticationEnabled ? [.. BotOptions.DefaultServiceUrlHosts] : []);
        _allowLoopback = !bot.AuthenticationEnabled;
    }

    /// <summary>Null when replies may go to <paramref name="serviceUrl"/>; otherwise why not (safe to show the caller).</summary>
    public string? Check(string? serviceUrl)
    {
        if (string.IsNullOrEmpty(serviceUrl) || !Uri.TryCreate(serviceUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            return "The serviceUrl must be an absolute http(s) URL.";
        if (serviceUrl.AsSpan().IndexOfAny('?', '#') >= 0 || uri.UserInfo.Length > 0)
            return "The serviceUrl must not carry user information, a query or a fragment.";
        var listed = _hosts.Any(pattern => Matches(pattern, uri.IdnHost));
        if (!listed && !(_allowLoopback && uri.IsLoopback))
            return _allowLoopback
                ? "Without Bot Connector authentication, replies go only to a loopback serviceUrl (or a host on Bot:ServiceUrlHosts)."
                : "The serviceUrl's host is not on Bot:ServiceUrlHosts.";
        if (!SecureEndpoint.IsAllowed(uri))
            return "The serviceUrl must be https (http only on loopback).";
        return null;
    }

    /// <summary>An exact host name, or "*." and a name for any of its subdomains (not the name itself).</summary>
    public static bool IsValidHostPattern(string? pattern) =>
        pattern is { Length: > 0 }
        && Uri.CheckHostName(pattern.StartsWith("*.", StringComparison.Ordinal) ? pattern[2..] : pattern) != UriHostNameType.Unknown;

    static bool Matches(string pattern, string host) =>
        pattern.StartsWith("*.", StringComparison.Ordinal)
            ? host.EndsWith(pattern[1..], StringComparison.OrdinalIgnoreCase) && host.Length > pattern.Length - 1
            : string.Equals(host, pattern, StringComparison.OrdinalIgnoreCase);
}
