using CitizenBot.Core.Catalogue;
using CitizenBot.Core.Demand;
using CitizenBot.Core.Presentation;
using CitizenBot.Core.Provinces;
using CitizenBot.Core.Tests.Presentation;
using Microsoft.Extensions.Time.Testing;

namespace CitizenBot.Core.Tests.Provinces;

public sealed class ProvinceListServiceTests : IDisposable
{
    const string BirthCode = "1.001193";
    readonly string _folder = Directory.CreateTempSubdirectory("citizenbot-province-lists-").FullName;
    readonly InMemoryCatalogue _catalogue = new(PresentationTestData.Catalogue.Procedures, PresentationTestData.Catalogue.Provinces);
    readonly SqliteDemandStore _store;
    readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 4, 3, 0, 0, TimeSpan.Zero));

    public ProvinceListServiceTests()
    {
        _store = new SqliteDemandStore(Path.Combine(_folder, "demand.db"));
        _store.InitializeAsync(CancellationToken.None).GetAwaiter().GetResult();
    }

    Province DaNang => _catalogue.FindProvince("da-nang")!;
    Province HaNoi => _catalogue.FindProvince("ha-noi")!;
    Procedure Birth => _catalogue.FindByCode(BirthCode)!;

    ProvinceListService Service(IReadOnlyList<ProvinceServiceList>? curated = null) =>
        new(_store, _catalogue, _catalogue.ServiceLists, curated ?? [], _time);

    static MemoryStream List(params string[] rows) => ProvinceListFiles.Csv("Mã TTHC,Mức độ DVC,Đường dẫn\n" + string.Join("\n", rows), bom: true);

    [Fact]
    public async Task An_applied_list_changes_the_answer_for_that_province_only_and_says_whose_list_it_is()
    {
        Assert.Equal(OnlineMode.FullyOnline, Birth.OnlineMode);
        var service = Service();
        var preview = service.Preview(DaNang, List($"{BirthCode},Một phần,https://dichvucong.danang.gov.vn/ks", "9.999999,Toàn trình,"), "dn.csv");
        Assert.Equal(OnlineMode.FullyOnline, _catalogue.OfferFor(Birth, DaNang).Mode); // A preview changes nothing.
        Assert.Equal([BirthCode], preview.Changes.Added.Select(c => c.Code));

        var version = await service.ApplyAsync(preview, "cán bộ A", CancellationToken.None);

        Assert.Equal(new ProvinceListVersion("da-nang", 1, "cán bộ A", _time.GetUtcNow(), "dn.csv", 1, "1 dòng bị loại"), version);
        var daNang = ProcedureView.From(Birth, _catalogue.OfferFor(Birth, DaNang));
        Assert.Equal(("mot-phan", "province"), (daNang.Online.Mode, daNang.Online.Scope));
        Assert.Equal("https://dichvucong.danang.gov.vn/ks", daNang.Link.Url);
        Assert.Equal("province", daNang.Link.Kind);
        Assert.Contains("danh mục dịch vụ công trực tuyến của Đà Nẵng (cập nhật 04/12/2026)", daNang.Online.Source);
        Assert.Contains("một phần (theo Đà Nẵng)", ProcedureSummaryRenderer.Render(daNang));

        var haNoi = ProcedureView.From(Birth, _catalogue.OfferFor(Birth, HaNoi));
        Assert.Equal(("toan-trinh", "national"), (haNoi.Online.Mode, haNoi.Online.Scope));
        Assert.Contains("Hà Nội chưa công bố", haNoi.Online.Source);
    }

    [Fact]
    public async Task An_unreadable_file_or_one_without_a_valid_row_changes_nothing()
    {
        var service = Service();
        await service.ApplyAsync(service.Preview(DaNang, List($"{BirthCode},Một phần,"), "v1.csv"), "a", CancellationToken.None);

        Assert.Throws<UnreadableListException>(() => service.Preview(DaNang, new MemoryStream([0x50, 0x4B, 0x03, 0x04, 0x00]), "v2.xlsx"));
        var nothingValid = service.Preview(DaNang, List("9.999999,Toàn trình,", $"{BirthCode},Mức độ 9,"), "v2.csv");
        Assert.Equal(2, nothingValid.Import.Rejected.Count);
        await Assert.ThrowsAsync<ProvinceListRejectedException>(() => service.ApplyAsync(nothingValid, "a", CancellationToken.None));

        Assert.Single(await service.VersionsAsync(DaNang, CancellationToken.None));
        Assert.Equal(OnlineMode.Partial, _catalogue.OfferFor(Birth, DaNang).Mode);
    }

    [Fact]
    public async Task An_earlier_version_is_restored_as_a_new_version_and_put_in_force()
    {
        var service = Service();
        await service.ApplyAsync(service.Preview(DaNang, List($"{BirthCode},Một phần,"), "v1.csv"), "a", CancellationToken.None);
        _time.Advance(TimeSpan.FromDays(1));
        await service.ApplyAsync(service.Preview(DaNang, List($"{BirthCode},Không,"), "v2.csv"), "b", CancellationToken.None);
        Assert.Equal(OnlineMode.Offline, _catalogue.OfferFor(Birth, DaNang).Mode);

        var restored = await service.RestoreAsync(DaNang, 1, "c", CancellationToken.None);

        Assert.Equal((3, "c", "khôi phục phiên bản 1"), (restored.Version, restored.UploadedBy, restored.Note));
        Assert.Equal(OnlineMode.Partial, _catalogue.OfferFor(Birth, DaNang).Mode);
        Assert.Equal([3, 2, 1], (await service.VersionsAsync(DaNang, CancellationToken.None)).Select(v => v.Version));
        await Assert.ThrowsAsync<ProvinceListRejectedException>(() => service.RestoreAsync(DaNang, 9, "c", CancellationToken.None));

        // Another process (a replica, the command line) sees the same lists in force after loading.
        var elsewhere = new InMemoryCatalogue(_catalogue.Procedures, _catalogue.Provinces);
        await new ProvinceListService(_store, elsewhere, elsewhere.ServiceLists, [], _time).LoadAsync(CancellationToken.None);
        Assert.Equal(3, elsewhere.ServiceLists.For("da-nang")!.Version.Version);
    }

    [Fact]
    public async Task A_curated_list_is_the_default_and_an_upload_replaces_it()
    {
        var indexData = Path.Combine(_folder, "index-data");
        Directory.CreateDirectory(Path.Combine(indexData, "provinces", "da-nang"));
        File.WriteAllText(Path.Combine(indexData, "provinces", "da-nang", "online-services.csv"), $"Mã TTHC,Mức độ DVC\n{BirthCode},Mức độ 3\n");
        var curated = CuratedProvinceLists.Load(indexData, _catalogue);
        var service = Service(curated);
        await service.LoadAsync(CancellationToken.None);
        Assert.Equal((OnlineMode.Partial, 0), (_catalogue.OfferFor(Birth, DaNang).Mode, _catalogue.OfferFor(Birth, DaNang).List!.Version));

        await service.ApplyAsync(service.Preview(DaNang, List($"{BirthCode},Không,"), "up.csv"), "a", CancellationToken.None);
        await service.LoadAsync(CancellationToken.None);
        Assert.Equal(OnlineMode.Offline, _catalogue.OfferFor(Birth, DaNang).Mode);
    }

    [Fact]
    public void A_curated_list_with_a_bad_row_or_an_unknown_province_stops_the_load_with_file_and_row()
    {
        var indexData = Path.Combine(_folder, "bad-index-data");
        Directory.CreateDirectory(Path.Combine(indexData, "provinces", "da-nang"));
        Directory.CreateDirectory(Path.Combine(indexData, "provinces", "atlantis"));
        File.WriteAllText(Path.Combine(indexData, "provinces", "da-nang", "online-services.csv"), $"Mã TTHC,Mức độ DVC\n{BirthCode},Mức độ 3\n{BirthCode},sắp có\n");
        File.WriteAllText(Path.Combine(indexData, "provinces", "atlantis", "online-services.csv"), $"Mã TTHC,Mức độ DVC\n{BirthCode},4\n");

        var e = Assert.Throws<CatalogueLoadException>(() => CuratedProvinceLists.Load(indexData, _catalogue));
        Assert.Contains(e.Errors, x => x.File.EndsWith(Path.Combine("da-nang", "online-services.csv")) && x.Record == "row 3" && x.Message.Contains("sắp có"));
        Assert.Contains(e.Errors, x => x.File.Contains("atlantis") && x.Message.Contains("not a province id"));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
