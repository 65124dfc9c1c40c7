using CitizenBot.Core.Catalogue;
using CitizenBot.Core.Demand;

namespace CitizenBot.Core.Tests.Demand;

/// <summary>A small catalogue and event builders for demand tests.</summary>
static class DemandTestData
{
    public static readonly DateTimeOffset Now = new(2026, 3, 31, 12, 0, 0, TimeSpan.Zero);

    public static InMemoryCatalogue TestCatalogue() => new(
    [
        Procedure("1.000001", "Đăng ký khai sinh", "Hộ tịch", "UBND cấp xã", OnlineMode.FullyOnline),
        Procedure("1.000002", "Cấp giấy phép xây dựng nhà ở riêng lẻ", "Xây dựng", "UBND cấp xã", OnlineMode.Partial),
        Procedure("1.000003", "Cấp đổi giấy phép lái xe", "Đường bộ", "Sở Xây dựng", OnlineMode.Offline),
        Procedure("1.000004", "Đăng ký hộ kinh doanh", "Thành lập và hoạt động của hộ kinh doanh", "UBND cấp xã", OnlineMode.Partial),
    ],
    [
        Province("ha-noi", "Hà Nội"),
        Province("ninh-binh", "Ninh Bình"),
        Province("ho-chi-minh", "Thành phố Hồ Chí Minh"),
    ]);

    static Procedure Procedure(string code, string name, string field, string agency, OnlineMode mode) =>
        new() { Code = code, Name = name, Field = field, Agency = agency, OnlineMode = mode, NationalUrl = "https://dichvucong.gov.vn/p/" + code };

    static Province Province(string id, string name) => new() { Id = id, Name = name, PortalUrl = "https://dichvucong." + id + ".gov.vn" };

    public static DemandEvent Event(DemandOutcome outcome, string question, string? province = "ha-noi", string? code = null, OnlineMode? mode = null,
        DateTimeOffset? at = null, string conversation = "conv-1", string? normalized = null) =>
        new(at ?? Now, "webchat", province, question, normalized ?? question.ToLowerInvariant(), outcome,
            [new DemandCandidate("1.000002", 0.31), new DemandCandidate("1.000004", 0.22)], code, mode, conversation);

    public static DemandEntryFactory Factory() =>
        new(new PersonalDataScrubber(["Hà Nội", "Ninh Bình", "Thành phố Hồ Chí Minh", "Hồ Chí Minh"]), new ConversationHasher(new byte[32]));
}
