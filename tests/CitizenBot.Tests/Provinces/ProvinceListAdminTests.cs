using System.Net;
using System.Net.Http.Headers;
using System.Text;
using CitizenBot.Core.Demand;
using CitizenBot.Tests.Admin;
using CitizenBot.Tests.Infrastructure;
using CitizenBot.Tests.Lookup;

namespace CitizenBot.Tests.Provinces;

/// <summary>/admin/danh-muc-tinh over real HTTP: coverage, upload (dry run, then applied) confined to the official's provinces, restore.</summary>
public sealed class ProvinceListAdminTests : IAsyncLifetime
{
    const string Birth = "1.001193"; // Thủ tục đăng ký khai sinh: toàn trình nationally.
    TestHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await TestHost.StartAsync();
        await AdminSeed.UserAsync(_host, "admin-dn", AdminRole.Admin, "da-nang");
        await AdminSeed.UserAsync(_host, "viewer-dn", AdminRole.Viewer, "da-nang");
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    static async Task<HttpResponseMessage> UploadAsync(AdminClient client, string province, string csv, bool dryRun)
    {
        var token = await client.TokenAsync("/admin/danh-muc-tinh");
        var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__af" },
            { new StringContent(province), "province" },
        };
        if (dryRun) form.Add(new StringContent("1"), "dryRun");
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "danh-muc.csv");
        return await client.Http.PostAsync("/admin/danh-muc-tinh/tai-len", form);
    }

    [Fact]
    public async Task An_admin_uploads_their_provinces_list_and_the_citizens_answer_changes_for_that_province_only()
    {
        using var admin = new AdminClient(_host);
        await admin.SignInAsync("admin-dn", AdminSeed.Password);
        var csv = $"Mã TTHC,Mức độ DVC,Đường dẫn\n{Birth},Một phần,https://dichvucong.danang.gov.vn/dvc/ks\n9.999999,Toàn trình,\n";

        var preview = await UploadAsync(admin, "da-nang", csv, dryRun: true);
        var previewHtml = await preview.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.Contains("<tr><td>3</td><td>9.999999</td>", previewHtml);
        Assert.Contains("Chỉ xem trước", previewHtml);
        Assert.Contains("Dịch vụ công trực tuyến toàn trình", (await LookupHtml.GetAsync(_host.Client, $"/tra-cuu/{Birth}?tinh=da-nang")).Body);

        var applied = await UploadAsync(admin, "da-nang", csv, dryRun: false);
        Assert.Contains("Đã áp dụng phiên bản 1", await applied.Content.ReadAsStringAsync());
        Assert.Contains("Dịch vụ công trực tuyến một phần", (await LookupHtml.GetAsync(_host.Client, $"/tra-cuu/{Birth}?tinh=da-nang")).Body);
        Assert.Contains("Dịch vụ công trực tuyến toàn trình", (await LookupHtml.GetAsync(_host.Client, $"/tra-cuu/{Birth}?tinh=ha-noi")).Body);

        var page = await admin.Http.GetStringAsync("/admin/danh-muc-tinh?province=da-nang");
        Assert.Contains("<td>0</td><td>1</td><td>0</td><td>1 / 392</td>", page); // coverage: 0 toàn trình, 1 một phần, 0 not online
        Assert.Contains("1 (đang áp dụng)", page);

        // A second upload, then the first restored: the answer follows.
        await UploadAsync(admin, "da-nang", $"Mã TTHC,Mức độ DVC\n{Birth},Không\n", dryRun: false);
        Assert.Contains("Chưa có dịch vụ công trực tuyến", (await LookupHtml.GetAsync(_host.Client, $"/tra-cuu/{Birth}?tinh=da-nang")).Body);
        var restore = await admin.Http.PostAsync("/admin/danh-muc-tinh/khoi-phuc", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__af"] = await admin.TokenAsync("/admin/danh-muc-tinh"), ["province"] = "da-nang", ["version"] = "1",
        }));
        Assert.Equal(HttpStatusCode.Redirect, restore.StatusCode);
        Assert.Contains("Dịch vụ công trực tuyến một phần", (await LookupHtml.GetAsync(_host.Client, $"/tra-cuu/{Birth}?tinh=da-nang")).Body);
    }

    [Fact]
    public async Task Uploads_are_confined_to_the_officials_provinces_and_to_admins()
    {
        var csv = $"Mã TTHC,Mức độ DVC\n{Birth},Một phần\n";
        using var admin = new AdminClient(_host);
        await admin.SignInAsync("admin-dn", AdminSeed.Password);
        Assert.Equal(HttpStatusCode.Forbidden, (await UploadAsync(admin, "ha-noi", csv, dryRun: false)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.Http.GetAsync("/admin/danh-muc-tinh?province=ha-noi")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await UploadAsync(admin, "atlantis", csv, dryRun: false)).StatusCode);
        var unreadable = await UploadAsync(admin, "da-nang", "không phải danh mục", dryRun: false);
        Assert.Equal(HttpStatusCode.BadRequest, unreadable.StatusCode);
        Assert.Contains("Danh mục đang áp dụng được giữ nguyên", await unreadable.Content.ReadAsStringAsync());

        using var viewer = new AdminClient(_host);
        await viewer.SignInAsync("viewer-dn", AdminSeed.Password);
        var page = await viewer.Http.GetStringAsync("/admin/danh-muc-tinh?province=da-nang");
        Assert.DoesNotContain("tai-len", page);
        Assert.NotEqual(HttpStatusCode.OK, (await UploadAsync(viewer, "da-nang", csv, dryRun: false)).StatusCode);
        Assert.Contains("Dịch vụ công trực tuyến toàn trình", (await LookupHtml.GetAsync(_host.Client, $"/tra-cuu/{Birth}?tinh=da-nang")).Body);
    }
}
