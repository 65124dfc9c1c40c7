using System.CommandLine;
using CitizenBot.Hosting;

namespace CitizenBot.Cli;

/// <summary>Options every catalogue-reading command shares, resolved the same way the host resolves them.</summary>
public sealed class CommonOptions
{
    public Option<string?> Catalogue { get; } = new("--catalogue") { Description = "Procedures: an index-data folder or a national-portal JSONL file (default: index-data/)" };
    public Option<string?> DataDirectory { get; } = new("--data-dir") { Description = "Where the index file lives (default: .data)" };

    public void AddTo(Command command)
    {
        command.Add(Catalogue);
        command.Add(DataDirectory);
    }

    /// <summary>appsettings.json and CITIZENBOT_/ASPNETCORE-style environment variables, then these options.</summary>
    public (CatalogueOptions Catalogue, StorageOptions Storage) Resolve(ParseResult result)
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .Build();
        var catalogue = configuration.GetSection(CatalogueOptions.Section).Get<CatalogueOptions>() ?? new CatalogueOptions();
        var storage = configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        if (result.GetValue(Catalogue) is { } path) catalogue.Path = path;
        if (result.GetValue(DataDirectory) is { } dir) storage.DataDirectory = dir;
        return (catalogue, storage);
    }
}
