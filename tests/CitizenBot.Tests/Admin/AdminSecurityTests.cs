using System.IO.Compression;
using System.Net;
using System.Text.Json;
using CitizenBot.Core.Catalogue;
using CitizenBot.Core.Demand;
using CitizenBot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CitizenBot.Tests.Admin;

/// <summary>The dashboard's guarantees over real HTTP: no data without signing in, anti-forgery on every form, a viewer
/// confined to their provinces, citizen text encoded, exports audited and safe to open in a spreadsheet.</summary>
public sealed class AdminSecurityTests : IAsyncLifetime
{
    TestHost _host = null!;
    const string HanoiQuestion = "xin giấy phép nuôi ong lấy mật";
    const string NinhBinhQuestion = "hỏi thủ tục nuôi cá lồng trên sông";

    public async Task InitializeAsync()
    {
        _host = await TestHost.StartAsync();
        await AdminSeed.UserAsync(_host, "quantri", AdminRole.Admin);
        await AdminSeed.UserAsync(_host, "hanoi", AdminRole.Viewer, "ha-noi");
        await AdminSeed.EntriesAsync(_host,
            AdminSeed.Event(HanoiQuestion, "ha-noi"),
            AdminSeed.Event(HanoiQuestion, "ha-noi", conversation: "b"),
            AdminSeed.Event(NinhBinhQuestion, "ninh-binh"),
            AdminSeed.Event("=HYPERLINK(\"http://evil.example\",\"bấm vào\") xin cấp sổ", "ha-noi"),
            AdminSeed.Event("<script>alert(1)</script> <b>đậm</b> xin phép", "ha-noi"),
            AdminSeed.Event("cấp giấy phép lái xe", "ninh-binh", DemandOutcome.NotFullyOnline, "3.000346", OnlineMode.Partial));
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData("/admin")]
    [InlineData("/admin/nhu-cau")]
    [InlineData("/admin/nang-cap")]
    [InlineData("/admin/nhat-ky")]
    [InlineData("/admin/xuat?report=entries&format=csv")]
    [InlineData("/admin/nhu-cau/chi-tiet?key=nuoi")]
    public async Task Unauthenticated_pages_redirect_to_sign_in_and_show_no_data(string path)
    {
        using var client = new AdminClient(_host);
        var response = await client.Http.GetAsync(path);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/admin/dang-nhap?returnUrl=", response.Headers.Location!.OriginalString.Replace(_host.BaseAddress.ToString().TrimEnd('/'), ""));
        Assert.DoesNotContain("nuôi", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/admin/api/summary")]
    [InlineData("/admin/api/unmet")]
    [InlineData("/admin/api/backlog")]
    public async Task Unauthenticated_api_calls_get_401_problem_details(string path)
    {
        using var client = new AdminClient(_host);
        var response = await client.Http.GetAsync(path);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(401, problem.GetProperty("status").GetInt32());
        Assert.DoesNotContain("nuôi", problem.ToString());
    }

    [Fact]
    public async Task Forms_without_the_anti_forgery_token_are_rejected_with_400()
    {
        using var client = new AdminClient(_host);
        await client.Http.GetAsync("/admin/dang-nhap"); // Has the anti-forgery cookie, but the form lacks the field.
        var login = await client.Http.PostAsync("/admin/dang-nhap", new FormUrlEncodedContent(new Dictionary<string, string> { ["name"] = "quantri", ["password"] = AdminSeed.Password }));
        Assert.Equal(HttpStatusCode.BadRequest, login.StatusCode);
        Assert.Equal("application/problem+json", login.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain(client.Cookies.GetCookies(new Uri(_host.BaseAddress, "/admin")), c => c.Name == ".CitizenBot.Admin");

        Assert.Equal(HttpStatusCode.Redirect, (await client.SignInAsync("quantri", AdminSeed.Password)).StatusCode);
        var mark = await client.Http.PostAsync("/admin/nhu-cau/danh-dau", new FormUrlEncodedContent(new Dictionary<string, string> { ["key"] = "ong lay mat nuoi phep xin", ["handled"] = "1" }));
        Assert.Equal(HttpStatusCode.BadRequest, mark.StatusCode);
        var forged = await client.Http.PostAsync("/admin/nhu-cau/danh-dau", new FormUrlEncodedContent(new Dictionary<string, string> { ["__af"] = "forged-token", ["key"] = "x", ["handled"] = "1" }));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Empty(await _host.Services.GetRequiredService<IDemandStore>().GetClusterMarksAsync(CancellationToken.None));
        var regroup = await client.Http.PostAsync("/admin/nhu-cau/nhom", new FormUrlEncodedContent(new Dictionary<string, string> { ["action"] = "gop", ["key"] = "x", ["into"] = "y" }));
        Assert.Equal(HttpStatusCode.BadRequest, regroup.StatusCode);
        Assert.Empty(await _host.Services.GetRequiredService<IDemandStore>().GetRegroupsAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_wrong_password_does_not_sign_in_and_the_return_url_never_leaves_the_dashboard()
    {
        using var client = new AdminClient(_host);
        var wrong = await client.SignInAsync("quantri", "not-the-password");
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("Sai tên đăng nhập hoặc mật khẩu", await wrong.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await client.Http.GetAsync("/admin")).StatusCode);

        var token = await client.TokenAsync("/admin/dang-nhap");
        var response = await client.Http.PostAsync("/admin/dang-nhap", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__af"] = token, ["name"] = "quantri", ["password"] = AdminSeed.Password, ["returnUrl"] = "//evil.example/admin",
        }));
        Assert.Equal("/admin", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task A_viewer_never_sees_another_provinces_entries()
    {
        using var client = new AdminClient(_host);
        Assert.Equal(HttpStatusCode.Redirect, (await client.SignInAsync("hanoi", AdminSeed.Password)).StatusCode);

        var unmet = await client.Http.GetStringAsync("/admin/nhu-cau");
        Assert.Contains(HanoiQuestion, unmet);
        Assert.DoesNotContain(NinhBinhQuestion, unmet);
        Assert.DoesNotContain("<option value=\"ninh-binh\"", unmet);

        foreach (var path in new[] { "/admin?province=ninh-binh", "/admin/api/unmet?province=ninh-binh", "/admin/xuat?report=entries&format=csv&province=ninh-binh" })
            Assert.Equal(HttpStatusCode.Forbidden, (await client.Http.GetAsync(path)).StatusCode);

        var api = await client.Http.GetStringAsync("/admin/api/unmet");
        Assert.Contains(HanoiQuestion, api);
        Assert.DoesNotContain(NinhBinhQuestion, api);
        var backlog = await client.Http.GetStringAsync("/admin/api/backlog");
        Assert.DoesNotContain("3.000346", backlog);
        var csv = await client.Http.GetStringAsync("/admin/xuat?report=entries&format=csv");
        Assert.Contains(HanoiQuestion, csv);
        Assert.DoesNotContain(NinhBinhQuestion, csv);
        Assert.DoesNotContain("Ninh Bình", csv);

        var key = Uri.EscapeDataString(QuestionClusterer.Signature(NinhBinhQuestion));
        Assert.Equal(HttpStatusCode.NotFound, (await client.Http.GetAsync($"/admin/nhu-cau/chi-tiet?key={key}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.Http.GetAsync("/admin/nhat-ky")).StatusCode);
    }

    [Fact]
    public async Task Citizen_text_is_html_encoded_on_every_page()
    {
        using var client = new AdminClient(_host);
        await client.SignInAsync("quantri", AdminSeed.Password);
        foreach (var path in new[] { "/admin", "/admin/nhu-cau" })
        {
            var html = await client.Http.GetStringAsync(path);
            Assert.DoesNotContain("<script>alert", html);
            Assert.DoesNotContain("<b>đậm</b>", html);
            Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
        }
        var page = await client.Http.GetAsync("/admin");
        Assert.Contains("default-src 'none'", page.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Fact]
    public async Task Exports_neutralize_formulas_and_every_export_is_audited()
    {
        using var client = new AdminClient(_host);
        await client.SignInAsync("quantri", AdminSeed.Password);

        var csvResponse = await client.Http.GetAsync("/admin/xuat?report=unmet&format=csv&outcome=NoMatch");
        Assert.Equal("text/csv", csvResponse.Content.Headers.ContentType?.MediaType);
        Assert.Contains("attachment", csvResponse.Content.Headers.ContentDisposition?.ToString());
        var csv = await csvResponse.Content.ReadAsStringAsync();
        Assert.Contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"bấm vào\"\") xin cấp sổ\"", csv);
        Assert.DoesNotContain(",=HYPERLINK", csv);
        Assert.DoesNotContain("\n=HYPERLINK", csv);

        var xlsx = await client.Http.GetAsync("/admin/xuat?report=entries&format=xlsx");
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType?.MediaType);
        using (var zip = new ZipArchive(await xlsx.Content.ReadAsStreamAsync()))
        {
            using var sheet = new StreamReader(zip.GetEntry("xl/worksheets/sheet1.xml")!.Open());
            var xml = await sheet.ReadToEndAsync();
            Assert.Contains("&apos;=HYPERLINK", xml.Replace("'=HYPERLINK", "&apos;=HYPERLINK"));
            Assert.DoesNotContain("<f>", xml);
        }

        var audit = await _host.Services.GetRequiredService<IDemandStore>().ListAuditAsync(10, CancellationToken.None);
        var exports = audit.Where(a => a.Action == "xuất dữ liệu").ToList();
        Assert.Equal(2, exports.Count);
        Assert.All(exports, a => Assert.Equal("quantri", a.UserName));
        Assert.Contains(exports, a => a.Detail.Contains("report=unmet format=csv") && a.Detail.Contains("outcome=NoMatch"));
        Assert.Contains(exports, a => a.Detail.Contains("report=entries format=xlsx") && a.Detail.Contains("provinces=*"));
        Assert.All(exports, a => Assert.True(DateTimeOffset.UtcNow - a.At < TimeSpan.FromMinutes(5)));

        var auditPage = await client.Http.GetStringAsync("/admin/nhat-ky");
        Assert.Contains("report=entries format=xlsx", auditPage);
    }

    [Fact]
    public async Task An_admin_marks_a_cluster_handled_and_links_it_and_a_viewer_marks_only_their_province()
    {
        using var admin = new AdminClient(_host);
        await admin.SignInAsync("quantri", AdminSeed.Password);
        var key = QuestionClusterer.Signature(HanoiQuestion);
        var detail = $"/admin/nhu-cau/chi-tiet?key={Uri.EscapeDataString(key)}";
        var token = await admin.TokenAsync(detail);
        var saved = await admin.Http.PostAsync("/admin/nhu-cau/danh-dau", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__af"] = token, ["key"] = key, ["code"] = "3.000346", ["note"] = "đã chuyển Sở", ["handled"] = "1",
        }));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var mark = Assert.Single(await _host.Services.GetRequiredService<IDemandStore>().GetClusterMarksAsync(CancellationToken.None));
        Assert.Equal((key, true, "3.000346", "quantri"), (mark.ClusterKey, mark.Handled, mark.LinkedCode, mark.UpdatedBy));
        Assert.DoesNotContain(HanoiQuestion, await admin.Http.GetStringAsync("/admin/nhu-cau"));
        Assert.Contains(HanoiQuestion, await admin.Http.GetStringAsync("/admin/nhu-cau?handled=1"));

        using var viewer = new AdminClient(_host);
        await viewer.SignInAsync("hanoi", AdminSeed.Password);
        var viewerToken = await viewer.TokenAsync("/admin/nhu-cau");
        // Another province: refused, nothing stored.
        foreach (var province in new[] { "ninh-binh" })
        {
            var refused = await viewer.Http.PostAsync("/admin/nhu-cau/danh-dau", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__af"] = viewerToken, ["key"] = key, ["handled"] = "0", ["mark_province"] = province,
            }));
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }
        Assert.Single(await _host.Services.GetRequiredService<IDemandStore>().GetClusterMarksAsync(CancellationToken.None));

        // Their own province: stored for Hà Nội only, beside the admin's national mark, and audited.
        var ninhBinhKey = QuestionClusterer.Signature(NinhBinhQuestion);
        var own = await viewer.Http.PostAsync("/admin/nhu-cau/danh-dau", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__af"] = viewerToken, ["key"] = ninhBinhKey, ["out_of_scope"] = "1", ["agency"] = "Uỷ ban nhân dân xã", ["mark_province"] = "ha-noi",
        }));
        Assert.Equal(HttpStatusCode.Redirect, own.StatusCode);
        var marks = await _host.Services.GetRequiredService<IDemandStore>().GetClusterMarksAsync(CancellationToken.None);
        var hanoiMark = Assert.Single(marks, m => m.ProvinceId == "ha-noi");
        Assert.Equal((ninhBinhKey, true, "Ủy ban nhân dân cấp xã", "hanoi"), (hanoiMark.ClusterKey, hanoiMark.OutOfScope, hanoiMark.Agency, hanoiMark.UpdatedBy));
        // Ninh Bình's question is untouched by Hà Nội's mark.
        Assert.Contains(NinhBinhQuestion, await admin.Http.GetStringAsync("/admin/nhu-cau?province=ninh-binh"));
        var audit = await _host.Services.GetRequiredService<IDemandStore>().ListAuditAsync(20, CancellationToken.None);
        Assert.Contains(audit, a => a.UserName == "hanoi" && a.Action == "đánh dấu nhóm câu hỏi" && a.Detail.Contains("tỉnh=ha-noi"));
    }

    [Fact]
    public async Task A_viewer_merges_and_splits_groups_of_their_province_only_and_undoes_it_and_an_admin_regroups_for_every_province()
    {
        var store = _host.Services.GetRequiredService<IDemandStore>();
        var (hanoiKey, scriptKey, ninhBinhKey) = (QuestionClusterer.Signature(HanoiQuestion),
            QuestionClusterer.Signature("<script>alert(1)</script> <b>đậm</b> xin phép"), QuestionClusterer.Signature(NinhBinhQuestion));
        using var viewer = new AdminClient(_host);
        await viewer.SignInAsync("hanoi", AdminSeed.Password);
        var detail = $"/admin/nhu-cau/chi-tiet?key={Uri.EscapeDataString(scriptKey)}";
        var page = await viewer.Http.GetStringAsync(detail);
        Assert.Contains("Gộp nhóm này vào nhóm", page);
        Assert.Contains($"value=\"{hanoiKey}\"", page); // Hà Nội's other need is offered, Ninh Bình's is not
        Assert.DoesNotContain(ninhBinhKey, page);
        var token = await viewer.TokenAsync(detail);
        Task<HttpResponseMessage> Post(AdminClient client, string antiforgery, params (string Key, string Value)[] fields) =>
            client.Http.PostAsync("/admin/nhu-cau/nhom", new FormUrlEncodedContent(fields.Append(("__af", antiforgery)).ToDictionary(f => f.Item1, f => f.Item2)));
        async Task<Dictionary<string, int>> Needs(AdminClient client, string province)
        {
            using var json = JsonDocument.Parse(await client.Http.GetStringAsync($"/admin/api/unmet?province={province}&top=100"));
            return json.RootElement.EnumerateArray().ToDictionary(n => n.GetProperty("key").GetString()!, n => n.GetProperty("count").GetInt32());
        }

        // Another province, a merge into itself, an unknown action: refused, nothing stored.
        Assert.Equal(HttpStatusCode.Forbidden, (await Post(viewer, token, ("action", "gop"), ("key", scriptKey), ("into", hanoiKey), ("mark_province", "ninh-binh"))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Post(viewer, token, ("action", "gop"), ("key", scriptKey), ("into", scriptKey), ("mark_province", "ha-noi"))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Post(viewer, token, ("action", "xoa"), ("key", scriptKey), ("mark_province", "ha-noi"))).StatusCode);
        Assert.Empty(await store.GetRegroupsAsync(CancellationToken.None));

        // Their province: the group joins Hà Nội's need there, the page it lands on says so (encoded) and offers the undo.
        var merged = await Post(viewer, token, ("action", "gop"), ("key", scriptKey), ("into", hanoiKey), ("mark_province", "ha-noi"));
        Assert.Equal(HttpStatusCode.Redirect, merged.StatusCode);
        Assert.Contains(Uri.EscapeDataString(hanoiKey), merged.Headers.Location!.OriginalString);
        Assert.Equal(new ClusterRegroup(scriptKey, "ha-noi", hanoiKey, "hanoi", default), Assert.Single(await store.GetRegroupsAsync(CancellationToken.None)) with { UpdatedAt = default });
        Assert.Equal(3, (await Needs(viewer, "ha-noi"))[hanoiKey]);
        var landed = await viewer.Http.GetStringAsync(merged.Headers.Location!.OriginalString);
        Assert.Contains("đã được gộp vào nhóm này (riêng", landed);
        Assert.Contains("&lt;script&gt;", landed);
        Assert.DoesNotContain("<script>", landed);
        Assert.Contains("Tách một cách hỏi khỏi nhóm", landed);

        // The same question taken out again: it stands alone (the merge of its one-question group is replaced).
        Assert.Equal(HttpStatusCode.Redirect, (await Post(viewer, token, ("action", "tach"), ("key", hanoiKey), ("question", scriptKey), ("mark_province", "ha-noi"))).StatusCode);
        Assert.Equal((2, 1), ((await Needs(viewer, "ha-noi"))[hanoiKey], (await Needs(viewer, "ha-noi"))[scriptKey]));
        Assert.Null(Assert.Single(await store.GetRegroupsAsync(CancellationToken.None)).IntoKey);
        Assert.Equal(HttpStatusCode.Redirect, (await Post(viewer, token, ("action", "huy"), ("key", hanoiKey), ("regroup_key", scriptKey), ("mark_province", "ha-noi"))).StatusCode);
        Assert.Empty(await store.GetRegroupsAsync(CancellationToken.None));
        var audit = await store.ListAuditAsync(20, CancellationToken.None);
        Assert.Contains(audit, a => a.UserName == "hanoi" && a.Action == "gộp nhóm câu hỏi" && a.Detail.Contains("tỉnh=ha-noi"));
        Assert.Contains(audit, a => a.UserName == "hanoi" && a.Action == "tách câu hỏi khỏi nhóm");
        Assert.Contains(audit, a => a.UserName == "hanoi" && a.Action == "hủy gộp/tách nhóm câu hỏi");

        // An admin merges Ninh Bình's need into Hà Nội's for every province: Ninh Bình's question is filed under it there
        // too; the viewer cannot undo a national regrouping.
        using var admin = new AdminClient(_host);
        await admin.SignInAsync("quantri", AdminSeed.Password);
        var adminToken = await admin.TokenAsync("/admin/nhu-cau");
        Assert.Equal(HttpStatusCode.Redirect, (await Post(admin, adminToken, ("action", "gop"), ("key", ninhBinhKey), ("into", hanoiKey), ("mark_province", ""))).StatusCode);
        Assert.Equal(new Dictionary<string, int> { [hanoiKey] = 1 }, await Needs(admin, "ninh-binh"));
        Assert.Equal(HttpStatusCode.NotFound, (await Post(viewer, token, ("action", "huy"), ("key", hanoiKey), ("regroup_key", ninhBinhKey), ("mark_province", ""))).StatusCode);
        Assert.Single(await store.GetRegroupsAsync(CancellationToken.None));
    }

    [Fact]
    public async Task The_api_the_exports_and_the_reports_the_cli_calls_give_the_same_figures_for_the_same_filter()
    {
        using var admin = new AdminClient(_host);
        await admin.SignInAsync("quantri", AdminSeed.Password);
        var today = VietnamTime.Day(DateTimeOffset.UtcNow);
        var query = $"?from={today.AddDays(-29):yyyy-MM-dd}&to={today:yyyy-MM-dd}";
        // What `citizenbot report` computes for --from/--to: the same reports over the same store.
        var reports = _host.Services.GetRequiredService<DemandReports>();
        var filter = ReportFilter.ForDays(today.AddDays(-29), today);
        // With a regrouping (Hà Nội merged two needs), which every one of them honours.
        var needsBefore = (await reports.UnmetAsync(filter, 1000, CancellationToken.None)).Count;
        await _host.Services.GetRequiredService<IDemandStore>().SetRegroupAsync(new ClusterRegroup(
            QuestionClusterer.Signature("<script>alert(1)</script> <b>đậm</b> xin phép"), "ha-noi", QuestionClusterer.Signature(HanoiQuestion), "hanoi", DateTimeOffset.UtcNow), CancellationToken.None);
        var summary = await reports.SummaryAsync(filter, CancellationToken.None);
        var unmet = await reports.UnmetAsync(filter, 1000, CancellationToken.None);
        Assert.Equal(needsBefore - 1, unmet.Count);
        var backlog = await reports.BacklogAsync(filter, CancellationToken.None);

        using var api = JsonDocument.Parse(await admin.Http.GetStringAsync("/admin/api/summary" + query));
        Assert.Equal(summary.Unmet, api.RootElement.GetProperty("unmet").GetInt32());
        Assert.Equal(summary.Questions, api.RootElement.GetProperty("summary").GetProperty("questions").GetInt32());
        using var apiUnmet = JsonDocument.Parse(await admin.Http.GetStringAsync("/admin/api/unmet" + query + "&top=1000"));
        Assert.Equal(summary.Unmet, apiUnmet.RootElement.EnumerateArray().Sum(n => n.GetProperty("count").GetInt32()));
        Assert.Equal(unmet.Select(n => n.Key), apiUnmet.RootElement.EnumerateArray().Select(n => n.GetProperty("key").GetString()));
        Assert.Equal(unmet.Sum(n => n.Count), summary.Unmet);
        using var apiBacklog = JsonDocument.Parse(await admin.Http.GetStringAsync("/admin/api/backlog" + query));
        Assert.Equal(backlog.Total, apiBacklog.RootElement.GetProperty("items").EnumerateArray().Sum(i => i.GetProperty("count").GetInt32()));
        Assert.Equal(1, backlog.Total);

        // The CSV exports: the unmet rows add up to the same total, the backlog lists the same procedures.
        var unmetCsv = (await admin.Http.GetStringAsync("/admin/xuat" + query + "&report=unmet&format=csv")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(unmet.Count + 1, unmetCsv.Length);
        var backlogCsv = await admin.Http.GetStringAsync("/admin/xuat" + query + "&report=backlog&format=csv");
        Assert.All(backlog.Items, i => Assert.Contains(i.Code, backlogCsv));
        // The overview's boxes say the same numbers as its lists.
        var overview = await admin.Http.GetStringAsync("/admin" + query);
        Assert.Contains($"Xem tất cả ({summary.Unmet} câu hỏi)", overview);
    }
}
