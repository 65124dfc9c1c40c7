using System.CommandLine;
using CitizenBot.Search;

namespace CitizenBot.Cli;

/// <summary>`citizenbot index [--catalogue P]`: validates the catalogue and rebuilds the Lucene index directory.</summary>
public sealed class IndexCommand : Command
{
    public CommonOptions Common { get; } = new();

    public IndexCommand() : base("index", "Validate the catalogue and rebuild the Lucene search index.")
    {
        Common.AddTo(this);
        SetAction(result =>
        {
            var (catalogue, storage) = Common.Resolve(result);
            var opened = CatalogueServices.Open(catalogue, storage, forceRebuild: true);
            var built = opened.Built!;
            Console.WriteLine($"{built.Documents} procedures indexed from {opened.Source} into {built.Path} in {built.Elapsed.TotalMilliseconds:0} ms ({built.Bytes / 1024} KiB); {opened.Rejected.Count} records rejected.");
            return ExitCodes.Ok;
        });
    }
}
