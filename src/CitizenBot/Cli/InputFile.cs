namespace CitizenBot.Cli;

/// <summary>A file named on the command line, read or reported: a missing file or a malformed record is a message, not a stack trace.</summary>
static class InputFile
{
    /// <summary>The file read with <paramref name="read"/>; null after writing why not (the command then exits with <see cref="ExitCodes.BadInput"/>).</summary>
    public static T? Read<T>(string path, Func<string, T> read) where T : class
    {
        if (!File.Exists(path))
        {
            Console.Error.WriteLine($"{path}: no such file");
            return null;
        }
        try
        {
            return read(path);
        }
        catch (FormatException e)
        {
            Console.Error.WriteLine(e.Message);
            return null;
        }
    }
}
