using System.CommandLine;
using System.Globalization;
using CitizenBot.Core.Catalogue;
using CitizenBot.Core.Presentation;
using CitizenBot.Core.Provinces;
using CitizenBot.Demand;

namespace CitizenBot.Cli;

/// <summary>
/// `citizenbot import-province &lt;province&gt; &lt;file&gt; [--dry-run]`: reads a province's published list of online
/// services (XLSX or CSV), names every rejected row, shows what would change, and (without --dry-run) stores the
/// accepted rows as the province's next version in the demand/state database. A running host picks it up within
/// ProvinceLists:RefreshInterval. Exit codes: 0 stored (or dry run), 2 unreadable file, unknown province or no valid row.
/// </summary>
public sealed class ImportProvinceCommand : Command
{
    public Argument<string> Province { get; } = new("province") { Description = "Province id or name (e.g. da-nang, \"Đà Nẵng\")" };
    public Argument<string> File { get; } = new("file") { Description = "The province's list: .xlsx, or .csv in UTF-8" };
    public Option<bool> DryRun { get; } = new("--dry-run") { Description = "Show what would change; store nothing" };
    public Option<string?> By { get; } = new("--by") { Description = "Who uploads it, for the history (default: cli:<user>)" };
    public ProvinceListCommandOptions Common { get; } = new();

    public ImportProvinceCommand() : base("import-province", "Import a province's list of online services (toàn trình / một phần, with links).")
    {
        Add(Province); Add(File); Add(DryRun); Add(By);
        Common.AddTo(this);
        SetAction(RunAsync);
    }

    async Task<int> RunAsync(ParseResult result, CancellationToken ct)
    {
        var path = result.GetValue(File)!;
        if (!System.IO.File.Exists(path))
        {
            Console.Error.WriteLine($"{path}: no such file");
            return ExitCodes.BadInput;
        }
        return await Common.RunAsync(result, result.GetValue(Province)!, async (context, province) =>
        {
            ProvinceListPreview preview;
            try
            {
                await using var stream = System.IO.File.OpenRead(path);
                preview = context.ProvinceLists.Preview(province, stream, path);
            }
            catch (UnreadableListException e)
            {
                Console.Error.WriteLine($"{path}: {e.Message} Nothing was changed.");
                return ExitCodes.BadInput;
            }
            Print(preview);
            if (result.GetValue(DryRun))
            {
                Console.WriteLine("Dry run: nothing stored.");
                return preview.Import.Entries.Count > 0 ? ExitCodes.Ok : ExitCodes.BadInput;
            }
            var version = await context.ProvinceLists.ApplyAsync(preview, ProvinceListCommandOptions.Who(result.GetValue(By)), ct);
            Console.WriteLine($"Stored as version {version.Version} of {province.Name} by {version.UploadedBy}; in force now (a running host within ProvinceLists:RefreshInterval).");
            return ExitCodes.Ok;
        }, ct);
    }

    static void Print(ProvinceListPreview p)
    {
        var import = p.Import;
        var (full, partial, offline) = ProvinceListChanges.Count(import.Entries);
        Console.WriteLine($"{p.Province.Name} ({p.Province.Id}) ← {p.SourceName}: header at row {import.HeaderRow} ({string.Join(", ", import.Columns)})");
        Console.WriteLine($"  accepted {import.Entries.Count} rows: toàn trình {full}, một phần {partial}, không trực tuyến {offline}");
        Console.WriteLine($"  rejected {import.Rejected.Count} rows");
        foreach (var r in import.Rejected) Console.WriteLine("    " + r);
        var c = p.Changes;
        var against = p.Current is { } v ? $"version {v.Version} by {v.UploadedBy}, {v.UploadedAt:yyyy-MM-dd HH:mm} UTC" : "none: national modes";
        Console.WriteLine($"  against the list in force ({against}): {c.Added.Count} added, {c.Changed.Count} changed, {c.Removed.Count} removed, {c.Unchanged} unchanged");
        Lines(c.Added, a => $"    + {a.Code} {Mode(a.After)}{Link(a.After)}");
        Lines(c.Changed, a => $"    ~ {a.Code} {Mode(a.Before)}{Link(a.Before)} → {Mode(a.After)}{Link(a.After)}");
        Lines(c.Removed, a => $"    - {a.Code} {Mode(a.Before)} (the national mode applies again)");
    }

    /// <summary>The first changes of a kind (a whole province list would drown the rejected rows above).</summary>
    static void Lines(IReadOnlyList<ProvinceListChange> changes, Func<ProvinceListChange, string> line)
    {
        const int Shown = 20;
        foreach (var change in changes.Take(Shown)) Console.WriteLine(line(change));
        if (changes.Count > Shown) Console.WriteLine($"      … and {changes.Count - Shown} more");
    }

    static string Mode(ProvinceServiceEntry? e) => e is null ? "" : OnlineModeNames.Badge(e.Mode).ToLowerInvariant();
    static string Link(ProvinceServiceEntry? e) => e?.Url is { } url ? " " + url : "";
}

/// <summary>`citizenbot province-versions &lt;province&gt;`: a province's uploaded list versions, newest (in force) first.</summary>
public sealed class ProvinceVersionsCommand : Command
{
    public Argument<string> Province { get; } = new("province") { Description = "Province id or name" };
    public ProvinceListCommandOptions Common { get; } = new();

    public ProvinceVersionsCommand() : base("province-versions", "List the versions of a province's list of online services.")
    {
        Add(Province);
        Common.AddTo(this);
        SetAction(RunAsync);
    }

    Task<int> RunAsync(ParseResult result, CancellationToken ct) =>
        Common.RunAsync(result, result.GetValue(Province)!, async (context, province) =>
        {
            var versions = await context.ProvinceLists.VersionsAsync(province, ct);
            if (versions.Count == 0)
                Console.WriteLine($"{province.Name}: no uploaded list" + (context.ProvinceLists.InForce(province) is { } curated ? $"; the curated list is in force ({curated.Entries.Count} procedures)." : "; national modes apply."));
            foreach (var v in versions)
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{(v == versions[0] ? "*" : " ")} version {v.Version}  {v.UploadedAt:yyyy-MM-dd HH:mm} UTC  {v.UploadedBy}  {v.Count} procedures  {v.SourceName}{(v.Note is { } n ? "  (" + n + ")" : "")}"));
            return ExitCodes.Ok;
        }, ct);
}

/// <summary>`citizenbot restore-province &lt;province&gt; &lt;version&gt;`: puts an earlier version back in force, as a new version.</summary>
public sealed class RestoreProvinceCommand : Command
{
    public Argument<string> Province { get; } = new("province") { Description = "Province id or name" };
    public Argument<int> Version { get; } = new("version") { Description = "The version to restore (see province-versions)" };
    public Option<string?> By { get; } = new("--by") { Description = "Who restores it, for the history (default: cli:<user>)" };
    public ProvinceListCommandOptions Common { get; } = new();

    public RestoreProvinceCommand() : base("restore-province", "Put an earlier version of a province's list back in force.")
    {
        Add(Province); Add(Version); Add(By);
        Common.AddTo(this);
        SetAction(RunAsync);
    }

    Task<int> RunAsync(ParseResult result, CancellationToken ct) =>
        Common.RunAsync(result, result.GetValue(Province)!, async (context, province) =>
        {
            var restored = await context.ProvinceLists.RestoreAsync(province, result.GetValue(Version), ProvinceListCommandOptions.Who(result.GetValue(By)), ct);
            Console.WriteLine($"{province.Name}: version {result.GetValue(Version)} restored as version {restored.Version} ({restored.Count} procedures).");
            return ExitCodes.Ok;
        }, ct);
}

/// <summary>What the province-list commands share: where the database and catalogue are, and resolving the province.</summary>
public sealed class ProvinceListCommandOptions
{
    public Option<string?> DataDirectory { get; } = new("--data-dir") { Description = "Where demand.db lives (default: Storage:DataDirectory, .data)" };
    public Option<string?> IndexData { get; } = new("--index-data") { Description = "The index-data folder (default: the nearest index-data/)" };
    public Option<string?> Catalogue { get; } = new("--catalogue") { Description = "Procedures whose codes the list may use: an index-data folder or a national JSONL file (default: index-data/)" };

    public void AddTo(Command command)
    {
        command.Add(DataDirectory); command.Add(IndexData); command.Add(Catalogue);
    }

    public async Task<int> RunAsync(ParseResult result, string provinceName, Func<DemandCliContext, Province, Task<int>> run, CancellationToken ct)
    {
        try
        {
            await using var context = await DemandCliContext.OpenAsync(result.GetValue(DataDirectory), result.GetValue(IndexData), ct, result.GetValue(Catalogue));
            if (ProvinceChoice.Resolve(context.Catalogue, provinceName) is not { } choice)
            {
                Console.Error.WriteLine($"Unknown province '{provinceName}'. Known: {string.Join(", ", context.Catalogue.Provinces.Select(p => p.Id))}");
                return ExitCodes.BadInput;
            }
            await context.ProvinceLists.LoadAsync(ct);
            return await run(context, choice.Province);
        }
        catch (ProvinceListRejectedException e)
        {
            Console.Error.WriteLine(e.Message);
            return ExitCodes.BadInput;
        }
        catch (System.Data.Common.DbException e)
        {
            return DatabaseUnreachable.Report(e);
        }
    }

    /// <summary>Who the history names: --by, else "cli:&lt;user&gt;".</summary>
    public static string Who(string? by) => by is { Length: > 0 } ? by : "cli:" + Environment.UserName;
}
