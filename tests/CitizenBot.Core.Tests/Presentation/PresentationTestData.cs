using CitizenBot.Core.Catalogue;
using CitizenBot.Core.Presentation;
using CitizenBot.Core.Provinces;

namespace CitizenBot.Core.Tests.Presentation;

/// <summary>Hand-built procedures and provinces for renderer tests, plus the repository's real catalogue.</summary>
static class PresentationTestData
{
    public static readonly Province NinhBinh = new()
    {
        Id = "ninh-binh", Name = "Ninh Bình", PortalUrl = "https://dichvucong.ninhbinh.gov.vn", FormerNames = ["Nam Định", "Hà Nam"],
    };

    /// <summary>The view with the national mode (no province list), as before province lists existed.</summary>
    public static ProcedureView NationalView(Procedure p, Province? province) => ProcedureView.From(p, OnlineOffer.National(p, province));

    public static readonly Province HaNoi = new() { Id = "ha-noi", Name = "Hà Nội", PortalUrl = "https://dichvucong.hanoi.gov.vn" };

    public static Procedure Procedure(OnlineMode mode = OnlineMode.FullyOnline, IReadOnlyList<RequiredDocument>? documents = null,
        IReadOnlyList<SubmissionMethod>? methods = null, string? nationalUrl = "https://dichvucong.gov.vn/thu-tuc-hanh-chinh/abc",
        IReadOnlyDictionary<string, string>? provinceUrls = null, string name = "Thủ tục đăng ký khai sinh") => new()
    {
        Code = "1.001193",
        Name = name,
        Field = "Hộ tịch",
        Levels = ["Cấp xã"],
        Agency = "Ủy ban nhân dân cấp xã",
        Steps = ["Bước 1: Nộp hồ sơ.", "- Bước 2: Nhận kết quả."],
        Documents = documents ??
        [
            new("Giấy chứng sinh; trường hợp không có thì nộp văn bản của người làm chứng", "1 bản chính"),
            new("Tờ khai đăng ký khai sinh theo mẫu", "1 bản chính"),
            new("Căn cước của người đi đăng ký", null, MustPresentOnly: true),
        ],
        Methods = methods ??
        [
            new(SubmissionChannel.Online, "1 ngày làm việc", "Miễn phí"),
            new(SubmissionChannel.InPerson, "1 ngày làm việc", "Miễn phí"),
        ],
        LegalBasis = [new("Luật Hộ tịch 2014", "60/2014/QH13")],
        Result = "Giấy khai sinh",
        OnlineMode = mode,
        NationalUrl = nationalUrl,
        ProvinceUrls = provinceUrls ?? new Dictionary<string, string>(),
        Description = "Đăng ký khai sinh cho trẻ em mới sinh.",
    };

    static readonly Lazy<ICatalogue> Real = new(() =>
    {
        var indexData = Path.Combine(global::CitizenBot.Testing.RepositoryRoot.Path, "index-data");
        return CatalogueLoader.Load(indexData, indexData).Catalogue;
    });

    /// <summary>The repository's curated catalogue (392 procedures, 34 provinces).</summary>
    public static ICatalogue Catalogue => Real.Value;
}
