using System.Data.Common;
using CitizenBot.Core.DirectLine;
using Npgsql;

namespace CitizenBot.Postgres;

/// <summary>
/// The Direct Line store shared by replicas. A claimed turn is a row locked (<c>FOR UPDATE SKIP LOCKED</c>) by a
/// transaction that stays open while the bot runs it and commits with the replies: a replica killed mid-turn loses its
/// connection, PostgreSQL releases the lock and another replica claims the turn. Commits that change a conversation or
/// queue a turn send a NOTIFY, which <see cref="ListenAsync"/> turns into this process's wake-ups. The payload names the
/// sending store, so a replica ignores its own (it has woken its readers already, handing them the appended rows).
/// </summary>
public sealed class PostgresDirectLineStore(NpgsqlDataSource dataSource, DirectLineSignals signals) : SqlDirectLineStore(signals)
{
    public const string Channel = "citizenbot_directline";
    const string TurnPrefix = "t:";
    const string ChangePrefix = "c:";

    /// <summary>This store's name in its notifications: "{t|c}:{sender}:{conversation id}".</summary>
    readonly string _sender = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8));

    public override string Description { get; } = PostgresStorage.Describe(dataSource);

    protected override IReadOnlyList<string> Migrations { get; } =
        [Schema("BIGINT", "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY", "BYTEA"), ClientActivityIds];

    protected override string? MigrationLock => PostgresStorage.MigrationLock;

    protected override async ValueTask<DbConnection> OpenAsync(CancellationToken ct) => await dataSource.OpenConnectionAsync(ct);

    protected override async Task NotifyOthersAsync(DbConnection connection, DbTransaction transaction, string conversationId, bool turnQueued, CancellationToken ct)
    {
        await using var notify = Command(connection, transaction, "SELECT pg_notify(@channel, @payload)");
        Add(notify, "@channel", Channel);
        Add(notify, "@payload", $"{(turnQueued ? TurnPrefix : ChangePrefix)}{_sender}:{conversationId}");
        await notify.ExecuteNonQueryAsync(ct);
    }

    public override async Task<ITurnClaim?> ClaimTurnAsync(CancellationToken ct)
    {
        var connection = await dataSource.OpenConnectionAsync(ct);
        NpgsqlTransaction? transaction = null;
        try
        {
            transaction = await connection.BeginTransactionAsync(ct);
            await using var claim = Command(connection, transaction, $"""
                SELECT t.id, t.conversation_id, t.activity_id, t.activity FROM directline_turn t
                WHERE {OldestTurnOfItsConversation}
                ORDER BY t.id LIMIT 1 FOR UPDATE SKIP LOCKED
                """);
            var turn = await ReadTurnAsync(claim, ct);
            Reached();
            if (turn is not null)
                return new Claim(this, connection, transaction, turn);
        }
        catch
        {
            if (transaction is not null) await transaction.DisposeAsync();
            await connection.DisposeAsync();
            throw;
        }
        await transaction.DisposeAsync();
        await connection.DisposeAsync();
        return null;
    }

    /// <summary>
    /// Listens for other replicas' changes until cancelled, reconnecting after a lost connection (and then waking every
    /// waiter, since notifications sent meanwhile are gone).
    /// </summary>
    public async Task ListenAsync(Action<Exception> onError, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(ct);
                connection.Notification += (_, e) =>
                {
                    var parts = e.Payload.Split(':', 3);
                    if (parts.Length != 3 || parts[1] == _sender) return;
                    if (parts[0] + ":" == TurnPrefix) Signals.TurnQueued();
                    Signals.ConversationChanged(parts[2]);
                };
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                    await listen.ExecuteNonQueryAsync(ct);
                Signals.WakeAll();
                while (true) await connection.WaitAsync(ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or IOException or InvalidOperationException)
            {
                onError(e);
                try { await Task.Delay(TimeSpan.FromSeconds(1), ct); } catch (OperationCanceledException) { return; }
            }
        }
    }

    sealed class Claim(PostgresDirectLineStore store, NpgsqlConnection connection, NpgsqlTransaction transaction, PendingTurn turn) : ITurnClaim
    {
        public PendingTurn Turn => turn;

        public async Task CompleteAsync(IReadOnlyList<ActivityRenderer> replies, DateTimeOffset now, int capacity, CancellationToken ct)
        {
            var appended = await store.CompleteInTransactionAsync(connection, transaction, turn, replies, now, capacity, ct);
            await transaction.CommitAsync(ct);
            store.Reached();
            store.Completed(turn, appended);
        }

        public async ValueTask DisposeAsync()
        {
            await transaction.DisposeAsync(); // rolls back unless completed: the turn stays pending
            await connection.DisposeAsync();
        }
    }
}
