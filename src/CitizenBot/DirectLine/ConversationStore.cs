using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace CitizenBot.DirectLine;

/// <summary>Where Direct Line conversations live between requests: bounded, forgetting idle ones.</summary>
public interface IConversationStore
{
    /// <summary>Adds a conversation, dropping the least recently active one if the store is full.</summary>
    void Add(DirectLineConversation conversation);

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

    public void Add(DirectLineConversation conversation)
    {
        lock (_addGate)
        {
            if (_conversations.Count >= _max && EvictIdle() == 0)
            {
                var oldest = _conversations.Values.MinBy(c => c.LastActive);
                if (oldest is not null && _conversations.TryRemove(oldest.Id, out _))
                    logger.LogWarning("Direct Line store full ({Max} conversations): dropped the least recently active one", _max);
            }
            _conversations[conversation.Id] = conversation;
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
