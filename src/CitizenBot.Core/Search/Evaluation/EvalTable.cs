using System.Globalization;
using System.Text;

namespace CitizenBot.Core.Search.Evaluation;

/// <summary>Prints evaluation reports side by side, one column per engine (the test output and `citizenbot eval`).</summary>
public static class EvalTable
{
    public static string Format(IReadOnlyList<EvalReport> reports)
    {
        var rows = new (string Label, Func<EvalReport, string> Value)[]
        {
            ("top1", r => F(r.Top1)),
            ("top3", r => F(r.Top3)),
            ("mrr5", r => F(r.Mrr5)),
            ("seen", r => F(r.Seen)),
            ("wrong_confident", r => F(r.WrongConfident)),
            ("unmet_abstain", r => r.UnmetAbstain is { } a ? F(a) : "-"),
            ("p50_ms", r => r.P50Milliseconds.ToString("0.00", CultureInfo.InvariantCulture)),
        };
        var width = Math.Max(12, reports.Max(r => r.Engine.Length) + 2);
        var sb = new StringBuilder();
        sb.Append("metric".PadRight(17));
        foreach (var report in reports) sb.Append(report.Engine.PadLeft(width));
        sb.AppendLine();
        foreach (var (label, value) in rows)
        {
            sb.Append(label.PadRight(17));
            foreach (var report in reports) sb.Append(value(report).PadLeft(width));
            sb.AppendLine();
        }
        var first = reports[0];
        sb.Append(CultureInfo.InvariantCulture, $"({first.Rows} questions: {first.Answerable} to answer, {first.Unmet} unmet)");
        return sb.ToString();
    }

    /// <summary>The misses of one engine, in the tool's -v format.</summary>
    public static IEnumerable<string> Misses(EvalReport report) =>
        report.Misses.Select(m => m.Question.IsUnmet
            ? $"MISS {m.Question.Id} unmet but confident: [{Codes(m.Answer.Codes.Take(3))}]  | {m.Question.Question}"
            : $"MISS {m.Question.Id} want [{Codes(m.Question.Codes)}] got [{Codes(m.Answer.Codes.Take(3))}] ({m.Answer.Match}) | {m.Question.Question}");

    static string Codes(IEnumerable<string> codes) => string.Join(", ", codes.Select(c => $"'{c}'"));

    static string F(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);
}
