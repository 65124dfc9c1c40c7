using System.Text;
using Microsoft.Extensions.Options;

namespace CitizenBot.DirectLine;

/// <summary>Settings of the Direct Line 3.0 channel (configuration section <c>DirectLine</c>).</summary>
public sealed class DirectLineOptions
{
    public const string Section = "DirectLine";

    /// <summary>When set, <c>POST /tokens/generate</c> requires <c>Authorization: Bearer &lt;secret&gt;</c>; when empty it is open.</summary>
    public string? Secret { get; set; }

    /// <summary>HMAC-SHA256 key for tokens (at least 32 bytes of UTF-8). Empty: a random key generated once and kept in the store (<see cref="TokenSigningKeySource"/>).</summary>
    public string? TokenSigningKey { get; set; }

    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Requests per minute per conversation on conversation routes (counted once the token is verified), per IP address elsewhere.</summary>
    public int PermitsPerMinute { get; set; } = 1200;

    /// <summary>
    /// Conversations one client address may start per minute (<c>tokens/generate</c> and <c>POST /conversations</c>). Generous,
    /// because many citizens share one address (carrier NAT, a commune office's digital team); live conversations are
    /// protected by never being evicted, so this only bounds how fast one address fills the store.
    /// </summary>
    public int StartsPerMinutePerAddress { get; set; } = 600;

    /// <summary>
    /// Conversations all clients together may start per minute: a full store's worth (<see cref="MaxConversations"/>)
    /// takes at least a few minutes to start, and a full store refuses new ones rather than ending live ones.
    /// </summary>
    public int StartsPerMinute { get; set; } = 3000;

    /// <summary>Requests with a missing, invalid or expired credential one client address may make per minute on conversation routes.</summary>
    public int InvalidCredentialsPerMinute { get; set; } = 120;

    /// <summary>Largest accepted activity body; larger posts get 413.</summary>
    public int MaxActivityBytes { get; set; } = 64 * 1024;

    /// <summary>Live conversations in the store at once; when all are active, new ones are refused (503) until one goes idle.</summary>
    public int MaxConversations { get; set; } = 10_000;

    /// <summary>A conversation nobody touched for this long is forgotten (its token then gets 404: conversation ended).</summary>
    public TimeSpan ConversationIdleTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Activities kept per conversation; older ones drop out of the transcript (watermarks stay monotonic).</summary>
    public int MaxActivitiesPerConversation { get; set; } = 1_000;

    /// <summary>Turns waiting for the bot in one conversation; more posts get 429 until it catches up.</summary>
    public int MaxPendingTurns { get; set; } = 32;

    /// <summary>Turns this replica runs at once (each holds a database connection while the bot answers).</summary>
    public int TurnConcurrency { get; set; } = 16;

    /// <summary>
    /// How often the turn runner looks for pending turns without being woken: the longest a turn claimed by a replica
    /// that was killed waits before another replica runs it.
    /// </summary>
    public TimeSpan TurnPollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How often an idle WebSocket stream gets an empty keep-alive frame.</summary>
    public TimeSpan StreamKeepAlive { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Origins allowed by CORS; empty means any origin (tokens travel in headers, never in cookies).</summary>
    public string[] AllowedOrigins { get; set; } = [];

    public string BotId { get; set; } = "citizenbot";
    public string BotName { get; set; } = "CitizenBot";
}

/// <summary>Rejects settings that would make the channel insecure or unusable, at start rather than on first use.</summary>
public sealed class DirectLineOptionsValidator : IValidateOptions<DirectLineOptions>
{
    public ValidateOptionsResult Validate(string? name, DirectLineOptions o)
    {
        var errors = new List<string>();
        if (o.TokenSigningKey is { Length: > 0 } key && Encoding.UTF8.GetByteCount(key) < 32)
            errors.Add("DirectLine:TokenSigningKey must be at least 32 bytes long (or left empty for a generated key kept in the store).");
        if (o.TokenLifetime < TimeSpan.FromSeconds(5) || o.TokenLifetime > TimeSpan.FromDays(1))
            errors.Add("DirectLine:TokenLifetime must be between 00:00:05 and 1.00:00:00.");
        if (o.PermitsPerMinute < 1)
            errors.Add("DirectLine:PermitsPerMinute must be at least 1.");
        if (o.StartsPerMinutePerAddress < 1)
            errors.Add("DirectLine:StartsPerMinutePerAddress must be at least 1.");
        if (o.StartsPerMinute < 1)
            errors.Add("DirectLine:StartsPerMinute must be at least 1.");
        if (o.InvalidCredentialsPerMinute < 1)
            errors.Add("DirectLine:InvalidCredentialsPerMinute must be at least 1.");
        if (o.MaxActivityBytes is < 1024 or > 16 * 1024 * 1024)
            errors.Add("DirectLine:MaxActivityBytes must be between 1024 and 16777216.");
        if (o.MaxConversations < 1)
            errors.Add("DirectLine:MaxConversations must be at least 1.");
        if (o.ConversationIdleTimeout < TimeSpan.FromMinutes(1))
            errors.Add("DirectLine:ConversationIdleTimeout must be at least 00:01:00.");
        if (o.MaxActivitiesPerConversation < 10)
            errors.Add("DirectLine:MaxActivitiesPerConversation must be at least 10.");
        if (o.MaxPendingTurns < 1)
            errors.Add("DirectLine:MaxPendingTurns must be at least 1.");
        if (o.TurnConcurrency is < 1 or > 256)
            errors.Add("DirectLine:TurnConcurrency must be between 1 and 256.");
        if (o.TurnPollInterval < TimeSpan.FromMilliseconds(100) || o.TurnPollInterval > TimeSpan.FromMinutes(1))
            errors.Add("DirectLine:TurnPollInterval must be between 00:00:00.1 and 00:01:00.");
        if (o.StreamKeepAlive < TimeSpan.FromSeconds(1))
            errors.Add("DirectLine:StreamKeepAlive must be at least 00:00:01.");
        if (string.IsNullOrWhiteSpace(o.BotId))
            errors.Add("DirectLine:BotId must not be empty.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
