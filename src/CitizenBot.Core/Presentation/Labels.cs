using CitizenBot.Core.Catalogue;

namespace CitizenBot.Core.Presentation;

/// <summary>The Vietnamese words every renderer shares (headings, channels, modes), so the page, the terminal and the summary agree.</summary>
public static class Labels
{
    /// <summary>Dates shown to citizens are Vietnam's (UTC+7).</summary>
    public static readonly TimeSpan VietnamTime = TimeSpan.FromHours(7);
    public const string OneStopDesk = "bộ phận tiếp nhận hồ sơ (Bộ phận Một cửa) của cơ quan giải quyết";
    public const string Code = "Mã thủ tục";
    public const string Field = "Lĩnh vực";
    public const string Levels = "Cấp thực hiện";
    public const string Province = "Tỉnh/thành phố";
    public const string Online = "Trực tuyến";
    public const string Documents = "Giấy tờ cần chuẩn bị";
    public const string FeesAndTimes = "Lệ phí và thời gian giải quyết";
    public const string Fee = "Lệ phí";
    public const string Time = "Thời gian";
    public const string Agency = "Cơ quan thực hiện";
    public const string SubmissionAddress = "Nơi tiếp nhận hồ sơ";
    public const string Steps = "Các bước thực hiện";
    public const string Conditions = "Điều kiện";
    public const string Result = "Kết quả";
    public const string Applicants = "Đối tượng thực hiện";
    public const string LegalBasis = "Căn cứ pháp lý";
    public const string ProvincePortal = "Cổng dịch vụ công";
    public const string PresentOnly = "mang bản chính để đối chiếu";
    public const string Description = "Giới thiệu";

    public static string Channel(SubmissionChannel channel) => channel switch
    {
        SubmissionChannel.Online => "Trực tuyến",
        SubmissionChannel.InPerson => "Trực tiếp",
        _ => "Qua bưu chính",
    };

    public static string ChannelWire(SubmissionChannel channel) => channel switch
    {
        SubmissionChannel.Online => "online",
        SubmissionChannel.InPerson => "in-person",
        _ => "postal",
    };

    /// <summary>Every mode in the order the filters list them.</summary>
    public static IReadOnlyList<OnlineMode> Modes { get; } = [OnlineMode.FullyOnline, OnlineMode.Partial, OnlineMode.Offline, OnlineMode.Unknown];
}
