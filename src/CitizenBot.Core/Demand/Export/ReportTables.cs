using System.Globalization;
using CitizenBot.Core.Catalogue;

namespace CitizenBot.Core.Demand.Export;

/// <summary>The reports as tables with Vietnamese headers, for CSV/XLSX export and the console.</summary>
public static class ReportTables
{
    public static ReportTable Unmet(IReadOnlyList<UnmetNeed> needs, ICatalogue catalogue) => new("Nhu cau chua dap ung",
        ["Nhóm câu hỏi", "Số lượt", "Kỳ trước", "Xu hướng", "Số hội thoại", "Lần đầu (UTC)", "Lần cuối (UTC)", "Tỉnh/thành", "Kết quả", "Thủ tục gần nhất", "Trạng thái", "Thủ tục liên kết", "Ví dụ"],
        needs.Select(n => (IReadOnlyList<ReportCell>)
        [
            n.Label, n.Count, n.PreviousCount, n.Trend, n.Conversations, Time(n.FirstSeen), Time(n.LastSeen),
            string.Join("; ", n.Provinces.Select(p => $"{ProvinceName(catalogue, p.Key)}: {p.Value}")),
            string.Join("; ", n.Outcomes.Select(o => $"{OutcomeLabel(o.Key)}: {o.Value}")),
            string.Join("; ", n.Candidates.Select(c => $"{c.Code} ({c.Score.ToString("0.00", CultureInfo.InvariantCulture)})")),
            n.Mark is { Handled: true } ? "Đã xử lý" : "Chưa xử lý",
            n.Mark?.LinkedCode,
            string.Join(" | ", n.Examples),
        ]).ToList());

    public static ReportTable Backlog(BacklogReport backlog, ICatalogue catalogue) => new("Danh sach can nang cap",
        ["Mã thủ tục", "Tên thủ tục", "Lĩnh vực", "Cơ quan thực hiện", "Mức độ trực tuyến", "Số lượt", "Kỳ trước", "Từ nhóm liên kết", "Theo tỉnh/thành"],
        backlog.Items.Select(i => (IReadOnlyList<ReportCell>)
        [
            i.Code, i.Name, i.Field, i.Agency, OnlineModeNames.VietnameseLabel(i.OnlineMode), i.Count, i.PreviousCount, i.FromLinkedClusters,
            string.Join("; ", i.Provinces.OrderByDescending(p => p.Value).Select(p => $"{ProvinceName(catalogue, p.Key)}: {p.Value}")),
        ]).ToList());

    public static ReportTable Summary(DemandSummary summary) => new("Tong hop",
        ["Ngày", "Câu hỏi", "Đã trả lời", "Chưa toàn trình", "Không tìm thấy", "Bỏ dở khi chọn", "Hài lòng", "Không hài lòng"],
        summary.Days.Select(d => (IReadOnlyList<ReportCell>)
        [
            d.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), d.Questions, d.Answered, d.NotFullyOnline, d.NoMatch, d.AmbiguousAbandoned, d.ThumbsUp, d.ThumbsDown,
        ]).Append(
        [
            "Tổng", summary.Questions, summary.Answered, summary.NotFullyOnline, summary.NoMatch, summary.AmbiguousAbandoned, summary.ThumbsUp, summary.ThumbsDown,
        ]).ToList());

    public static ReportTable Entries(IReadOnlyList<DemandEntry> entries, ICatalogue catalogue) => new("Chi tiet",
        ["Thời điểm (UTC)", "Kênh", "Tỉnh/thành", "Kết quả", "Câu hỏi (đã ẩn thông tin cá nhân)", "Dạng chuẩn hoá", "Thủ tục", "Mức độ trực tuyến", "Ứng viên", "Hội thoại (mã băm)"],
        entries.Select(e => (IReadOnlyList<ReportCell>)
        [
            Time(e.At), e.Channel, ProvinceName(catalogue, e.ProvinceId ?? ""), OutcomeLabel(e.Outcome), e.Question, e.Normalized, e.MatchedCode,
            e.MatchedOnlineMode is { } mode ? OnlineModeNames.VietnameseLabel(mode) : "",
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
        _ => outcome.ToString(),
    };

    public static string ProvinceName(ICatalogue catalogue, string provinceId) =>
        provinceId.Length == 0 ? "Không rõ" : catalogue.Provinces.FirstOrDefault(p => p.Id == provinceId)?.Name ?? provinceId;

    static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

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
