using Microsoft.Extensions.Options;

namespace CitizenBot.BotConnector;

/// <summary>Limits and delivery settings of the POST /api/messages channel. Section "BotConnector".</summary>
public sealed class BotConnectorOptions
{
    public const string Section = "BotConnector";

    /// <summary>Requests one client (remote IP address) may make to /api/messages per minute; more get 429.</summary>
    public int PermitsPerMinute { get; set; } = 600;

    /// <summary>Largest accepted activity body; larger ones get 413. Bot Connector activities are at most a few hundred KB.</summary>
    public int MaxRequestBytes { get; set; } = 256 * 1024;

    /// <summary>How many turns' replies are delivered to connectors at the same time.</summary>
    public int DeliveryConcurrency { get; set; } = 8;

    /// <summary>Retries of an outbound call (reply, token, key fetch) after a network error, timeout, 408, 429 or 5xx.</summary>
    public int OutboundRetries { get; set; } = 3;

    /// <summary>First retry delay; it doubles each retry, with jitter.</summary>
    public int OutboundRetryDelayMilliseconds { get; set; } = 500;

    /// <summary>Time limit of one outbound attempt.</summary>
    public int OutboundAttemptTimeoutSeconds { get; set; } = 10;
}

sealed class BotConnectorOptionsValidator : IValidateOptions<BotConnectorOptions>
{
    public ValidateOptionsResult Validate(string? name, BotConnectorOptions o)
    {
        var errors = new List<string>();
        Range(errors, "PermitsPerMinute", o.PermitsPerMinute, 1, 1_000_000);
        Range(errors, "MaxRequestBytes", o.MaxRequestBytes, 1024, 64 * 1024 * 1024);
        Range(errors, "DeliveryConcurrency", o.DeliveryConcurrency, 1, 256);
        Range(errors, "OutboundRetries", o.OutboundRetries, 0, 10);
        Range(errors, "OutboundRetryDelayMilliseconds", o.OutboundRetryDelayMilliseconds, 1, 60_000);
        Range(errors, "OutboundAttemptTimeoutSeconds", o.OutboundAttemptTimeoutSeconds, 1, 300);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    static void Range(List<string> errors, string key, int value, int min, int max)
    {
        if (value < min || value > max)
            errors.Add($"{BotConnectorOptions.Section}:{key} must be between {min} and {max}; got {value}.");
    }
}
