using System.CommandLine;
using CitizenBot.Core.Catalogue;
using CitizenBot.Core.Dialogs;
using CitizenBot.Hosting;

namespace CitizenBot.Cli;

/// <summary>`citizenbot serve [host options]`: runs the bot host (also what `citizenbot` alone does).</summary>
public sealed class ServeCommand : Command
{
    public Argument<string[]> HostArgs { get; } = new("host-options")
    {
        Description = "Passed to the host, e.g. --urls http://0.0.0.0:3978 --catalogue ../shared/data/national-catalogue.jsonl",
        Arity = ArgumentArity.ZeroOrMore,
    };

    public ServeCommand() : base("serve", "Run the bot host (web chat, Direct Line, Bot Connector, APIs).")
    {
        TreatUnmatchedTokensAsErrors = false;
        Add(HostArgs);
        SetAction((result, ct) =>
            ServeAsync([.. result.GetValue(HostArgs) ?? [], .. result.UnmatchedTokens], ct));
    }

    public static async Task<int> ServeAsync(string[] hostArgs, CancellationToken cancellationToken)
    {
        WebApplication app;
        try
        {
            app = BotHost.Build(hostArgs);
        }
        catch (Exception e) when (e is CatalogueLoadException or DialogLoadException)
        {
            // A bad catalogue or dialog file stops start-up with every problem named (file, record, field).
            Console.Error.WriteLine(e.Message);
            return ExitCodes.BadInput;
        }
        await app.RunAsync(cancellationToken);
        return ExitCodes.Ok;
    }
}
