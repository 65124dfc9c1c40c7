namespace CitizenBot.Core.Protocol;

/// <summary>
/// The bot as the channels see it: one incoming activity in, the replies out. Channels (Direct Line, Bot Connector,
/// CLI) deliver the replies their own way, so the bot never knows which transport it is on.
/// </summary>
public interface IBot
{
    Task<IReadOnlyList<Activity>> OnTurnAsync(Activity incoming, CancellationToken cancellationToken);
}
