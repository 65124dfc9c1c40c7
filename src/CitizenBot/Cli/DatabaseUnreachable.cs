using System.Data.Common;

namespace CitizenBot.Cli;

/// <summary>What a command that reads or writes the database says when it cannot reach it: one message, one exit code.</summary>
static class DatabaseUnreachable
{
    public static int Report(DbException e)
    {
        Console.Error.WriteLine($"Không kết nối được cơ sở dữ liệu / The database is not reachable: {e.Message}");
        return ExitCodes.Failed;
    }

    /// <summary>Runs <paramref name="run"/>, reporting an unreachable database instead of throwing.</summary>
    public static async Task<int> Guard(Func<Task<int>> run)
    {
        try
        {
            return await run();
        }
        catch (DbException e)
        {
            return Report(e);
        }
    }
}
