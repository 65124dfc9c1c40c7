using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace CitizenBot.DirectLine;

/// <summary>Where Direct Line conversations live between requests: bounded, forgetting idle ones.</summary>
public interface IConversationStore
{
    /// <summary>
    /// Adds a conversation unless the store is full of conversations active within their idle timeout: an active
    /// conversation is never dropped to make room. When refused, <paramref name="retryAfter"/> says when the least
    /// recently active one expires.
    /// </summary>
    bool TryAdd(DirectLineConversation conversation, out TimeSpan retryAfter);

    /// <summary>The conversation, marked active now; null if unknown or idle past its expiry.</summary>
    DirectLineConversation? Find(string id);

    int Count { get; }

    /// <summary>Forgets conversations idle past the expiry; returns how many.</summary>
    int EvictIdle();
}

/// <summary>The in-process store: one dictionary, idle expiry checked on read and by <see cref="DirectLineConversationSweeper"/>.</summary>
public sealed class InMemoryConversationStore(IOptions<DirectLineOptions> options, TimeProvider clock, ILogger<InMemoryConversationStore> logger)
    : IConversationStore
{
    readonly ConcurrentDictionary<string, DirectLineConversation> _conversations = new(StringComparer.Ordinal);
    readonly Lock _addGate = new();
    readonly TimeSpan _idle = options.Value.ConversationIdleTimeout;
    readonly int _max = options.Value.MaxConversations;

    public int Count => _conversations.Count;

    public bool TryAdd(DirectLineConversation conversation, out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.Zero;
        lock (_addGate)
        {
            if (_conversations.Count >= _max && !_conversations.ContainsKey(conversation.Id) && EvictIdle() == 0
                && _conversations.Values.MinBy(c => c.LastActive) is { } oldest)
            {
                retryAfter = oldest.LastActive + _idle - clock.GetUtcNow();
                if (retryAfter < TimeSpan.FromSeconds(1)) retryAfter = TimeSpan.FromSeconds(1);
                logger.LogWarning("Direct Line store full ({Max} active conversations): refused a new one", _max);
                return false;
            }
            _conversations[conversation.Id] = conversation;
            return true;
        }
    }

    public DirectLineConversation? Find(string id)
    {
        if (!_conversations.TryGetValue(id, out var conversation))
            return null;
        var now = clock.GetUtcNow();
        if (now - conversation.LastActive > _idle)
        {
            _conversations.TryRemove(new KeyValuePair<string, DirectLineConversation>(id, conversation));
            return null;
        }
        conversation.Touch(now);
        return conversation;
    }

    public int EvictIdle()
    {
        var cutoff = clock.GetUtcNow() - _idle;
        var evicted = 0;
        foreach (var (id, conversation) in _conversations)
            if (conversation.LastActive < cutoff && _conversations.TryRemove(new KeyValuePair<string, DirectLineConversation>(id, conversation)))
                evicted++;
        return evicted;
    }
}

/// <summary>Sweeps idle conversations once a minute so memory is returned even when nobody asks for them again.</summary>
public sealed class DirectLineConversationSweeper(IConversationStore store, TimeProvider clock, ILogger<DirectLineConversationSweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1), clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                var evicted = store.EvictIdle();
                if (evicted > 0)
                    logger.LogInformation("Direct Line: forgot {Evicted} idle conversations ({Remaining} remain)", evicted, store.Count);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
