using System.Text.Json;
using CitizenBot.Core.Catalogue;
using CitizenBot.Core.Presentation;
using static CitizenBot.Core.Tests.Presentation.PresentationTestData;

namespace CitizenBot.Core.Tests.Presentation;

public sealed class RendererTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public void Text_has_the_checklist_fees_place_and_link()
    {
        var text = ProcedureTextRenderer.Render(NationalView(Procedure(), NinhBinh));

        Assert.StartsWith("Thủ tục đăng ký khai sinh\nMã thủ tục: 1.001193 · Lĩnh vực: Hộ tịch · Cấp thực hiện: Cấp xã\nTỉnh/thành phố: Ninh Bình\n", text.ReplaceLineEndings("\n"));
        Assert.Contains("  [ ] 2. Tờ khai đăng ký khai sinh theo mẫu (1 bản chính)", text);
        Assert.Contains("  [ ] 3. Căn cước của người đi đăng ký (mang bản chính để đối chiếu)", text);
        Assert.Contains("  - Trực tuyến: 1 ngày làm việc; lệ phí: Miễn phí", text);
        Assert.Contains("Cơ quan thực hiện: Ủy ban nhân dân cấp xã", text);
        Assert.Contains("Nộp hồ sơ trực tuyến trên Cổng Dịch vụ công quốc gia: https://dichvucong.gov.vn/thu-tuc-hanh-chinh/abc", text);
        Assert.Contains("Cổng dịch vụ công Ninh Bình: https://dichvucong.ninhbinh.gov.vn", text);
        Assert.Contains("  - Bước 2: Nhận kết quả.", text); // the portal's own markers, not renumbered
        Assert.Contains("  - Luật Hộ tịch 2014 (60/2014/QH13)", text);
    }

    [Fact]
    public void Markdown_escapes_catalogue_text_and_autolinks_urls()
    {
        var tricky = Procedure(name: "Thủ tục *đặc biệt* [bấm](http://evil.example) <b>x</b>",
            documents: [new("# Tờ khai_mẫu `01`", null), new("1. Giấy tờ", null)]);
        var md = ProcedureMarkdownRenderer.Render(NationalView(tricky, null));

        Assert.StartsWith(@"# Thủ tục \*đặc biệt\* \[bấm\](http://evil.example) \<b\>x\</b\>", md);
        Assert.Contains(@"- [ ] \# Tờ khai\_mẫu \`01\`", md);
        Assert.Contains(@"- [ ] 1\. Giấy tờ", md);
        Assert.Contains("<https://dichvucong.gov.vn/thu-tuc-hanh-chinh/abc>", md);
        Assert.DoesNotContain("](http://evil", md.Replace(@"\](http://evil", ""));
    }

    [Fact]
    public void Json_round_trips_the_view_in_camel_case()
    {
        var json = ProcedureJsonRenderer.Render(NationalView(Procedure(OnlineMode.Partial), NinhBinh));
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;

        Assert.Equal("1.001193", root.GetProperty("code").GetString());
        Assert.Equal("mot-phan", root.GetProperty("online").GetProperty("mode").GetString());
        Assert.Equal("ninh-binh", root.GetProperty("province").GetProperty("id").GetString());
        Assert.Equal("online", root.GetProperty("methods")[0].GetProperty("channel").GetString());
        Assert.True(root.GetProperty("documents")[2].GetProperty("mustPresentOnly").GetBoolean());
        Assert.Contains("Thủ tục đăng ký khai sinh", json); // readable Vietnamese, not \u escapes
        var back = JsonSerializer.Deserialize<ProcedureView>(json, ProcedureJsonRenderer.Options)!;
        Assert.Equal(NationalView(Procedure(OnlineMode.Partial), NinhBinh).Link, back.Link);
    }

    [Fact]
    public void Summary_is_name_mode_fee_time_documents_and_link()
    {
        var summary = ProcedureSummaryRenderer.Render(NationalView(Procedure(), null));

        Assert.Equal(
            """
            Thủ tục đăng ký khai sinh (mã 1.001193)
            Trực tuyến: toàn trình (mức cả nước) – làm hoàn toàn trên mạng
            Lệ phí: Miễn phí
            Thời gian: 1 ngày làm việc
            Giấy tờ chính:
            - Giấy chứng sinh
            - Tờ khai đăng ký khai sinh theo mẫu
            - Căn cước của người đi đăng ký (bản chính để đối chiếu)
            Nộp trực tuyến: https://dichvucong.gov.vn/thu-tuc-hanh-chinh/abc

            """.ReplaceLineEndings("\n"), summary.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Summary_puts_documents_for_everyone_first_and_counts_the_rest()
    {
        var documents = Enumerable.Range(1, 5).Select(i => new RequiredDocument($"Trường hợp {i}: giấy tờ riêng", null))
            .Concat(Enumerable.Range(1, 4).Select(i => new RequiredDocument($"Giấy tờ chung số {i}", null))).ToList();
        var summary = ProcedureSummaryRenderer.Render(NationalView(Procedure(OnlineMode.Offline, documents: documents), null));
        var items = summary.Split('\n').Where(l => l.StartsWith("- ", StringComparison.Ordinal)).ToList();

        Assert.Equal(6, items.Count);
        Assert.Equal(["- Giấy tờ chung số 1", "- Giấy tờ chung số 2", "- Giấy tờ chung số 3", "- Giấy tờ chung số 4"], items.Take(4));
        Assert.Contains("(và 3 giấy tờ khác tùy trường hợp, xem link)", summary);
        Assert.Contains("Trực tuyến: không trực tuyến (mức cả nước) – phải nộp trực tiếp", summary);
        Assert.Contains("Chi tiết: https://", summary);
    }

    [Fact]
    public void Every_real_procedure_renders_in_every_format_and_its_summary_stays_short()
    {
        var catalogue = PresentationTestData.Catalogue;
        var lengths = new List<int>();
        Assert.Equal(392, catalogue.Procedures.Count);
        foreach (var p in catalogue.Procedures)
        {
            var view = NationalView(p, catalogue.Provinces[0]);
            foreach (var format in Enum.GetValues<ProcedureFormat>())
                Assert.False(string.IsNullOrWhiteSpace(ProcedureRenderer.Render(view, format)), $"{p.Code} {format}");
            var summary = ProcedureSummaryRenderer.Render(view);
            lengths.Add(summary.Length);
            Assert.True(summary.Length <= ProcedureSummaryRenderer.TargetLength + 100, $"{p.Code}: summary of {summary.Length} characters");
            var documents = summary.Split('\n').Count(l => l.StartsWith("- ", StringComparison.Ordinal));
            // 3–6 papers (more only while the text stays short); fewer only when the procedure names fewer distinct ones.
            var papers = view.ChecklistCount();
            Assert.InRange(documents, Math.Min(3, papers), 6);
            Assert.EndsWith(view.Link.Url + "\n", summary.ReplaceLineEndings("\n"));
            Assert.DoesNotContain(summary, c => char.IsControl(c) && c != '\n' && c != '\r');
        }
        lengths.Sort();
        output.WriteLine($"summary length over {lengths.Count} procedures: median {lengths[lengths.Count / 2]}, p90 {lengths[lengths.Count * 9 / 10]}, max {lengths[^1]} characters");
    }

    [Theory]
    [InlineData("text", ProcedureFormat.Text)]
    [InlineData("JSON", ProcedureFormat.Json)]
    [InlineData("md", ProcedureFormat.Markdown)]
    [InlineData("markdown", ProcedureFormat.Markdown)]
    [InlineData("summary", ProcedureFormat.Summary)]
    public void Format_names_parse(string name, ProcedureFormat expected)
    {
        Assert.True(ProcedureRenderer.TryParse(name, out var format));
        Assert.Equal(expected, format);
    }

    [Fact]
    public void Unknown_format_does_not_parse() => Assert.False(ProcedureRenderer.TryParse("xml", out _));
}
