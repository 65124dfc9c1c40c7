using System.Data.Common;
using CitizenBot.Core.Demand;

namespace CitizenBot.Core.DirectLine;

/// <summary>
/// The Direct Line store in SQL shared by SQLite (one host) and PostgreSQL (several replicas): the subclasses give the
/// schema, the connection, how a turn is claimed and how other processes are told of a change. Times are Unix
/// milliseconds (activity) and UTC ticks (timestamps, so ties are broken by 1 µs steps).
/// </summary>
public abstract class SqlDirectLineStore(DirectLineSignals signals) : IDirectLineStore
{
    protected DirectLineSignals Signals { get; } = signals;

    public abstract string Description { get; }

    /// <summary>Schema scripts in order (component "directline" in schema_version).</summary>
    protected abstract IReadOnlyList<string> Migrations { get; }

    protected abstract string? MigrationLock { get; }

    /// <summary>A connection for reads (and for the schema at start).</summary>
    protected abstract ValueTask<DbConnection> OpenAsync(CancellationToken ct);

    /// <summary>
    /// Runs <paramref name="work"/> in a write transaction and commits it (also when the work decided to store nothing).
    /// By default on a connection of its own; SQLite overrides it with its one writer connection.
    /// </summary>
    protected virtual async Task<T> InWriteTransactionAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var result = await work(connection, transaction);
        await transaction.CommitAsync(ct);
        Reached();
        return result;
    }

    /// <summary>
    /// Runs a read on a connection of its own, closed after it (<see cref="OpenAsync"/>); SQLite lends a kept one instead.
    /// </summary>
    protected virtual async Task<T> ReadingAsync<T>(Func<DbConnection, Task<T>> read, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        return await read(connection);
    }

    /// <summary>How recent a commit or claim must be for a readiness ping to answer from it.</summary>
    static readonly TimeSpan RecentRoundTrip = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Environment.TickCount64 of the last commit or claim query. Failures do not reset it: under load some calls time
    /// out waiting for a pooled connection while others succeed, and the database is reachable all the same; once it
    /// is not, nothing succeeds and within 2 s the ping asks it.
    /// </summary>
    long _lastRoundTrip = long.MinValue;

    /// <summary>The database just answered (a commit, a claim query): readiness needs no ping of its own for a while.</summary>
    protected void Reached() => Volatile.Write(ref _lastRoundTrip, Environment.TickCount64);

    /// <summary>Tells other processes, inside the transaction (so only on commit), that a conversation changed or a turn was queued.</summary>
    protected virtual Task NotifyOthersAsync(DbConnection connection, DbTransaction transaction, string conversationId, bool turnQueued, CancellationToken ct) =>
        Task.CompletedTask;

    public abstract Task<ITurnClaim?> ClaimTurnAsync(CancellationToken ct);

    /// <summary>Called inside a write transaction, before the statement that queues a turn (so before its commit).</summary>
    protected virtual void QueuingTurn()
    {
    }

    /// <summary>The tables, with the dialect's 64-bit integer and auto-numbered key.</summary>
    protected static string Schema(string bigInteger, string autoNumberedKey, string bytes) => $"""
        CREATE TABLE directline_conversation (
            id          TEXT PRIMARY KEY,
            user_id     TEXT NOT NULL,
            user_name   TEXT,
            locale      TEXT,
            started     INTEGER NOT NULL DEFAULT 0,
            next_seq    {bigInteger} NOT NULL DEFAULT 0,
            last_stamp  {bigInteger} NOT NULL DEFAULT 0,
            last_active {bigInteger} NOT NULL
        );
        CREATE INDEX directline_conversation_last_active ON directline_conversation (last_active);
        CREATE TABLE directline_activity (
            conversation_id TEXT NOT NULL,
            seq             {bigInteger} NOT NULL,
            body            {bytes} NOT NULL,
            PRIMARY KEY (conversation_id, seq)
        );
        CREATE TABLE directline_turn (
            id              {autoNumberedKey},
            conversation_id TEXT NOT NULL,
            activity_id     TEXT,
            activity        {bytes} NOT NULL,
            claimed         INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX directline_turn_conversation ON directline_turn (conversation_id, id);
        """;

    /// <summary>
    /// Version 2: the client's own id of a posted activity (Web Chat's <c>channelData.clientActivityID</c>), unique in
    /// its conversation, so a post retried after a lost acknowledgement is stored once.
    /// </summary>
    protected const string ClientActivityIds = """
        ALTER TABLE directline_activity ADD COLUMN client_activity_id TEXT;
        CREATE UNIQUE INDEX directline_activity_client_activity ON directline_activity (conversation_id, client_activity_id)
            WHERE client_activity_id IS NOT NULL;
        """;

    /// <summary>The oldest turn of a conversation (a conversation's turns run one at a time, in order).</summary>
    protected const string OldestTurnOfItsConversation = """
        NOT EXISTS (SELECT 1 FROM directline_turn p WHERE p.conversation_id = t.conversation_id AND p.id < t.id)
        """;

    public bool Initialized { get; private set; }

    public virtual async Task InitializeAsync(CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await SchemaMigrator.MigrateAsync(connection, "directline", Migrations, MigrationLock, ct);
        Initialized = true;
    }

    /// <summary>
    /// Answers from the replica's own traffic when the database committed or served a claim in the last 2 s (a busy
    /// replica's pool may have no connection free for a ping, which would take it out of the load balancer just when
    /// it works hardest), else with a round trip of its own.
    /// </summary>
    public async Task PingAsync(CancellationToken ct)
    {
        var last = Volatile.Read(ref _lastRoundTrip);
        if (last != long.MinValue && Environment.TickCount64 - last < (long)RecentRoundTrip.TotalMilliseconds) return;
        await ReadingAsync(async connection =>
        {
            await using var ping = Command(connection, null, "SELECT 1");
            return await ping.ExecuteScalarAsync(ct);
        }, ct);
    }

    public Task<CreateOutcome> CreateAsync(NewConversation conversation, DateTimeOffset now, DateTimeOffset liveSince, int maxConversations, CancellationToken ct) =>
        InWriteTransactionAsync(async (connection, transaction) =>
    {
        await using (var live = Command(connection, transaction, "SELECT 1 FROM directline_conversation WHERE id = @id AND last_active >= @live_since"))
        {
            Add(live, "@id", conversation.Id);
            Add(live, "@live_since", liveSince.ToUnixTimeMilliseconds());
            if (await live.ExecuteScalarAsync(ct) is not null) return new CreateOutcome(true, TimeSpan.Zero);
        }
        await using (var count = Command(connection, transaction,
                         "SELECT COUNT(*) AS live, MIN(last_active) AS oldest FROM directline_conversation WHERE last_active >= @live_since"))
        {
            Add(count, "@live_since", liveSince.ToUnixTimeMilliseconds());
            await using var reader = await count.ExecuteReaderAsync(ct);
            if (await reader.ReadAsync(ct) && reader.GetInt64(reader.GetOrdinal("live")) >= maxConversations)
            {
                var oldest = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(reader.GetOrdinal("oldest")));
                var retryAfter = oldest - liveSince;
                return new CreateOutcome(false, retryAfter < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : retryAfter);
            }
        }
        // An expired conversation with this id (a token outliving it) starts afresh.
        await ForgetAsync(connection, transaction, "id = @id AND last_active < @live_since",
            c => { Add(c, "@id", conversation.Id); Add(c, "@live_since", liveSince.ToUnixTimeMilliseconds()); }, ct);
        await using (var insert = Command(connection, transaction, """
                         INSERT INTO directline_conversation (id, user_id, user_name, last_active) VALUES (@id, @user_id, @user_name, @now)
                         ON CONFLICT (id) DO NOTHING
                         """))
        {
            Add(insert, "@id", conversation.Id);
            Add(insert, "@user_id", conversation.UserId);
            Add(insert, "@user_name", conversation.UserName);
            Add(insert, "@now", now.ToUnixTimeMilliseconds());
            await insert.ExecuteNonQueryAsync(ct);
        }
        return new CreateOutcome(true, TimeSpan.Zero);
    }, ct);

    public Task<StoredConversation?> FindAsync(string id, DateTimeOffset liveSince, CancellationToken ct) => ReadingAsync(async connection =>
    {
        await using var command = Command(connection, null, """
            SELECT user_id, user_name, locale, started, next_seq, last_active FROM directline_conversation
            WHERE id = @id AND last_active >= @live_since
            """);
        Add(command, "@id", id);
        Add(command, "@live_since", liveSince.ToUnixTimeMilliseconds());
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) return null;
        return new StoredConversation(id, reader.GetString(reader.GetOrdinal("user_id")), NullableString(reader, "user_name"),
            NullableString(reader, "locale"), Convert.ToInt64(reader.GetValue(reader.GetOrdinal("started"))) != 0,
            reader.GetInt64(reader.GetOrdinal("next_seq")), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(reader.GetOrdinal("last_active"))));
    }, ct);

    public Task TouchAsync(string id, DateTimeOffset now, CancellationToken ct) => InWriteTransactionAsync(async (connection, transaction) =>
    {
        await using var command = Command(connection, transaction, "UPDATE directline_conversation SET last_active = @now WHERE id = @id AND last_active < @now");
        Add(command, "@id", id);
        Add(command, "@now", now.ToUnixTimeMilliseconds());
        return await command.ExecuteNonQueryAsync(ct);
    }, ct);

    public async Task<bool> StartAsync(string id, string? locale, byte[] firstTurn, DateTimeOffset now, CancellationToken ct)
    {
        var started = await InWriteTransactionAsync(async (connection, transaction) =>
        {
            await using (var start = Command(connection, transaction, """
                             UPDATE directline_conversation SET started = 1, locale = COALESCE(locale, @locale), last_active = @now
                             WHERE id = @id AND started = 0
                             """))
            {
                Add(start, "@id", id);
                Add(start, "@locale", locale);
                Add(start, "@now", now.ToUnixTimeMilliseconds());
                if (await start.ExecuteNonQueryAsync(ct) == 0) return false;
            }
            await QueueTurnAsync(connection, transaction, id, null, firstTurn, ct);
            await NotifyOthersAsync(connection, transaction, id, turnQueued: true, ct);
            return true;
        }, ct);
        if (started) Signals.TurnQueued();
        return started;
    }

    public async Task<string?> AppendAsync(string id, ActivityRenderer render, DateTimeOffset now, bool queueTurn, int maxPending, int capacity, CancellationToken ct,
        string? clientActivityId = null)
    {
        var stored = await InWriteTransactionAsync<(string Id, StoredActivity? Activity)?>(async (connection, transaction) =>
        {
            if (clientActivityId is not null && await StoredClientActivityAsync(connection, transaction, id, clientActivityId, ct) is { } seq)
                return (ActivityId(id, seq), null); // a retry of a post already stored: nothing new
            if (queueTurn)
            {
                await using var pending = Command(connection, transaction, "SELECT COUNT(*) FROM directline_turn WHERE conversation_id = @id");
                Add(pending, "@id", id);
                if (Convert.ToInt64(await pending.ExecuteScalarAsync(ct)) >= maxPending) return null;
            }
            var appended = await AppendInTransactionAsync(connection, transaction, id, render, now, capacity, ct, clientActivityId);
            if (queueTurn) await QueueTurnAsync(connection, transaction, id, appended.Id, appended.Activity.Body, ct);
            await NotifyOthersAsync(connection, transaction, id, queueTurn, ct);
            return appended;
        }, ct);
        if (stored is not var (activityId, activity)) return null;
        if (activity is null) return activityId;
        Signals.ConversationChanged(id, [activity]);
        if (queueTurn) Signals.TurnQueued();
        return activityId;
    }

    public Task<IReadOnlyList<StoredActivity>> ReadAsync(string id, long watermark, int max, CancellationToken ct) =>
        ReadingAsync<IReadOnlyList<StoredActivity>>(async connection =>
    {
        await using var command = Command(connection, null,
            "SELECT seq, body FROM directline_activity WHERE conversation_id = @id AND seq >= @from ORDER BY seq LIMIT @max");
        Add(command, "@id", id);
        Add(command, "@from", watermark);
        Add(command, "@max", max);
        var activities = new List<StoredActivity>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        var (seq, body) = (reader.GetOrdinal("seq"), reader.GetOrdinal("body"));
        while (await reader.ReadAsync(ct))
            activities.Add(new StoredActivity(reader.GetInt64(seq), (byte[])reader.GetValue(body)));
        return activities;
    }, ct);

    public Task<int> DeleteIdleAsync(DateTimeOffset cutoff, CancellationToken ct) => InWriteTransactionAsync((connection, transaction) =>
        ForgetAsync(connection, transaction, "last_active < @cutoff", c => Add(c, "@cutoff", cutoff.ToUnixTimeMilliseconds()), ct), ct);

    /// <summary>
    /// Appends the replies and removes the turn inside the claim's transaction (not committed here); once committed,
    /// <see cref="Completed"/> hands the appended activities to this process's readers.
    /// </summary>
    protected async Task<IReadOnlyList<StoredActivity>> CompleteInTransactionAsync(DbConnection connection, DbTransaction transaction, PendingTurn turn,
        IReadOnlyList<ActivityRenderer> replies, DateTimeOffset now, int capacity, CancellationToken ct)
    {
        var appended = new List<StoredActivity>(replies.Count);
        foreach (var reply in replies)
            appended.Add((await AppendInTransactionAsync(connection, transaction, turn.ConversationId, reply, now, capacity, ct)).Activity);
        await using (var delete = Command(connection, transaction, "DELETE FROM directline_turn WHERE id = @id"))
        {
            Add(delete, "@id", turn.TurnId);
            await delete.ExecuteNonQueryAsync(ct);
        }
        if (replies.Count > 0) await NotifyOthersAsync(connection, transaction, turn.ConversationId, turnQueued: false, ct);
        return appended;
    }

    /// <summary>After a completed turn's commit: wakes this process's readers with the replies, and the turn runner.</summary>
    protected void Completed(PendingTurn turn, IReadOnlyList<StoredActivity> appended)
    {
        if (appended.Count > 0) Signals.ConversationChanged(turn.ConversationId, appended);
        Signals.TurnQueued(); // the conversation's next turn may run now
    }

    /// <summary>The first turn the command reads that <paramref name="eligible"/> accepts by its id (any, by default), or null.</summary>
    protected static async Task<PendingTurn?> ReadTurnAsync(DbCommand command, CancellationToken ct, Func<long, bool>? eligible = null)
    {
        await using var reader = await command.ExecuteReaderAsync(ct);
        do
        {
            if (!await reader.ReadAsync(ct)) return null;
        } while (eligible is not null && !eligible(reader.GetInt64(reader.GetOrdinal("id"))));
        return new PendingTurn(reader.GetInt64(reader.GetOrdinal("id")), reader.GetString(reader.GetOrdinal("conversation_id")),
            NullableString(reader, "activity_id"), (byte[])reader.GetValue(reader.GetOrdinal("activity")));
    }

    /// <summary>A text column by name that may be NULL.</summary>
    static string? NullableString(DbDataReader reader, string column) =>
        reader.GetOrdinal(column) is var k && reader.IsDBNull(k) ? null : reader.GetString(k);

    /// <summary>
    /// Takes the conversation's row lock in the transaction, so a retried post reaching another replica while the first
    /// attempt commits waits for it (and then finds it).
    /// </summary>
    protected virtual async Task LockConversationAsync(DbConnection connection, DbTransaction transaction, string conversationId, CancellationToken ct)
    {
        await using var lockRow = Command(connection, transaction, "UPDATE directline_conversation SET next_seq = next_seq WHERE id = @id");
        Add(lockRow, "@id", conversationId);
        await lockRow.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// The sequence number of the conversation's activity with this client id, or null. Takes the conversation's row
    /// lock first (<see cref="LockConversationAsync"/>), so a retry committed meanwhile is found.
    /// </summary>
    async Task<long?> StoredClientActivityAsync(DbConnection connection, DbTransaction transaction, string conversationId, string clientActivityId,
        CancellationToken ct)
    {
        await LockConversationAsync(connection, transaction, conversationId, ct);
        await using var find = Command(connection, transaction,
            "SELECT seq FROM directline_activity WHERE conversation_id = @id AND client_activity_id = @client_activity_id");
        Add(find, "@id", conversationId);
        Add(find, "@client_activity_id", clientActivityId);
        return await find.ExecuteScalarAsync(ct) is { } seq and not DBNull ? Convert.ToInt64(seq) : null;
    }

    async Task<(string Id, StoredActivity Activity)> AppendInTransactionAsync(DbConnection connection, DbTransaction transaction, string conversationId,
        ActivityRenderer render, DateTimeOffset now, int capacity, CancellationToken ct, string? clientActivityId = null)
    {
        long seq, stamp;
        await using (var next = Command(connection, transaction, """
                         UPDATE directline_conversation
                         SET next_seq = next_seq + 1, last_stamp = CASE WHEN @now > last_stamp THEN @now ELSE last_stamp + 10 END
                         WHERE id = @id
                         RETURNING next_seq - 1 AS seq, last_stamp AS stamp
                         """))
        {
            Add(next, "@id", conversationId);
            Add(next, "@now", now.UtcTicks);
            await using var reader = await next.ExecuteReaderAsync(ct);
            if (!await reader.ReadAsync(ct))
                throw new InvalidOperationException($"Direct Line conversation {conversationId} is not in the store.");
            (seq, stamp) = (reader.GetInt64(reader.GetOrdinal("seq")), reader.GetInt64(reader.GetOrdinal("stamp")));
        }
        var id = ActivityId(conversationId, seq);
        var body = render(id, new DateTimeOffset(stamp, TimeSpan.Zero));
        await using (var insert = Command(connection, transaction,
                         "INSERT INTO directline_activity (conversation_id, seq, body, client_activity_id) VALUES (@id, @seq, @body, @client_activity_id)"))
        {
            Add(insert, "@id", conversationId);
            Add(insert, "@seq", seq);
            Add(insert, "@body", body);
            Add(insert, "@client_activity_id", clientActivityId);
            await insert.ExecuteNonQueryAsync(ct);
        }
        if (seq >= capacity)
        {
            await using var trim = Command(connection, transaction, "DELETE FROM directline_activity WHERE conversation_id = @id AND seq <= @oldest");
            Add(trim, "@id", conversationId);
            Add(trim, "@oldest", seq - capacity);
            await trim.ExecuteNonQueryAsync(ct);
        }
        return (id, new StoredActivity(seq, body));
    }

    /// <summary>The id clients see: the conversation and the activity's sequence number.</summary>
    public static string ActivityId(string conversationId, long seq) => $"{conversationId}|{seq:D7}";

    async Task QueueTurnAsync(DbConnection connection, DbTransaction transaction, string conversationId, string? activityId, byte[] activity, CancellationToken ct)
    {
        QueuingTurn();
        await using var insert = Command(connection, transaction,
            "INSERT INTO directline_turn (conversation_id, activity_id, activity) VALUES (@id, @activity_id, @activity)");
        Add(insert, "@id", conversationId);
        Add(insert, "@activity_id", activityId);
        Add(insert, "@activity", activity);
        await insert.ExecuteNonQueryAsync(ct);
    }

    async Task<int> ForgetAsync(DbConnection connection, DbTransaction transaction, string condition, Action<DbCommand> parameters, CancellationToken ct)
    {
        var deleted = 0;
        foreach (var sql in new[]
                 {
                     $"DELETE FROM directline_activity WHERE conversation_id IN (SELECT id FROM directline_conversation WHERE {condition})",
                     $"DELETE FROM directline_turn WHERE conversation_id IN (SELECT id FROM directline_conversation WHERE {condition})",
                     $"DELETE FROM directline_conversation WHERE {condition}",
                 })
        {
            await using var command = Command(connection, transaction, sql);
            parameters(command);
            deleted = await command.ExecuteNonQueryAsync(ct);
        }
        return deleted;
    }

    /// <summary>A command for <paramref name="sql"/> on the connection; dispose it after use. SQLite's writer connection overrides it with kept statements.</summary>
    protected virtual DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    protected static void Add(DbCommand command, string name, object? value) => SchemaMigrator.AddParameter(command, name, value);
}
