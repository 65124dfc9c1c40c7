using CitizenBot.Core.Presentation;

namespace CitizenBot.Core.Tests.Presentation;

public sealed class DocumentGroupsTests
{
    static DocumentItem Doc(string name, bool present = false) => new(name, "1 bản chính", present);

    [Fact]
    public void The_checklist_puts_the_papers_everyone_needs_first_and_keeps_catalogue_order_within_each()
    {
        // The curated "đăng ký khai sinh" list, shortened: conditional papers come first in the catalogue.
        var checklist = DocumentGroups.Checklist(
        [
            Doc("Văn bản ủy quyền (được chứng thực) theo quy định của pháp luật trong trường hợp ủy quyền thực hiện việc đăng ký khai sinh."),
            Doc("Giấy chứng sinh; trường hợp không có Giấy chứng sinh thì nộp văn bản của người làm chứng xác nhận về việc sinh."),
            Doc("Giấy tờ có giá trị chứng minh thông tin về cư trú trong trường hợp cơ quan đăng ký hộ tịch không thể khai thác được thông tin"),
            Doc("Hộ chiếu/Thẻ căn cước công dân/Thẻ căn cước còn giá trị sử dụng", present: true),
            Doc("Tờ khai đăng ký khai sinh theo mẫu (nếu người có yêu cầu lựa chọn nộp hồ sơ theo hình thức trực tiếp)"),
            Doc("Trường hợp trẻ em bị bỏ rơi thì phải có biên bản về việc trẻ bị bỏ rơi do cơ quan có thẩm quyền lập."),
            Doc("Biên bản tổ chức đối thoại (nếu có)"),
        ]);

        Assert.Equal(
        [
            "Giấy chứng sinh", "Hộ chiếu/Thẻ căn cước công dân/Thẻ căn cước còn giá trị sử dụng", "Tờ khai đăng ký khai sinh theo mẫu",
            "Văn bản ủy quyền", "Giấy tờ có giá trị chứng minh thông tin về cư trú trong trường hợp cơ…",
            "Trường hợp trẻ em bị bỏ rơi thì phải có biên bản về việc trẻ bị bỏ…", "Biên bản tổ chức đối thoại",
        ], checklist.Select(d => DocumentGroups.Gist(d.Name)));
        Assert.True(checklist[1].MustPresentOnly);
    }

    [Fact]
    public void A_paper_asked_in_several_cases_is_listed_once_ahead_of_one_case_papers()
    {
        var checklist = DocumentGroups.Checklist(
        [
            Doc("Hồ sơ của cá nhân: Giấy khám sức khỏe"),
            Doc("Hồ sơ của cá nhân: Tờ khai đề nghị"),
            Doc("Hồ sơ của tổ chức: Tờ khai đề nghị"),
            Doc("Hồ sơ của tổ chức: Quyết định thành lập"),
            Doc("Bản sao giấy tờ tùy thân"),
        ]);

        Assert.Equal(["Bản sao giấy tờ tùy thân", "Tờ khai đề nghị", "Giấy khám sức khỏe", "Quyết định thành lập"], checklist.Select(d => d.Name));
    }

    [Theory]
    [InlineData("Trường hợp khai sinh cho trẻ em sinh ra do mang thai hộ phải có văn bản xác nhận", true)]
    [InlineData("Nếu người yêu cầu là người nước ngoài thì nộp bản sao hộ chiếu", true)]
    [InlineData("Đối với người dưới 14 tuổi: giấy khai sinh", true)]
    [InlineData("Văn bản ủy quyền trong trường hợp ủy quyền thực hiện việc đăng ký", true)]
    [InlineData("Biên bản kiểm tra, xác minh, kết luận (nếu có)", true)]
    [InlineData("Giấy chứng sinh; trường hợp không có Giấy chứng sinh thì nộp văn bản của người làm chứng", false)]
    [InlineData("Giấy báo tử. Trường hợp người yêu cầu đã nộp bản điện tử Giấy báo tử thì không phải nộp bản giấy", false)]
    [InlineData("Tờ khai đăng ký kết hôn theo mẫu (nếu người có yêu cầu lựa chọn nộp hồ sơ theo hình thức trực tiếp)", false)]
    public void A_document_is_conditional_when_it_starts_with_or_names_its_case(string name, bool conditional) =>
        Assert.Equal(conditional, DocumentGroups.IsConditional(name));

    [Theory]
    [InlineData("Giấy chứng sinh; trường hợp không có thì nộp văn bản của người làm chứng", 70, "Giấy chứng sinh")]
    [InlineData("Tờ khai đăng ký khai sinh theo mẫu (nếu nộp trực tiếp)", 70, "Tờ khai đăng ký khai sinh theo mẫu")]
    [InlineData("Đơn (mẫu 01)", 70, "Đơn (mẫu 01)")] // a cut this early would leave too little
    [InlineData("Hộ chiếu/Thẻ căn cước công dân/Thẻ căn cước/Căn cước điện tử/Giấy chứng nhận căn cước", 40, "Hộ chiếu/Thẻ căn cước công dân/Thẻ căn…")]
    public void The_gist_drops_the_qualifications_and_shortens_on_a_word(string name, int max, string gist) =>
        Assert.Equal(gist, DocumentGroups.Gist(name, max));
}
