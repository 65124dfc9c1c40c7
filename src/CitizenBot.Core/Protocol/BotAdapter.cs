using Microsoft.Extensions.Logging;

namespace CitizenBot.Core.Protocol;

/// <summary>
/// Runs one turn for any channel: calls the bot, addresses its replies to the sender (from/recipient swapped,
/// conversation, replyToId, locale), and is the one place a failed turn is handled — logged, apologised for, and the
/// conversation's state reset by the bot's <see cref="IBotErrorRecovery"/> when it has one.
/// </summary>
public sealed class BotAdapter(IBot bot, ILogger<BotAdapter> logger, IBotErrorRecovery? recovery = null)
{
    public const string ApologyText = "Xin lỗi, hệ thống vừa gặp sự cố khi trả lời. Bạn vui lòng hỏi lại sau ít phút nhé.";

    public async Task<IReadOnlyList<Activity>> ProcessAsync(Activity incoming, CancellationToken cancellationToken)
    {
        IReadOnlyList<Activity> replies;
        try
        {
            replies = await bot.OnTurnAsync(incoming, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            logger.LogError(e, "Turn failed in conversation {ConversationId} on {ChannelId}", incoming.Conversation?.Id, incoming.ChannelId);
            if (recovery is not null && incoming.Conversation?.Id is { } id)
                await recovery.ResetAsync(id, cancellationToken);
            replies = incoming.Type == ActivityTypes.Message ? [new Activity { Type = ActivityTypes.Message, Text = ApologyText }] : [];
        }
        foreach (var reply in replies)
            AddressReply(incoming, reply);
        return replies;
    }

    /// <summary>Fills what a reply must carry (docs/architecture.md, "Bot Connector"); id, timestamp and serviceUrl are the channel's.</summary>
    public static void AddressReply(Activity incoming, Activity reply)
    {
        reply.Type ??= ActivityTypes.Message;
        reply.ChannelId ??= incoming.ChannelId;
        reply.From ??= incoming.Recipient is { } bot ? new ChannelAccount { Id = bot.Id, Name = bot.Name, Role = "bot" } : null;
        reply.Recipient ??= incoming.From is { } user ? new ChannelAccount { Id = user.Id, Name = user.Name, Role = user.Role } : null;
        reply.Conversation ??= incoming.Conversation;
        reply.ReplyToId ??= incoming.Id;
        reply.Locale ??= incoming.Locale ?? "vi-VN";
    }
}

/// <summary>Lets the adapter reset a conversation after a failed turn, so the next turn starts clean.</summary>
public interface IBotErrorRecovery
{
    Task ResetAsync(string conversationId, CancellationToken cancellationToken);
}
