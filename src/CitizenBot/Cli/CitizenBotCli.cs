using System.CommandLine;
using CitizenBot.Core.Catalogue;

namespace CitizenBot.Cli;

/// <summary>Parses the command line and runs one command. Each command is its own class in this folder.</summary>
public static class CitizenBotCli
{
    public static async Task<int> RunAsync(string[] args)
    {
        // No command, or only host options (--urls, --Catalogue:Path=…): serve, passing everything to the host.
        if (args.Length == 0 || args[0].StartsWith('-') && args[0] is not ("-h" or "--help" or "-?" or "--version"))
            return await ServeCommand.ServeAsync(args, CancellationToken.None);

        var root = new RootCommand("CitizenBot: finds the right public service for a citizen's Vietnamese question.");
        foreach (var command in Commands())
            root.Add(command);
        try
        {
            return await root.Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (CatalogueLoadException e)
        {
            Console.Error.WriteLine(e.Message);
            return ExitCodes.BadInput;
        }
    }

    static IEnumerable<Command> Commands() =>
    [
        new ServeCommand(),
        new IndexCommand(),
        new ImportCommand(),
        new ImportProvinceCommand(),
        new ProvinceVersionsCommand(),
        new RestoreProvinceCommand(),
        new SearchCommand(),
        new ReportCommand(),
        new ClusterEvalCommand(),
        new AdminCommand(),
        new ShowCommand(),
        new EvalCommand(),
    ];
}

/// <summary>Process exit codes shared by all commands.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int BadInput = 2;
}
