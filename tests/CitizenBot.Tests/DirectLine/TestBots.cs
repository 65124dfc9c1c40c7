using System.Collections.Concurrent;
using CitizenBot.Core.Protocol;

namespace CitizenBot.Tests.DirectLine;

/// <summary>
/// A stand-in bot for channel tests: welcomes on conversationUpdate, answers "Bạn hỏi: …" to each message, records
/// what it received, and can hold its turns until the test releases them.
/// </summary>
public sealed class RecordingBot : IBot
{
    public const string Welcome = "Xin chào! Tôi là CitizenBot.";
    readonly ConcurrentQueue<Activity> _received = new();
    TaskCompletionSource _gate = Open();

    public IReadOnlyCollection<Activity> Received => _received;

    /// <summary>Makes later turns wait until <see cref="Release"/>.</summary>
    public void Hold() => _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release() => _gate.TrySetResult();

    public async Task<IReadOnlyList<Activity>> OnTurnAsync(Activity incoming, CancellationToken cancellationToken)
    {
        _received.Enqueue(incoming);
        await _gate.Task.WaitAsync(cancellationToken);
        return incoming.Type switch
        {
            ActivityTypes.ConversationUpdate when incoming.MembersAdded?.Any(m => m.Id != incoming.Recipient?.Id) == true =>
                [new Activity { Type = ActivityTypes.Message, Text = Welcome }],
            ActivityTypes.Message => [new Activity { Type = ActivityTypes.Message, Text = "Bạn hỏi: " + incoming.Text }],
            _ => [],
        };
    }

    static TaskCompletionSource Open()
    {
        var open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        open.SetResult();
        return open;
    }
}
