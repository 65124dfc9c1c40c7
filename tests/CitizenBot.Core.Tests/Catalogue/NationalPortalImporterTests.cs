using CitizenBot.Core.Catalogue;

namespace CitizenBot.Core.Tests.Catalogue;

/// <summary>The national-portal format on small files written for these tests (Fixtures/).</summary>
public sealed class NationalPortalImporterTests
{
    static readonly string Sample = Path.Combine(RepoFolders.Fixtures, "national-sample.jsonl");
    static readonly string BadLines = Path.Combine(RepoFolders.Fixtures, "national-bad-lines.jsonl");

    readonly ImportReport _sample = NationalPortalImporter.Import(Sample);

    Procedure Get(string code) => _sample.Procedures.Single(p => p.Code == code);

    [Fact]
    public void Reads_every_good_line()
    {
        Assert.Equal(["9.000001", "9.000002", "9.000003"], _sample.Procedures.Select(p => p.Code));
        Assert.Empty(_sample.Rejected);
        Assert.Equal(Sample, _sample.File);
    }

    [Fact]
    public void Maps_the_plain_fields()
    {
        var p = Get("9.000001");
        Assert.Equal("Thủ tục đăng ký khai sinh (bản thử)", p.Name);
        Assert.Equal("Hộ tịch", p.Field);
        Assert.Equal(["Cấp tỉnh", "Cấp xã"], p.Levels);
        Assert.Equal("Công dân Việt Nam", p.Applicants);
        Assert.Equal("Ủy ban nhân dân cấp xã", p.Agency); // co_quan_thuc_hien empty: the competent agency
        Assert.Null(p.SubmissionAddress); // "Không có thông tin"
        Assert.Null(p.Conditions);
        Assert.Equal(["Bước 1: Nộp hồ sơ.", "Bước 2: Nhận kết quả."], p.Steps);
        Assert.Equal("https://dichvucong.gov.vn/thu-tuc-hanh-chinh/fixture-1", p.NationalUrl);
        Assert.Empty(p.Aliases); // written by us, never by the portal
        Assert.Null(p.Description);
        Assert.Equal("Công an cấp tỉnh", Get("9.000002").Agency);
    }

    [Fact]
    public void Decomposed_accents_are_read_as_composed_text()
    {
        using var folder = new TempFolder();
        var line = File.ReadLines(Sample).First();
        var decomposed = folder.Write("nfd.jsonl", line.Normalize(System.Text.NormalizationForm.FormD) + "\n");
        var p = NationalPortalImporter.Import(decomposed).Procedures.Single();
        Assert.Equal("Hộ tịch", p.Field);
        Assert.True(p.Field.IsNormalized() && p.Name.IsNormalized() && p.Steps.All(s => s.IsNormalized()));
    }

    [Fact]
    public void A_text_repeated_in_different_tables_is_held_once()
    {
        // Each row's fee and time are cut out of its own table text: without sharing, every row held its own copy.
        Assert.Same(Get("9.000001").Methods[0].Fee, Get("9.000002").Methods[0].Fee); // "Miễn phí", two procedures
        Assert.Same(Get("9.000001").Methods[0].ProcessingTime, Get("9.000001").Methods[1].ProcessingTime); // two rows
    }

    [Fact]
    public void Splits_the_flattened_method_table_into_time_fee_and_description()
    {
        Assert.Equal(
        [
            new SubmissionMethod(SubmissionChannel.Online, "5 ngày làm việc", "Miễn phí", "Nộp qua Cổng dịch vụ công quốc gia."),
            // The bracketed note is the fee rule (with brackets of its own), kept with the fee.
            new SubmissionMethod(SubmissionChannel.InPerson, "5 ngày làm việc",
                "8,000 Việt Nam Đồng (Lệ phí 8.000 đồng/lần (áp dụng từ 01/7/2025).)", "Nộp tại Bộ phận một cửa."),
            new SubmissionMethod(SubmissionChannel.Postal, "7 ngày làm việc", null, null),
        ], Get("9.000001").Methods);
        Assert.Equal(
        [
            new SubmissionMethod(SubmissionChannel.InPerson, "1 ngày làm việc", "Miễn phí", null), // a bare number is days
            new SubmissionMethod(SubmissionChannel.Postal, "30 ngày", "1,200,000 Việt Nam Đồng", null),
        ], Get("9.000002").Methods);
        Assert.Empty(Get("9.000003").Methods);
    }

    [Fact]
    public void A_bare_time_glued_to_a_fee_shows_neither_as_fact()
    {
        // The export writes "1" (days) and "100 VNĐ" with nothing between them: "1100 VNĐ" is neither 1,100 days nor a
        // readable fee. The fee rule in brackets is kept as the fee; a method with a readable time is read as before.
        var methods = NationalPortalImporter.ParseMethods(
            "Hình thức nộpThời gianPhí, lệ phíMô tảTrực tuyến1100 VNĐ(Phí công bố: 100.000 đồng/lần)Trực tiếp125 VNĐ"
            + "Dịch vụ bưu chính3 Ngày làm việcMiễn phí");
        Assert.Equal(
        [
            new SubmissionMethod(SubmissionChannel.Online, null, "Phí công bố: 100.000 đồng/lần", null),
            new SubmissionMethod(SubmissionChannel.InPerson, null, null, null),
            new SubmissionMethod(SubmissionChannel.Postal, "3 ngày làm việc", "Miễn phí", null),
        ], methods);
    }

    [Fact]
    public void Splits_the_documents_table_and_marks_documents_to_present()
    {
        Assert.Equal(
        [
            new RequiredDocument("Tờ khai đăng ký khai sinh theo mẫu.", "1 bản chính", false),
            new RequiredDocument("Giấy chứng sinh.", "1 bản chính, 1 bản sao", false),
            new RequiredDocument("Hộ chiếu hoặc thẻ căn cước của người đi đăng ký.", "1 bản chính", true), // "Giấy tờ phải xuất trình"
        ], Get("9.000001").Documents);
    }

    [Fact]
    public void A_second_table_in_a_section_is_read_by_its_own_label()
    {
        // "* Giấy tờ phải xuất trình: … --Tên giấy tờ…": the unlabelled second table lists documents to hand in.
        Assert.Equal(
        [
            new RequiredDocument("Thẻ căn cước.", "1 bản chính", true),
            new RequiredDocument("Đơn đề nghị hưởng trợ cấp.", "1 bản chính", false),
            new RequiredDocument("Bản sao quyết định.", "1 bản sao", false),
        ], Get("9.000002").Documents);
    }

    [Fact]
    public void Splits_the_legal_basis_into_title_and_number()
    {
        Assert.Equal(
        [
            new LegalReference("Luật Hộ tịch", "60/2014/QH13"),
            new LegalReference("Nghị định quy định chi tiết Luật Hộ tịch", "123/2015/NĐ-CP"),
            new LegalReference("Thông tư hướng dẫn", "04/2020/TT-BTP"),
        ], Get("9.000001").LegalBasis);
    }

    [Fact]
    public void Cuts_the_portal_boilerplate_after_the_result()
    {
        Assert.Equal("Giấy khai sinh", Get("9.000001").Result); // "…Mã: KQ.G15.000031Từ khóa…Chọn cơ quan thực hiện…"
        Assert.Equal("Quyết định hành chính", Get("9.000002").Result); // "…Mã: 000.00.00.G11-KQ1711Từ khóa…"
        Assert.Null(Get("9.000003").Result);
    }

    [Fact]
    public void Leaves_the_online_mode_unknown_because_the_data_has_no_toan_trinh_flag()
    {
        // Listing "Trực tuyến" does not tell toàn trình from một phần: no guess is made (our curated mode or the province's list says it).
        Assert.Equal(OnlineMode.Unknown, Get("9.000001").OnlineMode);
        Assert.Equal([SubmissionChannel.Online], Get("9.000001").Methods.Select(m => m.Channel).Distinct().Where(c => c == SubmissionChannel.Online));
        Assert.All(_sample.Procedures, p => Assert.Equal(OnlineMode.Unknown, p.OnlineMode));
    }

    [Fact]
    public void A_missing_field_gets_the_default()
    {
        var p = Get("9.000003");
        Assert.Equal("Khác", p.Field);
        Assert.Empty(p.Levels);
        Assert.Empty(p.Documents);
        Assert.Empty(p.LegalBasis);
        Assert.Null(p.NationalUrl);
    }

    [Fact]
    public void Bad_lines_are_rejected_with_their_line_number_and_good_lines_kept()
    {
        var report = NationalPortalImporter.Import(BadLines);

        Assert.Equal(["9.000010", "9.000011"], report.Procedures.Select(p => p.Code));
        Assert.Equal("Thủ tục thứ nhất", report.Procedures[0].Name); // the first of a duplicate code is kept
        var rejected = report.Rejected.ToDictionary(e => e.Record);
        Assert.Equal(["line 2", "line 3", "line 4", "line 6 (9.000010)", "line 7", "line 8", "line 10"], rejected.Keys);
        Assert.All(report.Rejected, e => Assert.Equal(BadLines, e.File));
        Assert.StartsWith("invalid JSON", rejected["line 2"].Message);
        Assert.Equal(("ma_thu_tuc", "missing"), (rejected["line 3"].Field, rejected["line 3"].Message));
        Assert.Equal("ma_thu_tuc", rejected["line 4"].Field);
        Assert.Contains("'1-001193' is not a procedure code", rejected["line 4"].Message);
        Assert.Equal("ma_thu_tuc", rejected["line 6 (9.000010)"].Field);
        Assert.Contains("duplicate", rejected["line 6 (9.000010)"].Message);
        Assert.Equal("not a JSON object", rejected["line 7"].Message);
        Assert.Equal(("ten_thu_tuc", "missing"), (rejected["line 8"].Field, rejected["line 8"].Message));
        Assert.Equal(("ma_thu_tuc", "missing"), (rejected["line 10"].Field, rejected["line 10"].Message));
        Assert.Equal($"{BadLines}, line 4, field 'ma_thu_tuc': '1-001193' is not a procedure code like 1.001193", rejected["line 4"].ToString());
    }

    [Fact]
    public void An_empty_file_imports_nothing()
    {
        using var folder = new TempFolder();
        var report = NationalPortalImporter.Import(folder.Write("empty.jsonl", "\n\n"));
        Assert.Empty(report.Procedures);
        Assert.Empty(report.Rejected);
    }

    [Fact]
    public void A_table_labelled_with_a_case_puts_its_documents_under_that_case()
    {
        const string table = "a) Đối với trường hợp chủ đầu tư dự án nộp hồ sơ:Tên giấy tờMẫu đơn, tờ khaiSố lượng"
            + "Hợp đồng chuyển nhượng.1 bản chính,1 bản saoĐơn đăng ký biến động1 bản chính"
            + "b) Đối với trường hợp người nhận chuyển nhượng trực tiếp thực hiện:Tên giấy tờMẫu đơn, tờ khaiSố lượng"
            + "Đơn đăng ký biến động1 bản chính";
        Assert.Equal(
        [
            new RequiredDocument("Đối với trường hợp chủ đầu tư dự án nộp hồ sơ: Hợp đồng chuyển nhượng.", "1 bản chính,1 bản sao"),
            new RequiredDocument("Đối với trường hợp chủ đầu tư dự án nộp hồ sơ: Đơn đăng ký biến động", "1 bản chính"),
            new RequiredDocument("Đối với trường hợp người nhận chuyển nhượng trực tiếp thực hiện: Đơn đăng ký biến động", "1 bản chính"),
        ], NationalPortalImporter.ParseDocuments(table));
        // Other labels name no case.
        Assert.Null(NationalPortalImporter.CaseLabel("* Giấy tờ phải nộp:"));
        Assert.Null(NationalPortalImporter.CaseLabel("--"));
        Assert.Equal("Trường hợp ủy quyền thực hiện thủ tục", NationalPortalImporter.CaseLabel("* Trường hợp ủy quyền thực hiện thủ tục:"));
    }
}
