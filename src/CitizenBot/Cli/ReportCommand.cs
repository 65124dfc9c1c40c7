using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization;
using CitizenBot.Core.Demand;
using CitizenBot.Core.Demand.Export;
using CitizenBot.Demand;

namespace CitizenBot.Cli;

/// <summary>`citizenbot report unmet|backlog|summary|provinces|usage|trend [--from] [--to] [--province …] [--field] [--outcome] [--mode] [--top] [--format table|csv|json]`</summary>
public sealed class ReportCommand : Command
{
    public Argument<string> Kind { get; } = new("report") { Description = "unmet (top unmet needs), backlog (procedures to bring fully online, then those now fully online), summary (volume and shares per day), provinces (comparison), usage (answered → clicked → rated per procedure and province) or trend (weekly; --monthly)" };
    public Option<string?> From { get; } = new("--from") { Description = "First day, yyyy-MM-dd (default: 30 days before --to)" };
    public Option<string?> To { get; } = new("--to") { Description = "Last day included, yyyy-MM-dd, Vietnam time (default: today)" };
    public Option<string[]> Province { get; } = new("--province") { Description = "Province id or name; repeat for several (default: all)", AllowMultipleArgumentsPerToken = true };
    public Option<string?> Field { get; } = new("--field") { Description = "Field (lĩnh vực) of the procedures, e.g. \"Hộ tịch\"" };
    public Option<string?> Outcome { get; } = new("--outcome") { Description = "One of: " + string.Join(", ", Enum.GetNames<DemandOutcome>()) };
    public Option<string?> Mode { get; } = new("--mode") { Description = "Online mode as answered: toan-trinh, mot-phan, khong-truc-tuyen or chua-ro" };
    public Option<int> Top { get; } = new("--top") { Description = "Rows of the unmet report", DefaultValueFactory = _ => 20 };
    public Option<bool> IncludeHandled { get; } = new("--include-handled") { Description = "Also list clusters marked handled or out of scope" };
    public Option<bool> Monthly { get; } = new("--monthly") { Description = "trend: by month instead of by week" };
    public Option<string> Format { get; } = new("--format") { Description = "table, csv or json", DefaultValueFactory = _ => "table" };
    public Option<string?> DataDirectory { get; } = new("--data-dir") { Description = "Where demand.db lives (default: Storage:DataDirectory, .data)" };
    public Option<string?> IndexData { get; } = new("--index-data") { Description = "The index-data folder, for procedure and province names (default: the nearest index-data/)" };

    public ReportCommand() : base("report", "Reports over the demand log for officials (the same as the /admin dashboard).")
    {
        Add(Kind); Add(From); Add(To); Add(Province); Add(Field); Add(Outcome); Add(Mode); Add(Top); Add(IncludeHandled); Add(Monthly); Add(Format); Add(DataDirectory); Add(IndexData);
        Kind.AcceptOnlyFromAmong("unmet", "backlog", "summary", "provinces", "usage", "trend");
        Format.AcceptOnlyFromAmong("table", "csv", "json");
        SetAction(RunAsync);
    }

    Task<int> RunAsync(ParseResult result, CancellationToken ct) => DatabaseUnreachable.Guard(() => ReportAsync(result, ct));

    async Task<int> ReportAsync(ParseResult result, CancellationToken ct)
    {
        await using var context = await DemandCliContext.OpenAsync(result.GetValue(DataDirectory), result.GetValue(IndexData), ct);
        // The dashboard's reading of the same values (ReportFilterParser): the same values accepted, the same sentence when not.
        var (parsed, error) = ReportFilterParser.Parse(new ReportFilterText(result.GetValue(From), result.GetValue(To), result.GetValue(Province),
            result.GetValue(Field), result.GetValue(Outcome), result.GetValue(IncludeHandled), result.GetValue(Mode)), context.Catalogue, VietnamTime.Day(DateTimeOffset.UtcNow));
        if (error is not null)
        {
            Console.Error.WriteLine($"--{error.Parameter}: {error.Message}");
            return ExitCodes.BadInput;
        }
        var filter = parsed!.ToReportFilter();
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
            case "provinces":
                var comparison = await context.Reports.ProvincesAsync(filter, ct);
                (report, table) = (comparison, ReportTables.Provinces(comparison, context.Catalogue));
                break;
            case "usage":
                var usage = await context.Reports.UsageAsync(filter, ct);
                (report, table) = (usage, ReportTables.Usage(usage, context.Catalogue));
                break;
            case "trend":
                var trend = await context.Reports.TrendAsync(filter, result.GetValue(Monthly), ct);
                (report, table) = (trend, ReportTables.Trend(trend));
                break;
            default:
                var summary = await context.Reports.SummaryAsync(filter, ct);
                (report, table) = (new { summary, summary.ShareAnswered, summary.ShareOnline, summary.Unmet }, ReportTables.Summary(summary));
                if (format == "table") WriteSummaryHead(summary);
                break;
        }
        if (format != "table")
            await context.Store.AppendAuditAsync(new AuditEntry(DateTimeOffset.UtcNow, $"cli:{Environment.UserName}", "xuất dữ liệu",
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
        static string P(double? share) => share is { } v ? ReportTables.Percent(v) : "chưa tính được (chưa ghi nhận lượt trả lời)";
        Console.WriteLine($"{VietnamTime.Day(s.From):dd/MM/yyyy} – {VietnamTime.Day(s.To.AddTicks(-1)):dd/MM/yyyy} (giờ Việt Nam): {s.Questions} câu hỏi (kỳ trước {s.PreviousQuestions}), " +
                          $"được trả lời {P(s.ShareAnswered)}, trả lời bằng dịch vụ toàn trình {P(s.ShareOnline)}, chưa đáp ứng {s.Unmet}, " +
                          $"hỏi tiếp chưa trả lời được {s.FollowUps}, ngoài phạm vi {s.OutOfScope}, bấm vào dịch vụ {s.Clicks}, 👍 {s.ThumbsUp} / 👎 {s.ThumbsDown}");
        Console.WriteLine();
    }

    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
