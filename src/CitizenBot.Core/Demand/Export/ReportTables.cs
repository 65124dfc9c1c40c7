using System.Globalization;
using CitizenBot.Core.Catalogue;

namespace CitizenBot.Core.Demand.Export;

/// <summary>The reports as tables with Vietnamese headers, for CSV/XLSX export and the console.</summary>
public static class ReportTables
{
    public static ReportTable Unmet(IReadOnlyList<UnmetNeed> needs, ICatalogue catalogue) => new("Nhu cau chua dap ung",
        ["Nhóm câu hỏi", "Lĩnh vực", "Số lượt", "Kỳ trước", "Xu hướng", "Số hội thoại", "Lần đầu (giờ Việt Nam)", "Lần cuối (giờ Việt Nam)", "Tỉnh/thành", "Kết quả", "Thủ tục gần nhất", "Trạng thái", "Thủ tục liên kết", "Giao cho cơ quan", "Ví dụ"],
        needs.Select(n => (IReadOnlyList<ReportCell>)
        [
            n.Label, n.Field, n.Count, n.PreviousCount, n.Trend, n.Conversations, Time(n.FirstSeen), Time(n.LastSeen),
            string.Join("; ", n.Provinces.Select(p => $"{ProvinceName(catalogue, p.Key)}: {p.Value}")),
            string.Join("; ", n.Outcomes.Select(o => $"{OutcomeLabel(o.Key)}: {o.Value}")),
            string.Join("; ", n.Candidates.Select(c => $"{c.Code} ({c.Score.ToString("0.00", CultureInfo.InvariantCulture)})")),
            MarkLabel(n.Mark),
            n.Mark?.LinkedCode,
            n.Mark?.Agency,
            string.Join(" | ", n.Examples),
        ]).ToList());

    /// <summary>
    /// The backlog, then the procedures asked for that are now toàn trình where they were asked (marked in the
    /// "Trạng thái" column), so every output of the report shows both parts and the same totals.
    /// </summary>
    public static ReportTable Backlog(BacklogReport backlog, ICatalogue catalogue) => new("Danh sach can nang cap",
        ["Trạng thái", "Mã thủ tục", "Tên thủ tục", "Lĩnh vực", "Cơ quan thực hiện", "Mức độ trực tuyến khi trả lời", "Số hội thoại", "Kỳ trước", "Từ nhóm liên kết", "Theo tỉnh/thành"],
        backlog.Items.Select(i => Row("Cần nâng cấp", i, catalogue)).Concat(backlog.NowFullyOnline.Select(i => Row("Đã toàn trình", i, catalogue))).ToList());

    static IReadOnlyList<ReportCell> Row(string status, BacklogItem i, ICatalogue catalogue) =>
    [
        status, i.Code, i.Name, i.Field, i.Agency, OnlineModeNames.VietnameseLabel(i.OnlineMode), i.Count, i.PreviousCount, i.FromLinkedClusters,
        string.Join("; ", i.Provinces.OrderByDescending(p => p.Value).Select(p => $"{ProvinceName(catalogue, p.Key)}: {p.Value}")),
    ];

    /// <summary>One row per Vietnamese day then the total: the question columns are disjoint and add up to "Câu hỏi".</summary>
    public static ReportTable Summary(DemandSummary summary) => new("Tong hop",
        ["Ngày", "Câu hỏi", "Trả lời, toàn trình", "Trả lời, chưa toàn trình", "Hỏi tiếp chưa trả lời được", "Chưa trả lời được", "Ngoài phạm vi", "Hài lòng", "Không hài lòng"],
        summary.Days.Select(d => (IReadOnlyList<ReportCell>)
        [
            d.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), d.Questions, d.AnsweredFullyOnline, d.AnsweredOther, d.FollowUp, d.Unanswered, d.OutOfScope, d.ThumbsUp, d.ThumbsDown,
        ]).Append(
        [
            "Tổng", summary.Days.Sum(d => d.Questions), summary.Days.Sum(d => d.AnsweredFullyOnline), summary.Days.Sum(d => d.AnsweredOther),
            summary.Days.Sum(d => d.FollowUp), summary.Days.Sum(d => d.Unanswered), summary.Days.Sum(d => d.OutOfScope), summary.ThumbsUp, summary.ThumbsDown,
        ]).ToList());

    /// <summary>The province comparison: questions, shares, click-through and satisfaction.</summary>
    public static ReportTable Provinces(IReadOnlyList<ProvinceFigures> provinces, ICatalogue catalogue) => new("So sanh tinh",
        ["Tỉnh/thành", "Câu hỏi", "Tỉ lệ được trả lời", "Tỉ lệ toàn trình trong câu trả lời", "Lượt bấm vào dịch vụ trực tuyến", "Tỉ lệ bấm qua", "Hài lòng", "Không hài lòng", "Tỉ lệ hài lòng"],
        provinces.Select(p => (IReadOnlyList<ReportCell>)
        [
            ProvinceName(catalogue, p.ProvinceId), p.Questions, Percent(p.ShareAnswered), Percent(p.ShareFullyOnline), p.Clicks, Percent(p.ClickThrough),
            p.ThumbsUp, p.ThumbsDown, Percent(p.Satisfaction),
        ]).ToList());

    /// <summary>The "thực chất" measure per procedure and province.</summary>
    public static ReportTable Usage(IReadOnlyList<UsageFigures> usage, ICatalogue catalogue) => new("Thuc chat",
        ["Mã thủ tục", "Tên thủ tục", "Tỉnh/thành", "Mức độ trực tuyến khi trả lời", "Lượt trả lời", "Lượt bấm vào dịch vụ", "Tỉ lệ bấm qua", "Hài lòng", "Không hài lòng", "Tỉ lệ hài lòng"],
        usage.Select(u => (IReadOnlyList<ReportCell>)
        [
            u.Code, u.Name, ProvinceName(catalogue, u.ProvinceId), OnlineModeNames.VietnameseLabel(u.OnlineMode), u.Answered, u.Clicks, Percent(u.ClickThrough),
            u.ThumbsUp, u.ThumbsDown, Percent(u.Satisfaction),
        ]).ToList());

    /// <summary>Weeks or months of the period.</summary>
    public static ReportTable Trend(IReadOnlyList<PeriodVolume> periods) => new("Xu huong",
        ["Kỳ", "Từ ngày", "Câu hỏi", "Được trả lời", "Trả lời, toàn trình", "Chưa trả lời được", "Lượt bấm vào dịch vụ", "Hài lòng", "Không hài lòng"],
        periods.Select(p => (IReadOnlyList<ReportCell>)
        [
            p.Label, p.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), p.Questions, p.Answered, p.AnsweredFullyOnline, p.Unanswered, p.Clicks, p.ThumbsUp, p.ThumbsDown,
        ]).ToList());

    /// <summary>"42,5 %", or "—" when there is nothing to divide by.</summary>
    public static string Percent(double? share) => share is { } s ? (s * 100).ToString("0.0", Vietnamese) + " %" : "—";

    static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    public static string MarkLabel(ClusterMark? mark) => mark switch
    {
        { OutOfScope: true } => "Ngoài phạm vi",
        { Handled: true } => "Đã xử lý",
        _ => "Chưa xử lý",
    };

    public static ReportTable Entries(IReadOnlyList<DemandEntry> entries, ICatalogue catalogue) => new("Chi tiet",
        ["Thời điểm (giờ Việt Nam)", "Kênh", "Tỉnh/thành", "Kết quả", "Câu hỏi (đã ẩn thông tin cá nhân)", "Dạng chuẩn hoá", "Thủ tục", "Mức độ trực tuyến", "Nguồn mức độ", "Ứng viên", "Hội thoại (mã băm)"],
        entries.Select(e => (IReadOnlyList<ReportCell>)
        [
            Time(e.At), e.Channel, ProvinceName(catalogue, e.ProvinceId ?? ""), OutcomeLabel(e.Outcome), e.Question, e.Normalized, e.MatchedCode,
            e.MatchedOnlineMode is { } mode ? OnlineModeNames.VietnameseLabel(mode) : "",
            SourceLabel(e.ModeSource),
            string.Join("; ", e.Candidates.Select(c => $"{c.Code} ({c.Score.ToString("0.00", CultureInfo.InvariantCulture)})")),
            e.ConversationHash,
        ]).ToList());

    public static string OutcomeLabel(DemandOutcome outcome) => outcome switch
    {
        DemandOutcome.NoMatch => "Không tìm thấy",
        DemandOutcome.AmbiguousAbandoned => "Bỏ dở khi chọn",
        DemandOutcome.NotFullyOnline => "Chưa toàn trình",
        DemandOutcome.ThumbsDown => "Không hài lòng (👎)",
        DemandOutcome.Answered => "Đã trả lời",
        DemandOutcome.ThumbsUp => "Hài lòng (👍)",
        DemandOutcome.OutOfScope => "Ngoài phạm vi",
        DemandOutcome.FollowUp => "Hỏi tiếp chưa trả lời được",
        DemandOutcome.Corrected => "Người dân sửa lại câu trả lời",
        DemandOutcome.ClickThrough => "Bấm vào dịch vụ trực tuyến",
        _ => outcome.ToString(),
    };

    /// <summary>Which list gave the mode when the bot answered.</summary>
    public static string SourceLabel(CitizenBot.Core.Provinces.OfferSource? source) => source switch
    {
        CitizenBot.Core.Provinces.OfferSource.Province => "Danh mục của tỉnh",
        CitizenBot.Core.Provinces.OfferSource.National => "Danh mục cả nước",
        _ => "",
    };

    public static string ProvinceName(ICatalogue catalogue, string provinceId) =>
        provinceId.Length == 0 ? "Chưa rõ tỉnh" : catalogue.Provinces.FirstOrDefault(p => p.Id == provinceId)?.Name ?? provinceId;

    static string Time(DateTimeOffset at) => VietnamTime.Format(at);

    /// <summary>A plain aligned table for the console (text is shortened to keep lines readable).</summary>
    public static string ToConsole(ReportTable table, int maxColumnWidth = 60)
    {
        string Clip(string s)
        {
            s = s.Replace('\n', ' ').Replace('\r', ' ');
            return s.Length <= maxColumnWidth ? s : s[..(maxColumnWidth - 1)] + "…";
        }
        var rows = new List<IReadOnlyList<string>> { table.Headers.Select(Clip).ToList() };
        rows.AddRange(table.Rows.Select(r => (IReadOnlyList<string>)r.Select(c => Clip(c.Text)).ToList()));
        var widths = Enumerable.Range(0, table.Headers.Count).Select(i => rows.Max(r => i < r.Count ? r[i].Length : 0)).ToArray();
        var text = new System.Text.StringBuilder();
        foreach (var (row, index) in rows.Select((r, i) => (r, i)))
        {
            text.AppendLine(string.Join("  ", row.Select((c, i) => c.PadRight(widths[i]))).TrimEnd());
            if (index == 0) text.AppendLine(string.Join("  ", widths.Select(w => new string('-', w))));
        }
        return text.ToString();
    }
}
