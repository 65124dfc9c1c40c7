using System.CommandLine;
using System.Text.Json;
using CitizenBot.Core.Catalogue;

namespace CitizenBot.Cli;

/// <summary>
/// `citizenbot import file.jsonl [--out folder]`: reads a national-portal file, reports counts and every rejected
/// record with its reason, and optionally writes the accepted records in index-data format (one file, sorted by code,
/// so importing the same file twice gives the same bytes).
/// </summary>
public sealed class ImportCommand : Command
{
    public Argument<string> File { get; } = new("file") { Description = "A national-portal JSONL file" };
    public Option<string?> Out { get; } = new("--out") { Description = "Write accepted records to <folder>/procedures/imported.json" };

    public ImportCommand() : base("import", "Read a national-portal catalogue file and report what it holds.")
    {
        Add(File); Add(Out);
        SetAction(Run);
    }

    int Run(ParseResult result)
    {
        var path = result.GetValue(File)!;
        if (!System.IO.File.Exists(path))
        {
            Console.Error.WriteLine($"{path}: no such file");
            return ExitCodes.BadInput;
        }
        var report = NationalPortalImporter.Import(path);
        Console.WriteLine($"{path}: {report.Procedures.Count} procedures accepted, {report.Rejected.Count} rejected");
        foreach (var group in report.Procedures.GroupBy(p => OnlineModeNames.ToWire(p.OnlineMode)).OrderBy(g => g.Key))
            Console.WriteLine($"  onlineMode {group.Key}: {group.Count()}");
        foreach (var error in report.Rejected)
            Console.WriteLine($"  rejected: {error}");
        if (result.GetValue(Out) is { } folder)
        {
            var target = Path.Combine(folder, "procedures", "imported.json");
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            var records = report.Procedures.OrderBy(p => p.Code, StringComparer.Ordinal).Select(ProcedureFileFormat.ToFile);
            System.IO.File.WriteAllText(target, JsonSerializer.Serialize(records, ProcedureFileFormat.Options) + "\n");
            Console.WriteLine($"  written: {target}");
        }
        return report.Procedures.Count > 0 ? ExitCodes.Ok : ExitCodes.BadInput;
    }
}

/// <summary>Writes procedures in the index-data file format (the inverse of IndexDataLoader).</summary>
static class ProcedureFileFormat
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static object ToFile(Procedure p) => new
    {
        p.Code, p.Name, p.Field, p.Levels, p.Applicants, p.Agency, p.SubmissionAddress, p.Steps,
        p.Documents,
        Methods = p.Methods.Select(m => new
        {
            Channel = m.Channel switch { SubmissionChannel.Online => "online", SubmissionChannel.Postal => "postal", _ => "in-person" },
            m.ProcessingTime, m.Fee, m.Description,
        }),
        p.LegalBasis, p.Conditions, p.Result,
        OnlineMode = OnlineModeNames.ToWire(p.OnlineMode),
        p.NationalUrl, p.ProvinceUrls, p.Aliases, p.Description,
    };
}
