namespace CitizenBot.Core.DirectLine;

/// <summary>
/// Where Direct Line conversations live: their transcript, watermark and pending turns, shared by every replica that
/// uses the same database. Activity ids and watermarks come from the store (one sequence per conversation, assigned
/// in the insert's transaction), so every replica serves the same transcript in the same order.
/// </summary>
public interface IDirectLineStore
{
    string Description { get; }

    /// <summary>Creates or migrates the tables; the host calls it at start.</summary>
    Task InitializeAsync(CancellationToken ct);

    /// <summary>True once <see cref="InitializeAsync"/> has succeeded.</summary>
    bool Initialized { get; }

    /// <summary>One round trip to the database (readiness); throws when it is unreachable.</summary>
    Task PingAsync(CancellationToken ct);

    /// <summary>
    /// Adds a conversation (not yet started) unless one with that id is live already (then nothing changes), or the
    /// store holds <paramref name="maxConversations"/> live ones (then <see cref="CreateOutcome.RetryAfter"/> says when
    /// the least recently active one expires). A conversation idle past <paramref name="liveSince"/> counts as absent.
    /// </summary>
    Task<CreateOutcome> CreateAsync(NewConversation conversation, DateTimeOffset now, DateTimeOffset liveSince, int maxConversations, CancellationToken ct);

    /// <summary>The conversation if it is live (active since <paramref name="liveSince"/>), else null.</summary>
    Task<StoredConversation?> FindAsync(string id, DateTimeOffset liveSince, CancellationToken ct);

    /// <summary>Marks the conversation active now.</summary>
    Task TouchAsync(string id, DateTimeOffset now, CancellationToken ct);

    /// <summary>
    /// Starts the conversation once, queuing <paramref name="firstTurn"/> (the conversationUpdate) in the same
    /// transaction; false when it had already started.
    /// </summary>
    Task<bool> StartAsync(string id, string? locale, byte[] firstTurn, DateTimeOffset now, CancellationToken ct);

    /// <summary>
    /// Appends one activity: the next id and a timestamp never earlier than the previous one are assigned in the
    /// transaction and handed to <paramref name="render"/>. With <paramref name="queueTurn"/> the rendered activity is
    /// also queued as a pending turn, in the same transaction, unless <paramref name="maxPending"/> turns already wait
    /// (then nothing is stored and the result is null). Returns the activity's id. With <paramref name="clientActivityId"/>
    /// (the client's own id of what it posts), an activity of the conversation stored with that id already makes this a
    /// retry: nothing is stored or queued and the stored activity's id is returned.
    /// </summary>
    Task<string?> AppendAsync(string id, ActivityRenderer render, DateTimeOffset now, bool queueTurn, int maxPending, int capacity, CancellationToken ct,
        string? clientActivityId = null);

    /// <summary>Activities from the watermark on (at most <paramref name="max"/>), each as stored, and their sequence numbers.</summary>
    Task<IReadOnlyList<StoredActivity>> ReadAsync(string id, long watermark, int max, CancellationToken ct);

    /// <summary>
    /// Claims the oldest pending turn of a conversation none of whose turns is running, or null when there is none.
    /// The claim holds until it is completed or disposed: completed, the replies are appended and the turn removed in one
    /// transaction; disposed without completing (a failure, shutdown), the turn stays pending for the next claim. A
    /// replica that dies holding a claim loses it (the database releases it), so another replica runs the turn.
    /// </summary>
    Task<ITurnClaim?> ClaimTurnAsync(CancellationToken ct);

    /// <summary>Forgets conversations (with their activities and pending turns) idle since before the cutoff; returns how many.</summary>
    Task<int> DeleteIdleAsync(DateTimeOffset cutoff, CancellationToken ct);
}

/// <summary>Serializes an activity once its id and timestamp are known.</summary>
public delegate byte[] ActivityRenderer(string id, DateTimeOffset timestamp);

public sealed record NewConversation(string Id, string UserId, string? UserName);

public sealed record CreateOutcome(bool Created, TimeSpan RetryAfter);

/// <summary>A live conversation; <see cref="Watermark"/> is how many activities were ever appended to it.</summary>
public sealed record StoredConversation(string Id, string UserId, string? UserName, string? Locale, bool Started, long Watermark, DateTimeOffset LastActive);

public sealed record StoredActivity(long Sequence, byte[] Body);

/// <summary>A turn waiting for the bot: the activity as stored (the echo, or the conversationUpdate), and the echo's id.</summary>
public sealed record PendingTurn(long TurnId, string ConversationId, string? ActivityId, byte[] Activity);

/// <summary>A pending turn this process runs now; see <see cref="IDirectLineStore.ClaimTurnAsync"/>.</summary>
public interface ITurnClaim : IAsyncDisposable
{
    PendingTurn Turn { get; }

    /// <summary>Appends the bot's replies and removes the turn, in one transaction.</summary>
    Task CompleteAsync(IReadOnlyList<ActivityRenderer> replies, DateTimeOffset now, int capacity, CancellationToken ct);
}
