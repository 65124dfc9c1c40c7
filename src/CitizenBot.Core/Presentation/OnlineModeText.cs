using CitizenBot.Core.Catalogue;
using CitizenBot.Core.Provinces;

namespace CitizenBot.Core.Presentation;

/// <summary>
/// How far a procedure can be done online, said honestly: when it is not fully online, what still needs a visit and
/// where. The catalogue does not record which step needs the visit, so we name what we know (originals to show, no
/// online channel, postal alternative) and say plainly what we do not.
/// </summary>
/// <param name="Mode">Wire name (toan-trinh, mot-phan, khong-truc-tuyen, chua-ro).</param>
/// <param name="Badge">Short label for a badge ("Toàn trình").</param>
/// <param name="Title">The official wording ("Dịch vụ công trực tuyến toàn trình").</param>
/// <param name="Explanation">One or two plain sentences for the citizen.</param>
/// <param name="StillInPerson">What still needs a visit, one item per line (empty when fully online).</param>
/// <param name="Scope">Whose list the mode comes from: "province" (the province's own list) or "national".</param>
/// <param name="Source">That, said for the citizen ("Theo danh mục dịch vụ công trực tuyến của Đà Nẵng …").</param>
/// <param name="SourceShort">The same in a few words ("theo Đà Nẵng", "mức cả nước"), for the card and the Zalo/SMS text.</param>
public sealed record OnlineModeText(string Mode, string Badge, string Title, string Explanation, IReadOnlyList<string> StillInPerson,
    string Scope, string Source, string SourceShort)
{
    public static OnlineModeText For(Procedure p, OnlineOffer offer, string where)
    {
        var mode = offer.Mode;
        var present = p.Documents.Where(d => d.MustPresentOnly).Select(d => ShortText.Shorten(ProcedureView.Clean(d.Name) ?? "", 90))
            .Where(n => n.Length > 0).Distinct().ToList();
        var postal = p.Methods.Any(m => m.Channel == SubmissionChannel.Postal);
        var whereShort = ShortText.Shorten(where.TrimEnd('.', ';', ' '), 160);
        string explanation;
        var still = new List<string>();
        switch (mode)
        {
            case OnlineMode.FullyOnline:
                explanation = "Làm được hoàn toàn trên mạng, kể cả nhận kết quả: đăng nhập bằng tài khoản VNeID (hoặc tài khoản Cổng Dịch vụ công), "
                    + "điền tờ khai, tải lên ảnh chụp giấy tờ, nộp lệ phí trực tuyến nếu có, rồi theo dõi kết quả trên Cổng.";
                break;
            case OnlineMode.Partial:
                explanation = $"Nộp hồ sơ trên mạng được, nhưng vẫn có bước phải đến trực tiếp tại {whereShort}.";
                if (present.Count > 0)
                    still.Add("Mang bản chính để đối chiếu: " + string.Join("; ", present.Take(3)) + (present.Count > 3 ? $" và {present.Count - 3} giấy tờ khác" : ""));
                still.Add("Có thể phải đến nhận kết quả hoặc bổ sung hồ sơ bản giấy; dữ liệu thủ tục không ghi rõ bước nào, nên hỏi trước bộ phận tiếp nhận.");
                break;
            case OnlineMode.Offline:
                explanation = $"Chưa nộp trực tuyến được: đến nộp hồ sơ trực tiếp tại {whereShort}" + (postal ? " hoặc gửi qua đường bưu chính." : ".");
                still.Add(postal ? "Nộp hồ sơ trực tiếp (hoặc qua bưu chính) và nhận kết quả theo giấy hẹn." : "Nộp hồ sơ và nhận kết quả trực tiếp.");
                if (present.Count > 0)
                    still.Add("Mang bản chính để đối chiếu: " + string.Join("; ", present.Take(3)) + (present.Count > 3 ? $" và {present.Count - 3} giấy tờ khác" : ""));
                break;
            default:
                explanation = $"Chưa rõ thủ tục này đã nộp trực tuyến được chưa. Hãy thử tìm trên Cổng Dịch vụ công; nếu chưa có, đến nộp tại {whereShort}.";
                still.Add("Chưa có thông tin; hỏi bộ phận tiếp nhận hồ sơ trước khi đi.");
                break;
        }
        var (scope, source, sourceShort) = SourceOf(offer);
        return new OnlineModeText(OnlineModeNames.ToWire(mode), OnlineModeNames.Badge(mode), OnlineModeNames.VietnameseLabel(mode), explanation, still,
            scope, source, sourceShort);
    }

    /// <summary>Which list the mode comes from, so a citizen knows whether it is their province's word or the nation's.</summary>
    public static (string Scope, string Source, string SourceShort) SourceOf(OnlineOffer offer) => (offer.Source, offer.Province) switch
    {
        (OfferSource.Province, { } province) => ("province",
            $"Mức độ theo danh mục dịch vụ công trực tuyến của {province.Name}" +
            (offer.List is { } list ? $" (cập nhật {list.UploadedAt.ToOffset(Labels.VietnamTime):dd/MM/yyyy})." : "."),
            $"theo {province.Name}"),
        (_, { } province) => ("national",
            $"Mức độ theo danh mục quốc gia: {province.Name} chưa công bố mức độ riêng cho thủ tục này.", "mức cả nước"),
        _ => ("national", "Mức độ theo danh mục quốc gia; mỗi tỉnh có thể khác, hãy chọn tỉnh để xem mức độ của tỉnh.", "mức cả nước"),
    };
}
