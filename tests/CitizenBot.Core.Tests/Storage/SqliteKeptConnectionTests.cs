using CitizenBot.Core.Storage;
using Microsoft.Data.Sqlite;

namespace CitizenBot.Core.Tests.Storage;

/// <summary>
/// Kept statements: a text's command serves use after use with that use's own parameters and transaction, disposing it
/// after a use keeps it, and the kept connection finalizes them when it closes.
/// </summary>
public sealed class SqliteKeptConnectionTests : IDisposable
{
    readonly string _folder = Directory.CreateTempSubdirectory("citizenbot-kept-").FullName;

    string ConnectionString => new SqliteConnectionStringBuilder { DataSource = Path.Combine(_folder, "kept.db"), Pooling = true }.ToString();

    SqliteConnection Open()
    {
        var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        connection.Handle!.enable_sqlite3_next_stmt(true); // so LiveStatement can list the statements
        return connection;
    }

    SqliteKeptConnection Table()
    {
        var kept = new SqliteKeptConnection(Open());
        using var create = kept.Connection.CreateCommand();
        create.CommandText = "PRAGMA journal_mode = WAL; CREATE TABLE IF NOT EXISTS t (k TEXT PRIMARY KEY, v INTEGER NOT NULL)";
        create.ExecuteNonQuery();
        return kept;
    }

    static async Task Insert(SqliteKeptConnection kept, SqliteTransaction? transaction, string k, long v)
    {
        await using var insert = kept.Command("INSERT INTO t (k, v) VALUES (@k, @v)", transaction);
        insert.Parameters.AddWithValue("@k", k);
        insert.Parameters.AddWithValue("@v", v);
        await insert.ExecuteNonQueryAsync();
    }

    static async Task<object?> Find(SqliteKeptConnection kept, string k)
    {
        await using var find = kept.Command("SELECT v FROM t WHERE k = @k", null);
        find.Parameters.AddWithValue("@k", k);
        return await find.ExecuteScalarAsync();
    }

    [Fact]
    public async Task One_command_per_text_serves_each_use_with_its_own_parameters_and_transaction()
    {
        using var kept = Table();
        var first = kept.Command("SELECT v FROM t WHERE k = @k", null);
        await first.DisposeAsync();
        Assert.Same(first, kept.Command("SELECT v FROM t WHERE k = @k", null));
        await first.DisposeAsync();

        await Insert(kept, null, "a", 1);
        await using (var transaction = kept.Connection.BeginTransaction())
        {
            await Insert(kept, transaction, "b", 2);
            await Insert(kept, transaction, "c", 3);
            transaction.Commit();
        }
        await using (var transaction = kept.Connection.BeginTransaction())
        {
            await Insert(kept, transaction, "d", 4);
            transaction.Rollback();
        }

        Assert.Equal(1L, await Find(kept, "a"));
        Assert.Equal(2L, await Find(kept, "b"));
        Assert.Equal(3L, await Find(kept, "c"));
        Assert.Null(await Find(kept, "d"));
        // A failed use (a duplicate key) leaves the command usable.
        await Assert.ThrowsAsync<SqliteException>(() => Insert(kept, null, "a", 9));
        await Insert(kept, null, "e", 5);
        Assert.Equal(5L, await Find(kept, "e"));
    }

    [Fact]
    public async Task Closing_finalizes_the_statements_before_the_connection_goes_back_to_the_pool()
    {
        var kept = Table();
        await Insert(kept, null, "a", 1);
        Assert.Equal(1L, await Find(kept, "a"));
        var handle = kept.Connection.Handle!;
        Assert.NotNull(LiveStatement(handle)); // kept: compiled once, alive between uses
        kept.Dispose();
        Assert.Null(SqliteKeptConnection.Of(kept.Connection));

        using var next = Open(); // the pool hands the same SQLite connection out again, with no statement left on it
        Assert.Equal(handle.DangerousGetHandle(), next.Handle!.DangerousGetHandle());
        Assert.Null(LiveStatement(next.Handle));
    }

    static SQLitePCL.sqlite3_stmt? LiveStatement(SQLitePCL.sqlite3 handle) =>
        SQLitePCL.raw.sqlite3_next_stmt(handle, null) is { IsInvalid: false } statement ? statement : null;

    [Fact]
    public async Task Readers_lend_kept_connections_and_close_one_whose_read_failed()
    {
        using (var kept = Table()) await Insert(kept, null, "a", 1);
        using var readers = new SqliteKeptReaders(Open, keep: 2);
        SqliteKeptConnection? lent = null;
        Assert.Equal(1L, await readers.ReadAsync(async kept => { lent = kept; return await Find(kept, "a"); }));
        Assert.Same(lent, await readers.ReadAsync(kept => Task.FromResult(kept)));

        await Assert.ThrowsAsync<InvalidOperationException>(() => readers.ReadAsync<int>(_ => throw new InvalidOperationException("failed read")));
        // The connection of the failed read was closed, not given back: the next read gets another one.
        Assert.Null(SqliteKeptConnection.Of(lent!.Connection));
        Assert.Equal(1L, await readers.ReadAsync(kept => Find(kept, "a")));
    }

    [Fact]
    public async Task Writes_queued_behind_a_commit_share_one_transaction_and_one_that_fails_is_rolled_back_alone()
    {
        using (Table()) { }
        using var writer = new SqliteKeptWriter(_ => Task.FromResult(Open()));
        var firstRunning = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var releaseFirst = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var transactions = new SqliteTransaction?[6];
        var committed = new List<string>();
        var first = writer.CommitAsync(async (kept, transaction) =>
        {
            transactions[0] = transaction;
            await Insert(kept, transaction, "k0", 0);
            firstRunning.SetResult();
            await releaseFirst.Task;
            return "k0";
        }, CancellationToken.None, committed.Add);
        await firstRunning.Task;

        // Queued while the first holds the writer: k1..k5, k3 failing after its insert.
        var queued = Enumerable.Range(1, 5).Select(i => writer.CommitAsync(async (kept, transaction) =>
        {
            transactions[i] = transaction;
            await Insert(kept, transaction, $"k{i}", i);
            if (i == 3) throw new InvalidOperationException("k3 fails");
            return $"k{i}";
        }, CancellationToken.None, committed.Add)).ToList();
        releaseFirst.SetResult();

        Assert.Equal("k0", await first);
        foreach (var i in new[] { 1, 2, 4, 5 }) Assert.Equal($"k{i}", await queued[i - 1]);
        Assert.Equal("k3 fails", (await Assert.ThrowsAsync<InvalidOperationException>(() => queued[2])).Message);

        // The queued writes ran in one transaction, not the first's; the committed callbacks ran in order, k3's not.
        Assert.NotSame(transactions[0], transactions[1]);
        Assert.All(transactions[2..], t => Assert.Same(transactions[1], t));
        Assert.Equal(["k0", "k1", "k2", "k4", "k5"], committed);
        // Committed when they returned: another connection reads every row but the failed one.
        using var other = new SqliteKeptConnection(Open());
        foreach (var i in new[] { 0, 1, 2, 4, 5 }) Assert.Equal((long)i, await Find(other, $"k{i}"));
        Assert.Null(await Find(other, "k3"));

        // A write alone that fails stores nothing, and the writer goes on.
        await Assert.ThrowsAsync<InvalidOperationException>(() => writer.CommitAsync<int>(async (kept, transaction) =>
        {
            await Insert(kept, transaction, "alone", 9);
            throw new InvalidOperationException("alone fails");
        }, CancellationToken.None));
        Assert.Null(await Find(other, "alone"));
        Assert.Equal("k6", await writer.CommitAsync(async (kept, transaction) => { await Insert(kept, transaction, "k6", 6); return "k6"; }, CancellationToken.None));
        Assert.Equal(6L, await Find(other, "k6"));
    }

    [Fact]
    public async Task Commits_never_checkpoint_and_one_due_starts_a_checkpoint_beside_them_that_brings_the_log_into_the_file()
    {
        using (Table()) { }
        using var writer = new SqliteKeptWriter(_ => Task.FromResult(SqliteKeptWriter.Configure(Open())));
        Task<string> Write(string k) => writer.CommitAsync(async (kept, transaction) => { await Insert(kept, transaction, k, 1); return k; }, CancellationToken.None);
        for (var i = 0; i < 50; i++) await Write($"a{i}");
        // The commits wrote the log only: the database file on its own has none of the rows.
        Assert.Equal(0L, RowsInTheFileAlone());

        await Task.Delay(SqliteKeptWriter.CheckpointInterval + TimeSpan.FromMilliseconds(100));
        await Write("b"); // the first commit after the interval starts a checkpoint, and returns without waiting for it
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (RowsInTheFileAlone() < 50 && waited.Elapsed < TimeSpan.FromSeconds(10)) await Task.Delay(20);
        Assert.True(RowsInTheFileAlone() >= 50);
    }

    /// <summary>Rows of t in a copy of the database file without its log (0 when the table itself is still in the log).</summary>
    long RowsInTheFileAlone()
    {
        var copy = Path.Combine(_folder, $"copy-{Guid.NewGuid():N}.db");
        File.Copy(Path.Combine(_folder, "kept.db"), copy);
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = copy, Pooling = false }.ToString());
        connection.Open();
        using var count = connection.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM t";
        try
        {
            return (long)count.ExecuteScalar()!;
        }
        catch (SqliteException e) when (e.Message.Contains("no such table", StringComparison.Ordinal))
        {
            return 0;
        }
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
