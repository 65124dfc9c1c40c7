using System.Globalization;
using System.Text;
using CitizenBot.Core.Demand;
using static CitizenBot.Admin.AdminHtml;

namespace CitizenBot.Admin;

/// <summary>Charts as inline SVG drawn on the server: no script, readable without colour (titles on every bar).</summary>
static class AdminCharts
{
    /// <summary>Disjoint parts of the day's questions: stacked, they reach exactly the day's number of questions.</summary>
    static readonly (string Label, string Color, Func<DayVolume, int> Value)[] Series =
    [
        ("Trả lời, toàn trình", "#2e7d32", d => d.AnsweredFullyOnline),
        ("Trả lời, chưa toàn trình", "#ef8f00", d => d.AnsweredOther),
        ("Hỏi tiếp chưa trả lời được", "#6a1b9a", d => d.FollowUp),
        ("Chưa trả lời được", "#c62828", d => d.Unanswered),
    ];

    /// <summary>Stacked bars of questions per day (weeks when the period is long); each bar's title gives its total.</summary>
    public static string Volume(IReadOnlyList<DayVolume> days)
    {
        var buckets = Bucket(days);
        const int width = 900, height = 260, left = 44, bottom = 36, top = 10;
        var max = Math.Max(1, buckets.Max(b => b.Volume.Questions));
        var scale = NiceMax(max);
        var plotWidth = width - left - 10;
        var barWidth = Math.Max(2.0, plotWidth / (double)Math.Max(1, buckets.Count) - 2);
        var svg = new StringBuilder($"<figure class=\"chart volume\"><svg class=\"chart\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"Số lượt theo ngày\" xmlns=\"http://www.w3.org/2000/svg\">");
        for (var i = 0; i <= 4; i++)
        {
            var y = top + (height - top - bottom) * (1 - i / 4.0);
            svg.Append($"<line x1=\"{left}\" x2=\"{width - 10}\" y1=\"{F(y)}\" y2=\"{F(y)}\" stroke=\"#e3e7eb\"/>");
            svg.Append($"<text x=\"{left - 6}\" y=\"{F(y + 4)}\" font-size=\"11\" text-anchor=\"end\" fill=\"#5b6876\">{E(N(scale * i / 4))}</text>");
        }
        for (var b = 0; b < buckets.Count; b++)
        {
            var x = left + b * (plotWidth / (double)buckets.Count) + 1;
            var y = (double)(height - bottom);
            foreach (var (label, color, value) in Series)
            {
                var v = value(buckets[b].Volume);
                if (v == 0) continue;
                var h = (height - top - bottom) * v / (double)scale;
                y -= h;
                svg.Append($"<rect class=\"bar\" x=\"{F(x)}\" y=\"{F(y)}\" width=\"{F(barWidth)}\" height=\"{F(h)}\" fill=\"{color}\"><title>{E(buckets[b].Label)}: {E(label)} {E(N(v))}</title></rect>");
            }
            svg.Append($"<title>{E(buckets[b].Label)}: {E(N(buckets[b].Volume.Questions))} câu hỏi</title>");
            if (buckets.Count <= 14 || b % (int)Math.Ceiling(buckets.Count / 10.0) == 0)
                svg.Append($"<text x=\"{F(x + barWidth / 2)}\" y=\"{height - bottom + 16}\" font-size=\"11\" text-anchor=\"middle\" fill=\"#5b6876\">{E(buckets[b].Short)}</text>");
        }
        svg.Append("</svg><figcaption class=\"legend\">");
        for (var i = 0; i < Series.Length; i++)
            svg.Append($"<span><i class=\"s{i}\"></i>{E(Series[i].Label)}</span>");
        return svg.Append("</figcaption></figure>\n").ToString();
    }

    /// <summary>Horizontal bars for a ranking (provinces, agencies).</summary>
    public static string Bars(string label, IReadOnlyList<(string Name, int Count)> rows)
    {
        if (rows.Count == 0) return "";
        const int width = 900, row = 24, left = 260;
        var height = rows.Count * row + 10;
        var max = Math.Max(1, rows.Max(r => r.Count));
        var svg = new StringBuilder($"<figure class=\"chart bars\"><svg class=\"chart\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"{E(label)}\" xmlns=\"http://www.w3.org/2000/svg\">");
        for (var i = 0; i < rows.Count; i++)
        {
            var y = 5 + i * row;
            var w = (width - left - 60) * rows[i].Count / (double)max;
            var name = rows[i].Name.Length > 40 ? rows[i].Name[..39] + "…" : rows[i].Name;
            svg.Append($"<text x=\"{left - 8}\" y=\"{y + 16}\" font-size=\"12\" text-anchor=\"end\" fill=\"#1d2733\">{E(name)}</text>");
            svg.Append($"<rect class=\"bar\" x=\"{left}\" y=\"{y + 3}\" width=\"{F(Math.Max(1, w))}\" height=\"{row - 8}\" fill=\"#b3261e\"><title>{E(rows[i].Name)}: {E(N(rows[i].Count))}</title></rect>");
            svg.Append($"<text x=\"{F(left + Math.Max(1, w) + 6)}\" y=\"{y + 16}\" font-size=\"12\" fill=\"#1d2733\">{E(N(rows[i].Count))}</text>");
        }
        return svg.Append($"</svg><figcaption>{E(label)}</figcaption></figure>\n").ToString();
    }

    static List<(string Label, string Short, DayVolume Volume)> Bucket(IReadOnlyList<DayVolume> days)
    {
        if (days.Count <= 62)
            return days.Select(d => (d.Day.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture), d.Day.ToString("dd/MM", CultureInfo.InvariantCulture), d)).ToList();
        return days.Chunk(7).Select(w => (
            $"Tuần từ {w[0].Day.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)}",
            w[0].Day.ToString("dd/MM", CultureInfo.InvariantCulture),
            new DayVolume(w[0].Day, w.Sum(d => d.AnsweredFullyOnline), w.Sum(d => d.AnsweredOther), w.Sum(d => d.FollowUp),
                w.Sum(d => d.Unanswered), w.Sum(d => d.OutOfScope), w.Sum(d => d.ThumbsUp), w.Sum(d => d.ThumbsDown)))).ToList();
    }

    /// <summary>A top of scale divisible by the four grid steps, so tick labels are whole numbers.</summary>
    static int NiceMax(int max) => (int)Math.Ceiling(max / 4.0) * 4;

    static string F(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
