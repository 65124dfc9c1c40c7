using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using CitizenBot.Core.Demand;
using CitizenBot.Core.Demand.Export;
using CitizenBot.Demand;

namespace CitizenBot.Cli;

/// <summary>`citizenbot report unmet|backlog|summary [--from] [--to] [--province …] [--field] [--outcome] [--top] [--format table|csv|json]`</summary>
public sealed class ReportCommand : Command
{
    public Argument<string> Kind { get; } = new("report") { Description = "unmet (top unmet needs), backlog (procedures to bring fully online) or summary (volume and shares)" };
    public Option<string?> From { get; } = new("--from") { Description = "First day, yyyy-MM-dd (default: 30 days before --to)" };
    public Option<string?> To { get; } = new("--to") { Description = "Last day included, yyyy-MM-dd (default: today, UTC)" };
    public Option<string[]> Province { get; } = new("--province") { Description = "Province id or name; repeat for several (default: all)", AllowMultipleArgumentsPerToken = true };
    public Option<string?> Field { get; } = new("--field") { Description = "Field (lĩnh vực) of the procedures, e.g. \"Hộ tịch\"" };
    public Option<string?> Outcome { get; } = new("--outcome") { Description = "NoMatch, AmbiguousAbandoned, NotFullyOnline, ThumbsDown, Answered or ThumbsUp" };
    public Option<int> Top { get; } = new("--top") { Description = "Rows of the unmet report", DefaultValueFactory = _ => 20 };
    public Option<bool> IncludeHandled { get; } = new("--include-handled") { Description = "Also list clusters marked handled" };
    public Option<string> Format { get; } = new("--format") { Description = "table, csv or json", DefaultValueFactory = _ => "table" };
    public Option<string?> DataDirectory { get; } = new("--data-dir") { Description = "Where demand.db lives (default: Storage:DataDirectory, .data)" };
    public Option<string?> IndexData { get; } = new("--index-data") { Description = "The index-data folder, for procedure and province names (default: the nearest index-data/)" };

    public ReportCommand() : base("report", "Reports over the demand log for officials (the same as the /admin dashboard).")
    {
        Add(Kind); Add(From); Add(To); Add(Province); Add(Field); Add(Outcome); Add(Top); Add(IncludeHandled); Add(Format); Add(DataDirectory); Add(IndexData);
        Kind.AcceptOnlyFromAmong("unmet", "backlog", "summary");
        Format.AcceptOnlyFromAmong("table", "csv", "json");
        SetAction(RunAsync);
    }

    async Task<int> RunAsync(ParseResult result, CancellationToken ct)
    {
        try
        {
            return await ReportAsync(result, ct);
        }
        catch (System.Data.Common.DbException e)
        {
            Console.Error.WriteLine($"The demand log database is not reachable: {e.Message}");
            return ExitCodes.Failed;
        }
    }

    async Task<int> ReportAsync(ParseResult result, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        if (!TryDate(result.GetValue(To), today, out var to) || !TryDate(result.GetValue(From), to.AddDays(-29), out var from) || from > to)
        {
            Console.Error.WriteLine("--from and --to are dates yyyy-MM-dd, --from not after --to.");
            return ExitCodes.BadInput;
        }
        DemandOutcome? outcome = null;
        if (result.GetValue(Outcome) is { Length: > 0 } o)
        {
            if (!Enum.TryParse<DemandOutcome>(o, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || char.IsDigit(o[0]))
            {
                Console.Error.WriteLine($"Unknown outcome '{o}'; expected one of {string.Join(", ", Enum.GetNames<DemandOutcome>())}.");
                return ExitCodes.BadInput;
            }
            outcome = parsed;
        }
        await using var context = await DemandCliContext.OpenAsync(result.GetValue(DataDirectory), result.GetValue(IndexData), ct);
        List<string>? provinces = null;
        foreach (var name in result.GetValue(Province) ?? [])
        {
            if (context.Catalogue.FindProvince(name) is not { } province)
            {
                Console.Error.WriteLine($"Unknown province '{name}'.");
                return ExitCodes.BadInput;
            }
            (provinces ??= []).Add(province.Id);
        }
        var field = result.GetValue(Field);
        if (field is { Length: > 0 } && context.Catalogue.Procedures.All(p => !string.Equals(p.Field, field, StringComparison.OrdinalIgnoreCase)))
        {
            Console.Error.WriteLine($"Unknown field '{field}'.");
            return ExitCodes.BadInput;
        }
        var filter = new ReportFilter(
            new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
            provinces, field is { Length: > 0 } ? field : null, outcome, result.GetValue(IncludeHandled));
        var format = result.GetValue(Format)!;
        var kind = result.GetValue(Kind)!;

        object report;
        ReportTable table;
        switch (kind)
        {
            case "unmet":
                var needs = await context.Reports.UnmetAsync(filter, Math.Clamp(result.GetValue(Top), 1, 10_000), ct);
                (report, table) = (needs, ReportTables.Unmet(needs, context.Catalogue));
                break;
            case "backlog":
                var backlog = await context.Reports.BacklogAsync(filter, ct);
                (report, table) = (backlog, ReportTables.Backlog(backlog, context.Catalogue));
                break;
            default:
                var summary = await context.Reports.SummaryAsync(filter, ct);
                (report, table) = (new { summary, summary.ShareAnswered, summary.ShareOnline, summary.Unmet }, ReportTables.Summary(summary));
                if (format == "table") WriteSummaryHead(summary);
                break;
        }
        if (format != "table")
            await context.Store.AppendAuditAsync(new AuditEntry(DateTimeOffset.UtcNow, $"cli:{Environment.UserName}", "export",
                $"report={kind} format={format} rows={table.Rows.Count} {filter.Describe()}"), ct);
        switch (format)
        {
            case "json":
                Console.WriteLine(JsonSerializer.Serialize(report, Json));
                break;
            case "csv":
                await using (var stdout = Console.OpenStandardOutput())
                    await CsvExport.WriteAsync(table, stdout, ct);
                break;
            default:
                Console.Write(ReportTables.ToConsole(table));
                break;
        }
        return ExitCodes.Ok;
    }

    static void WriteSummaryHead(DemandSummary s)
    {
        static string P(double? share) => share is { } v ? v.ToString("P1", CultureInfo.InvariantCulture) : "unknown (no Answered events)";
        Console.WriteLine($"{s.From:yyyy-MM-dd} .. {s.To.AddDays(-1):yyyy-MM-dd}: {s.Questions} questions (previous period {s.PreviousQuestions}), " +
                          $"answered {P(s.ShareAnswered)}, sent to an online service {P(s.ShareOnline)}, unmet {s.Unmet}, " +
                          $"not fully online {s.NotFullyOnline}, feedback 👍 {s.ThumbsUp} / 👎 {s.ThumbsDown}");
        Console.WriteLine();
    }

    static bool TryDate(string? text, DateOnly fallback, out DateOnly date)
    {
        if (string.IsNullOrEmpty(text))
        {
            date = fallback;
            return true;
        }
        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
    }

    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
