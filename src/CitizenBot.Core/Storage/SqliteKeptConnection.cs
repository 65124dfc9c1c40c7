using Microsoft.Data.Sqlite;

namespace CitizenBot.Core.Storage;

/// <summary>
/// A SQLite connection kept open by its owner, with each SQL text's statement compiled once. Microsoft.Data.Sqlite
/// compiles a command's SQL again for every new <see cref="SqliteCommand"/> (it keeps no statements across commands:
/// dotnet/efcore#14044), and that compiling was about 8 % of the load host's CPU. <see cref="Command"/> hands out the
/// text's kept command; disposing it, as callers do after each use (<c>await using</c>), only clears its parameters and
/// transaction, and the statements are finalized when this is disposed, before the connection closes (so none goes
/// back to the driver's pool with it). One user at a time: the owner serialises its users (a write gate).
/// </summary>
public sealed class SqliteKeptConnection(SqliteConnection connection) : IDisposable, IAsyncDisposable
{
    /// <summary>Texts kept at most; a further text gets a command of its own (compiled per use, as before).</summary>
    const int MaxStatements = 64;

    readonly Dictionary<string, KeptCommand> _commands = new(StringComparer.Ordinal);

    public SqliteConnection Connection { get; } = connection;

    /// <summary>The command for <paramref name="sql"/>, compiled on first use, in <paramref name="transaction"/>.</summary>
    public SqliteCommand Command(string sql, SqliteTransaction? transaction)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            if (_commands.Count >= MaxStatements) return new SqliteCommand(sql, Connection, transaction);
            command = new KeptCommand(sql, Connection);
            try
            {
                command.Prepare();
            }
            catch
            {
                command.Release();
                throw;
            }
            _commands.Add(sql, command);
        }
        command.Transaction = transaction;
        return command;
    }

    public void Dispose()
    {
        foreach (var command in _commands.Values) command.Release();
        _commands.Clear();
        Connection.Dispose();
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    sealed class KeptCommand(string sql, SqliteConnection connection) : SqliteCommand(sql, connection)
    {
        bool _released;

        /// <summary>Finalizes the statements (a real dispose).</summary>
        public void Release()
        {
            _released = true;
            Dispose();
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing && !_released)
            {
                // A use is over (its reader, disposed first, has reset the statement): ready for the next one.
                Parameters.Clear();
                Transaction = null;
                return;
            }
            base.Dispose(disposing);
        }
    }
}
