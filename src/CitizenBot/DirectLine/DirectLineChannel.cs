using System.Security.Cryptography;
using System.Text.Json;
using CitizenBot.Core.DirectLine;
using CitizenBot.Core.Protocol;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace CitizenBot.DirectLine;

/// <summary>The result of posting an activity: its id, or that the conversation's queue is full.</summary>
public sealed record PostOutcome(string Id, bool Accepted);

/// <summary>
/// The Direct Line channel between HTTP and the bot: starts conversations, stamps and stores what clients post (with
/// its pending turn, before the post is acknowledged), and runs claimed turns through <see cref="BotAdapter"/>,
/// storing the bot's replies. Everything lives in <see cref="IDirectLineStore"/>, so any replica can serve any request.
/// </summary>
public sealed class DirectLineChannel(
    IDirectLineStore store,
    DirectLineSignals signals,
    IServiceProvider services,
    IOptions<DirectLineOptions> options,
    TimeProvider clock,
    ILogger<DirectLineChannel> logger)
{
    public const string ChannelId = "directline";

    /// <summary>Types the bot receives and the transcript echoes; others (typing, unknown) are acknowledged and ignored.</summary>
    static readonly HashSet<string> ForwardedTypes = new(StringComparer.Ordinal)
    {
        ActivityTypes.Message, ActivityTypes.Event, ActivityTypes.Invoke, ActivityTypes.EndOfConversation, "messageReaction",
    };

    readonly DirectLineOptions _options = options.Value;

    public ChannelAccount Bot => new() { Id = _options.BotId, Name = _options.BotName, Role = "bot" };

    public static string NewConversationId() => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(16));

    public static string NewUserId() => "dl_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));

    /// <summary>An id for an activity that is not kept in the transcript (conversationUpdate, typing, unknown types).</summary>
    static string TransientId(string conversationId) => $"{conversationId}|t{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}";

    DateTimeOffset LiveSince => clock.GetUtcNow() - _options.ConversationIdleTimeout;

    /// <summary>
    /// Creates a conversation record (not yet started) for a user; null, with when to try again, when the store is
    /// full of active conversations.
    /// </summary>
    public async Task<(StoredConversation? Conversation, TimeSpan RetryAfter)> TryCreateAsync(string conversationId, string userId, string? userName, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var outcome = await store.CreateAsync(new NewConversation(conversationId, userId, userName), now, LiveSince, _options.MaxConversations, ct);
        if (!outcome.Created)
        {
            logger.LogWarning("Direct Line store full ({Max} active conversations): refused a new one", _options.MaxConversations);
            return (null, outcome.RetryAfter);
        }
        return (await store.FindAsync(conversationId, LiveSince, ct), TimeSpan.Zero);
    }

    /// <summary>The live conversation, marked active (at most once a minute, so reads rarely write); null if unknown or expired.</summary>
    public async Task<StoredConversation?> FindAsync(string conversationId, CancellationToken ct)
    {
        var conversation = await store.FindAsync(conversationId, LiveSince, ct);
        if (conversation is not null) await TouchAsync(conversation, ct);
        return conversation;
    }

    public async Task TouchAsync(StoredConversation conversation, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (now - conversation.LastActive >= TouchInterval)
            await store.TouchAsync(conversation.Id, now, ct);
    }

    TimeSpan TouchInterval => TimeSpan.FromTicks(Math.Min(TimeSpan.FromMinutes(1).Ticks, _options.ConversationIdleTimeout.Ticks / 10));

    /// <summary>Activities from the watermark on and the watermark after them.</summary>
    public async Task<(IReadOnlyList<byte[]> Activities, long Watermark)> ReadAsync(StoredConversation conversation, long watermark, int max, CancellationToken ct)
    {
        var activities = await store.ReadAsync(conversation.Id, watermark, max, ct);
        // Past the end (a watermark from the future) reads as the end, as before; a page ends after its last activity.
        var next = activities.Count > 0 ? activities[^1].Sequence + 1 : Math.Min(watermark, conversation.Watermark);
        return (activities.Select(a => a.Body).ToList(), next);
    }

    /// <summary>Every change of the conversation (on any replica) from now on, until disposed.</summary>
    public ConversationSubscription Subscribe(StoredConversation conversation) => signals.Subscribe(conversation.Id);

    /// <summary>
    /// What a change brings from the watermark on: the activities this process has just appended when they follow on
    /// from the watermark without a gap (no database read), else the store's.
    /// </summary>
    public async Task<(IReadOnlyList<byte[]> Activities, long Watermark)> ReadChangeAsync(StoredConversation conversation, long watermark,
        ConversationChange change, int max, CancellationToken ct)
    {
        if (change.FollowingOn(watermark, max) is { } fresh)
            return fresh.Count == 0 ? ([], watermark) : ([.. fresh.Select(a => a.Body)], fresh[^1].Sequence + 1);
        return await ReadAsync(conversation, watermark, max, ct);
    }

    /// <summary>
    /// Starts the conversation once: the bot gets a conversationUpdate with membersAdded [user, bot], so its welcome
    /// reaches the client. Returns false when it had already started.
    /// </summary>
    public async Task<bool> StartAsync(StoredConversation conversation, string? locale, string serviceUrl, CancellationToken ct)
    {
        if (conversation.Started)
            return false;
        var user = new ChannelAccount { Id = conversation.UserId, Name = conversation.UserName, Role = "user" };
        var update = new Activity
        {
            Type = ActivityTypes.ConversationUpdate,
            Id = TransientId(conversation.Id),
            Timestamp = clock.GetUtcNow(),
            ChannelId = ChannelId,
            ServiceUrl = serviceUrl,
            From = user,
            Recipient = Bot,
            Conversation = new ConversationAccount { Id = conversation.Id },
            Locale = conversation.Locale ?? locale,
            MembersAdded = [new ChannelAccount { Id = user.Id, Name = user.Name, Role = user.Role }, Bot],
        };
        return await store.StartAsync(conversation.Id, locale, Serialize(update), clock.GetUtcNow(), ct);
    }

    /// <summary>
    /// The client's own id of what it posts (Web Chat's <c>channelData.clientActivityID</c>, kept when it retries a
    /// post whose acknowledgement it never got), or null.
    /// </summary>
    public static string? ClientActivityId(Activity activity) =>
        activity.ChannelData is { ValueKind: JsonValueKind.Object } data && data.TryGetProperty("clientActivityID", out var id) && id.ValueKind == JsonValueKind.String
            ? id.GetString()
            : null;

    /// <summary>
    /// Stamps an activity from the client (server id and UTC time, channel, conversation, recipient; channelData kept),
    /// stores the echo and its pending turn in one transaction. Returns once both are stored: the 200 means it will be answered.
    /// A retry of a stored post (the same client activity id; it may reach another replica) gets the stored echo's id
    /// and is not answered twice.
    /// </summary>
    public async Task<PostOutcome> PostAsync(StoredConversation conversation, Activity activity, DirectLineCaller caller, string serviceUrl, CancellationToken ct)
    {
        activity.ChannelId = ChannelId;
        activity.ServiceUrl = serviceUrl;
        activity.Conversation = new ConversationAccount { Id = conversation.Id };
        activity.Recipient = Bot;
        activity.Locale ??= conversation.Locale;
        // A token binds the user: whatever the body says, the sender is the token's user.
        activity.From = new ChannelAccount
        {
            Id = caller.Claims?.UserId ?? activity.From?.Id ?? conversation.UserId,
            Name = activity.From?.Name ?? conversation.UserName,
            Role = "user",
        };

        if (activity.Type is null || !ForwardedTypes.Contains(activity.Type))
            return new PostOutcome(TransientId(conversation.Id), true);

        var id = await store.AppendAsync(conversation.Id, Renderer(activity), clock.GetUtcNow(), queueTurn: true,
            _options.MaxPendingTurns, _options.MaxActivitiesPerConversation, ct, ClientActivityId(activity));
        return new PostOutcome(id ?? "", id is not null);
    }

    /// <summary>
    /// Runs a claimed turn and stores the bot's replies with it. Cancelled by shutdown, the turn stays pending for the
    /// next replica; a failure of the channel itself (not of the bot, which <see cref="BotAdapter"/> handles) is logged
    /// and the turn dropped, so one bad turn cannot block its conversation.
    /// </summary>
    public async Task RunTurnAsync(ITurnClaim claim, CancellationToken stopping)
    {
        var turn = claim.Turn;
        try
        {
            var incoming = JsonSerializer.Deserialize<Activity>(turn.Activity, DirectLineJson.Options)
                ?? throw new JsonException("A pending turn holds no activity.");
            var adapter = services.GetRequiredService<BotAdapter>();
            var replies = await adapter.ProcessAsync(incoming, stopping);
            var renderers = new List<ActivityRenderer>(replies.Count);
            foreach (var reply in replies)
            {
                // Web Chat holds a reply to an activity it never received for 5 s; the conversationUpdate is never sent to it.
                if (reply.ReplyToId == incoming.Id)
                    reply.ReplyToId = turn.ActivityId;
                reply.Conversation = new ConversationAccount { Id = turn.ConversationId };
                reply.ChannelId = ChannelId;
                renderers.Add(Renderer(reply));
            }
            await claim.CompleteAsync(renderers, clock.GetUtcNow(), _options.MaxActivitiesPerConversation, stopping);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            logger.LogError(e, "Direct Line turn failed in conversation {ConversationId}; dropped", turn.ConversationId);
            await claim.CompleteAsync([], clock.GetUtcNow(), _options.MaxActivitiesPerConversation, stopping);
        }
    }

    static ActivityRenderer Renderer(Activity activity) => (id, timestamp) =>
    {
        activity.Id = id;
        activity.Timestamp = timestamp;
        return Serialize(activity);
    };

    static byte[] Serialize(Activity activity) => JsonSerializer.SerializeToUtf8Bytes(activity, DirectLineJson.Options);
}
