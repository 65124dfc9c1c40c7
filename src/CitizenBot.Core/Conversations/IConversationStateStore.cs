namespace CitizenBot.Core.Conversations;

/// <summary>
/// Conversation state keyed by conversation id, with optimistic versioning so two replicas (or two quick turns)
/// cannot silently overwrite each other. State idle longer than the configured timeout counts as absent.
/// </summary>
public interface IConversationStateStore
{
    /// <summary>The stored state, or null when there is none or it has been idle longer than the timeout.</summary>
    ValueTask<StoredConversationState?> GetAsync(string conversationId, CancellationToken ct);

    /// <summary>
    /// Saves the state if the stored version is still <paramref name="expectedVersion"/> (0 = nothing was stored, or
    /// only expired state) and returns the new version; otherwise throws <see cref="ConversationStateConflictException"/>.
    /// </summary>
    ValueTask<long> SaveAsync(string conversationId, ConversationState state, long expectedVersion, CancellationToken ct);

    ValueTask DeleteAsync(string conversationId, CancellationToken ct);

    /// <summary>Deletes every state last saved before <paramref name="cutoff"/>; returns how many were deleted.</summary>
    ValueTask<int> DeleteIdleAsync(DateTimeOffset cutoff, CancellationToken ct);
}

public sealed record StoredConversationState(ConversationState State, long Version, DateTimeOffset UpdatedAt)
{
    /// <summary>
    /// The row of <c>conversation_state</c> the reader is on (columns <c>version</c>, <c>updated_at</c> in Unix
    /// milliseconds, <c>state</c> as JSON), the same in SQLite and PostgreSQL. A state this version cannot read is
    /// treated as absent but keeps its version, so the next save replaces it.
    /// </summary>
    public static StoredConversationState Read(System.Data.Common.DbDataReader row) =>
        new(ConversationStateJson.TryDeserialize(row.GetString(row.GetOrdinal("state"))) ?? ConversationState.New,
            row.GetInt64(row.GetOrdinal("version")),
            DateTimeOffset.FromUnixTimeMilliseconds(row.GetInt64(row.GetOrdinal("updated_at"))));
}

/// <summary>Another turn saved the conversation first; the caller reloads and runs its turn again.</summary>
public sealed class ConversationStateConflictException(string conversationId, long expectedVersion)
    : Exception($"Conversation state was changed by another turn (expected version {expectedVersion}).")
{
    public string ConversationId { get; } = conversationId;
}
