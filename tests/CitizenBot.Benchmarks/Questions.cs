namespace CitizenBot.Benchmarks;

/// <summary>
/// Citizen questions as people type them — with and without diacritics, abbreviations, filler — written for the
/// benchmarks (not the evaluation set, so tuning against one never flatters the other).
/// </summary>
static class Questions
{
    public static readonly IReadOnlyList<string> All =
    [
        "cho em hỏi làm lại căn cước bị mất thì cần giấy tờ gì ạ",
        "đăng ký khai sinh cho con mới sinh ở đâu",
        "lam giay khai sinh cho be can nhung gi",
        "thủ tục đăng ký kết hôn với người nước ngoài",
        "xin cấp hộ chiếu phổ thông lần đầu mất bao lâu",
        "gia hạn tạm trú cho người nước ngoài đang ở Việt Nam",
        "đổi bằng lái xe ô tô hết hạn phí bao nhiêu",
        "dang ky tam tru online duoc khong",
        "thủ tục đăng ký thường trú nhập hộ khẩu vào nhà người thân",
        "cấp lại sổ đỏ bị mất",
        "sang tên sổ hồng khi mua nhà cần giấy tờ gì",
        "đăng ký hộ kinh doanh cá thể mở quán cà phê",
        "xin giấy phép xây dựng nhà ở riêng lẻ",
        "trích lục khai tử cho ông nội",
        "xác nhận tình trạng hôn nhân để làm thủ tục mua nhà",
        "đăng ký xe máy mới mua nộp ở đâu",
        "làm lý lịch tư pháp số 2 mất mấy ngày",
        "khiếu nại quyết định xử phạt của công an",
        "cap doi cccd khi doi ten",
        "đăng ký thành lập doanh nghiệp tư nhân online",
        "thay đổi địa chỉ trụ sở trong đăng ký kinh doanh",
        "nhận con nuôi trong nước cần điều kiện gì",
        "xin giấy phép lao động cho người nước ngoài làm ở công ty",
        "hưởng trợ cấp thất nghiệp thủ tục thế nào",
        "đăng ký khai sinh quá hạn cho người lớn tuổi",
        "tách thửa đất thổ cư cần những gì",
        "cấp giấy chứng nhận quyền sử dụng đất lần đầu phí bao nhiêu",
        "báo mất hộ chiếu ở nước ngoài",
        "dk kết hôn ở xã cần mang theo gì",
        "xin phiếu lý lịch tư pháp cho người nước ngoài từng cư trú ở VN",
        "chứng thực bản sao từ bản chính giấy tờ",
        "đăng ký mẫu con dấu cho doanh nghiệp",
    ];
}
