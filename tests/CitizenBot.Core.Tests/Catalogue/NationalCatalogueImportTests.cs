using System.Text.Json;
using CitizenBot.Core.Catalogue;

namespace CitizenBot.Core.Tests.Catalogue;

/// <summary>The real export of the National Public Service Portal (../shared/data/national-catalogue.jsonl).</summary>
public sealed class NationalCatalogueImportTests
{
    readonly ImportReport _report = NationalPortalImporter.Import(RepoFolders.NationalCatalogue);

    [Fact]
    public void Every_record_is_accepted()
    {
        Assert.Equal(2642, _report.Procedures.Count);
        Assert.Empty(_report.Rejected);
        Assert.Equal(2642, _report.Procedures.Select(p => p.Code).Distinct().Count());
        Assert.All(_report.Procedures, p =>
        {
            Assert.Matches(@"^\d\.\d{6}$", p.Code);
            Assert.False(string.IsNullOrWhiteSpace(p.Name));
            Assert.False(string.IsNullOrWhiteSpace(p.Field));
            Assert.StartsWith("https://dichvucong.gov.vn/", p.NationalUrl);
        });
    }

    [Fact]
    public void A_value_many_records_repeat_is_held_once()
    {
        // Memory at 100,000 procedures: an agency, a field or a documents table is one object, not one per record.
        foreach (var group in _report.Procedures.GroupBy(p => p.Field).Where(g => g.Count() > 1))
            Assert.All(group, p => Assert.Same(group.First().Field, p.Field));
        var agencies = _report.Procedures.Where(p => p.Agency is not null).GroupBy(p => p.Agency).Where(g => g.Count() > 1).ToList();
        Assert.NotEmpty(agencies);
        foreach (var group in agencies)
            Assert.All(group, p => Assert.Same(group.First().Agency, p.Agency));
        var tables = _report.Procedures.Where(p => p.Documents.Count > 0)
            .GroupBy(p => JsonSerializer.Serialize(p.Documents)).Where(g => g.Count() > 1).ToList();
        Assert.Contains(tables, g => g.Skip(1).Any(p => ReferenceEquals(p.Documents, g.First().Documents)));
    }

    [Fact]
    public void Importing_twice_gives_the_same_procedures()
    {
        var again = NationalPortalImporter.Import(RepoFolders.NationalCatalogue);
        Assert.Equal(JsonSerializer.Serialize(_report.Procedures), JsonSerializer.Serialize(again.Procedures));
    }

    [Fact]
    public void The_birth_registration_reads_as_the_portal_shows_it()
    {
        var p = _report.Procedures.Single(x => x.Code == "1.001193");
        Assert.Equal("Thủ tục đăng ký khai sinh", p.Name);
        Assert.Equal("Hộ tịch", p.Field);
        Assert.Equal(["Cấp xã"], p.Levels);
        Assert.Equal([SubmissionChannel.Online, SubmissionChannel.Postal, SubmissionChannel.InPerson], p.Methods.Select(m => m.Channel));
        Assert.All(p.Methods, m => Assert.Equal(("1 ngày làm việc", "Miễn phí"), (m.ProcessingTime, m.Fee)));
        Assert.Equal(OnlineMode.Unknown, p.OnlineMode); // the export has no toàn trình flag
        Assert.Equal("Giấy khai sinh", p.Result);
        Assert.Contains(p.LegalBasis, l => l.Number == "123/2015/NĐ-CP");
        Assert.Contains(p.Documents, d => d.Name.StartsWith("Giấy chứng sinh", StringComparison.Ordinal) && !d.MustPresentOnly);
        Assert.Contains(p.Documents, d => d.Name.StartsWith("Tờ khai đăng ký khai sinh", StringComparison.Ordinal) && !d.MustPresentOnly);
        Assert.Contains(p.Documents, d => d.Name.StartsWith("Giấy tờ có giá trị chứng minh thông tin về cư trú", StringComparison.Ordinal) && d.MustPresentOnly);
    }

    [Fact]
    public void No_portal_furniture_is_left_in_the_text()
    {
        Assert.All(_report.Procedures, p =>
        {
            if (p.Result is { } result)
                Assert.DoesNotMatch("Mã:|Từ khóa|Chọn cơ quan thực hiện|Nộp hồ sơ$", result);
            Assert.All(p.Documents, d => Assert.DoesNotContain("Tên giấy tờMẫu đơn, tờ khaiSố lượng", d.Name));
            Assert.All(p.Methods, m =>
            {
                if (m.Fee is { } fee) Assert.Equal(fee.Count(c => c == '('), fee.Count(c => c == ')'));
                Assert.NotEqual("Không có thông tin", m.Fee);
            });
            Assert.DoesNotContain("Không có thông tin", new[] { p.Applicants, p.Agency, p.SubmissionAddress, p.Conditions, p.Result });
        });
    }

    [Fact]
    public void No_online_mode_is_guessed_from_the_methods()
    {
        Assert.All(_report.Procedures, p => Assert.Equal(OnlineMode.Unknown, p.OnlineMode));
        Assert.Contains(_report.Procedures, p => p.Methods.Any(m => m.Channel == SubmissionChannel.Online));
    }

    [Fact]
    public void A_legal_number_followed_by_a_space_is_read_whole()
    {
        // "…thủ tục hành chính…18/2026/NĐ-CP Nghị định quy định về…": the number ends at the space, not one letter early.
        var legal = _report.Procedures.Single(x => x.Code == "1.001193").LegalBasis;
        Assert.Contains(legal, l => l.Number == "18/2026/NĐ-CP");
        Assert.Contains(legal, l => l.Number == "87/2020/NĐ-CP" && l.Title.StartsWith("Nghị định quy định về Cơ sở dữ liệu hộ tịch điện tử", StringComparison.Ordinal));
    }
}
