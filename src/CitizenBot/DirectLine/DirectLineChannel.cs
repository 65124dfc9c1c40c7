using System.Security.Cryptography;
using CitizenBot.Core.Protocol;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace CitizenBot.DirectLine;

/// <summary>The result of posting an activity: its id, or that the conversation's queue is full.</summary>
public sealed record PostOutcome(string Id, bool Accepted);

/// <summary>
/// The Direct Line channel between HTTP and the bot: starts conversations, stamps and echoes what clients post, and
/// runs the turns (one at a time per conversation) through <see cref="BotAdapter"/>, appending the bot's replies.
/// </summary>
public sealed class DirectLineChannel(
    IConversationStore store,
    IServiceProvider services,
    IOptions<DirectLineOptions> options,
    TimeProvider clock,
    IHostApplicationLifetime lifetime,
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

    /// <summary>
    /// Creates a conversation record (not yet started) for a user; null, with when to try again, when the store is
    /// full of active conversations.
    /// </summary>
    public DirectLineConversation? TryCreate(string conversationId, string userId, string? userName, out TimeSpan retryAfter)
    {
        var conversation = new DirectLineConversation(conversationId, new ChannelAccount { Id = userId, Name = userName, Role = "user" },
            _options.MaxActivitiesPerConversation, clock.GetUtcNow());
        return store.TryAdd(conversation, out retryAfter) ? conversation : null;
    }

    public DirectLineConversation? Find(string conversationId) => store.Find(conversationId);

    /// <summary>
    /// Starts the conversation once: the bot gets a conversationUpdate with membersAdded [user, bot], so its welcome
    /// reaches the client. Returns false when it had already started.
    /// </summary>
    public bool Start(DirectLineConversation conversation, string serviceUrl)
    {
        if (!conversation.MarkStarted())
            return false;
        var update = new Activity
        {
            Type = ActivityTypes.ConversationUpdate,
            Id = conversation.NewTransientId(),
            Timestamp = clock.GetUtcNow(),
            ChannelId = ChannelId,
            ServiceUrl = serviceUrl,
            From = Copy(conversation.User),
            Recipient = Bot,
            Conversation = new ConversationAccount { Id = conversation.Id },
            Locale = conversation.Locale,
            MembersAdded = [Copy(conversation.User), Bot],
        };
        conversation.TryEnqueueTurn(() => RunTurnAsync(conversation, update), int.MaxValue);
        return true;
    }

    /// <summary>
    /// Stamps an activity from the client (server id and UTC time, channel, conversation, recipient; channelData kept),
    /// echoes it into the transcript and queues its turn. Returns as soon as it is queued.
    /// </summary>
    public PostOutcome Post(DirectLineConversation conversation, Activity activity, DirectLineCaller caller, string serviceUrl)
    {
        activity.ChannelId = ChannelId;
        activity.ServiceUrl = serviceUrl;
        activity.Conversation = new ConversationAccount { Id = conversation.Id };
        activity.Recipient = Bot;
        // A token binds the user: whatever the body says, the sender is the token's user.
        activity.From = new ChannelAccount
        {
            Id = caller.Claims?.UserId ?? activity.From?.Id ?? conversation.User.Id,
            Name = activity.From?.Name ?? conversation.User.Name,
            Role = "user",
        };

        if (activity.Type is null || !ForwardedTypes.Contains(activity.Type))
            return new PostOutcome(conversation.NewTransientId(), true);

        var id = conversation.TryAppendAndEnqueue(activity, clock.GetUtcNow(), () => RunTurnAsync(conversation, activity), _options.MaxPendingTurns);
        return new PostOutcome(id ?? "", id is not null);
    }

    async Task RunTurnAsync(DirectLineConversation conversation, Activity incoming)
    {
        var stopping = lifetime.ApplicationStopping;
        try
        {
            var adapter = services.GetRequiredService<BotAdapter>();
            var replies = await adapter.ProcessAsync(incoming, stopping);
            var replyTo = conversation.Contains(incoming.Id) ? incoming.Id : null;
            foreach (var reply in replies)
            {
                // Web Chat holds a reply to an activity it never received for 5 s; the conversationUpdate is never sent to it.
                if (reply.ReplyToId == incoming.Id)
                    reply.ReplyToId = replyTo;
                reply.Conversation = new ConversationAccount { Id = conversation.Id };
                reply.ChannelId = ChannelId;
                conversation.Append(reply, clock.GetUtcNow());
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            // BotAdapter already handles the bot's own failures; this is the channel failing (e.g. no IBot registered).
            logger.LogError(e, "Direct Line turn failed in conversation {ConversationId}", conversation.Id);
        }
    }

    static ChannelAccount Copy(ChannelAccount account) => new() { Id = account.Id, Name = account.Name, Role = account.Role };
}
