using CitizenBot.Core.Catalogue;
using CitizenBot.Core.Presentation;
using static CitizenBot.Core.Tests.Presentation.PresentationTestData;

namespace CitizenBot.Core.Tests.Presentation;

public sealed class ProcedureViewTests
{
    [Fact]
    public void Link_is_the_provinces_own_when_known_else_the_national_page_else_a_portal()
    {
        var withProvinceLink = Procedure(provinceUrls: new Dictionary<string, string> { ["ninh-binh"] = "https://dichvucong.ninhbinh.gov.vn/ks" });

        var own = NationalView(withProvinceLink, NinhBinh).Link;
        Assert.Equal(("https://dichvucong.ninhbinh.gov.vn/ks", "province"), (own.Url, own.Kind));
        Assert.Contains("Ninh Bình", own.Label);
        Assert.Equal(("https://dichvucong.gov.vn/thu-tuc-hanh-chinh/abc", "national"), Pair(NationalView(withProvinceLink, HaNoi).Link));
        Assert.Equal(("https://dichvucong.gov.vn/thu-tuc-hanh-chinh/abc", "national"), Pair(NationalView(withProvinceLink, null).Link));
        Assert.Equal(("https://dichvucong.hanoi.gov.vn", "portal"), Pair(NationalView(Procedure(nationalUrl: null), HaNoi).Link));
        Assert.Equal((ServiceLink.NationalPortal, "portal"), Pair(NationalView(Procedure(nationalUrl: null), null).Link));

        static (string, string) Pair(ServiceLink l) => (l.Url, l.Kind);
    }

    [Fact]
    public void Fee_and_time_are_one_value_when_all_channels_agree_else_per_channel()
    {
        Assert.Equal("Miễn phí", NationalView(Procedure(), null).FeeSummary);
        var differing = Procedure(methods:
        [
            new(SubmissionChannel.Online, "3 ngày", "50.000 đồng"),
            new(SubmissionChannel.InPerson, "5 ngày", "100.000 đồng"),
            new(SubmissionChannel.Postal, null, null),
        ]);
        var view = NationalView(differing, null);
        Assert.Equal("Trực tuyến: 50.000 đồng; Trực tiếp: 100.000 đồng", view.FeeSummary);
        Assert.Equal("Trực tuyến: 3 ngày; Trực tiếp: 5 ngày", view.TimeSummary);
        Assert.Null(NationalView(Procedure(methods: []), null).FeeSummary);
    }

    [Fact]
    public void Fully_online_says_everything_is_done_online()
    {
        var online = NationalView(Procedure(OnlineMode.FullyOnline), null).Online;
        Assert.Equal("toan-trinh", online.Mode);
        Assert.Equal("Toàn trình", online.Badge);
        Assert.Contains("hoàn toàn trên mạng", online.Explanation);
        Assert.Empty(online.StillInPerson);
    }

    [Fact]
    public void Partial_names_where_to_go_and_the_originals_to_show()
    {
        var online = NationalView(Procedure(OnlineMode.Partial), null).Online;
        Assert.Equal("Một phần", online.Badge);
        Assert.Contains("vẫn có bước phải đến trực tiếp tại Ủy ban nhân dân cấp xã", online.Explanation);
        Assert.Contains(online.StillInPerson, s => s.StartsWith("Mang bản chính để đối chiếu: Căn cước của người đi đăng ký", StringComparison.Ordinal));
        Assert.Contains(online.StillInPerson, s => s.Contains("không ghi rõ bước nào", StringComparison.Ordinal));
    }

    [Fact]
    public void Offline_says_to_submit_in_person_or_by_post()
    {
        var withPost = Procedure(OnlineMode.Offline, methods: [new(SubmissionChannel.InPerson, "5 ngày", null), new(SubmissionChannel.Postal, "5 ngày", null)]);
        var online = NationalView(withPost, null).Online;
        Assert.Equal("Chưa nộp trực tuyến được: đến nộp hồ sơ trực tiếp tại Ủy ban nhân dân cấp xã hoặc gửi qua đường bưu chính.", online.Explanation);
        Assert.Equal("Chưa có dịch vụ công trực tuyến", online.Title);
    }

    [Fact]
    public void Unknown_mode_says_so()
    {
        var online = NationalView(Procedure(OnlineMode.Unknown), null).Online;
        Assert.Equal("chua-ro", online.Mode);
        Assert.StartsWith("Chưa rõ", online.Explanation);
    }

    [Theory]
    [InlineData("  Giấy\tchứng\r\nsinh  ", "Giấy chứng sinh")]
    [InlineData("a\u001b[31mred\u0007", "a [31mred")]
    [InlineData("\u200B", null)]
    // Already clean text is returned as it is; one blank of any kind (a double space, a leading or trailing space, a
    // no-break or zero-width space, a line separator, NEL) sends it through the character loop.
    [InlineData("Giấy chứng sinh", "Giấy chứng sinh")]
    [InlineData("Giấy  chứng sinh", "Giấy chứng sinh")]
    [InlineData(" Giấy", "Giấy")]
    [InlineData("Giấy ", "Giấy")]
    [InlineData("Giấy\u00A0chứng", "Giấy chứng")]
    [InlineData("Giấy\u200Bchứng", "Giấy chứng")]
    [InlineData("Giấy\u2028chứng", "Giấy chứng")]
    [InlineData("Giấy\u0085chứng\u3000sinh", "Giấy chứng sinh")]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void Clean_makes_one_line_without_control_characters(string? input, string? expected) =>
        Assert.Equal(expected, ProcedureView.Clean(input));

    [Fact]
    public void Province_choice_accepts_ids_names_and_pre_2025_names()
    {
        var catalogue = PresentationTestData.Catalogue;
        Assert.Equal(("ninh-binh", "Nam Định"), Pair(ProvinceChoice.Resolve(catalogue, "Nam Định")));
        Assert.Equal(("ninh-binh", "Nam Định"), Pair(ProvinceChoice.Resolve(catalogue, "nam-dinh")));
        Assert.Equal(("ninh-binh", null), Pair(ProvinceChoice.Resolve(catalogue, "ninh-binh")));
        Assert.Equal(("ho-chi-minh", null), Pair(ProvinceChoice.Resolve(catalogue, "TP HCM")));
        Assert.Null(ProvinceChoice.Resolve(catalogue, "Atlantis"));
        Assert.Null(ProvinceChoice.Resolve(catalogue, " "));

        static (string, string?)? Pair(ProvinceChoice? c) => c is null ? null : (c.Province.Id, c.FormerName);
    }

    [Fact]
    public void Documents_sharing_a_case_prefix_are_grouped_under_it()
    {
        var groups = DocumentGroups.Group(
        [
            new("Hồ sơ của cá nhân: giấy khám sức khỏe", "1 bản chính", false),
            new("Tờ khai", null, false),
            new("Hồ sơ của cá nhân: Đơn đề nghị", null, false),
            new("Giấy tờ sau: thẻ tạm trú", null, false), // a lone prefix is not a case
        ]);

        Assert.Equal(2, groups.Count);
        Assert.Null(groups[0].Case);
        Assert.Equal(["Tờ khai", "Giấy tờ sau: thẻ tạm trú"], groups[0].Items.Select(d => d.Name));
        Assert.Equal("Hồ sơ của cá nhân", groups[1].Case);
        Assert.Equal(["Giấy khám sức khỏe", "Đơn đề nghị"], groups[1].Items.Select(d => d.Name));
        Assert.Equal("1 bản chính", groups[1].Items[0].Quantity);
    }
}
