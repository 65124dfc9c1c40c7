namespace CitizenBot.Core.Catalogue;

/// <summary>
/// The wire and file names of <see cref="OnlineMode"/>, and their Vietnamese labels: the one place the look-up pages,
/// print, CLI, Zalo text and reports name a mode (the chat's own phrasing is in dialogs/answer/answer.vi, mode.*;
/// <see cref="Presentation.OnlineModeText"/> explains what the mode means for the citizen).
/// </summary>
public static class OnlineModeNames
{
    public static string ToWire(OnlineMode mode) => mode switch
    {
        OnlineMode.FullyOnline => "toan-trinh",
        OnlineMode.Partial => "mot-phan",
        OnlineMode.Offline => "khong-truc-tuyen",
        _ => "chua-ro",
    };

    public static bool TryParse(string? text, out OnlineMode mode)
    {
        mode = text switch
        {
            "toan-trinh" => OnlineMode.FullyOnline,
            "mot-phan" => OnlineMode.Partial,
            "khong-truc-tuyen" => OnlineMode.Offline,
            "chua-ro" => OnlineMode.Unknown,
            _ => (OnlineMode)(-1),
        };
        return Enum.IsDefined(mode);
    }

    /// <summary>The short badge text: "Toàn trình", "Một phần", "Không trực tuyến", "Chưa rõ".</summary>
    public static string Badge(OnlineMode mode) => mode switch
    {
        OnlineMode.FullyOnline => "Toàn trình",
        OnlineMode.Partial => "Một phần",
        OnlineMode.Offline => "Không trực tuyến",
        _ => "Chưa rõ",
    };

    /// <summary>The official wording ("Dịch vụ công trực tuyến toàn trình").</summary>
    public static string VietnameseLabel(OnlineMode mode) => mode switch
    {
        OnlineMode.FullyOnline => "Dịch vụ công trực tuyến toàn trình",
        OnlineMode.Partial => "Dịch vụ công trực tuyến một phần",
        OnlineMode.Offline => "Chưa có dịch vụ công trực tuyến",
        _ => "Chưa rõ mức độ trực tuyến",
    };
}
