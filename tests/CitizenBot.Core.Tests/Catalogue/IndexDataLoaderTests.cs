using CitizenBot.Core.Catalogue;

namespace CitizenBot.Core.Tests.Catalogue;

public sealed class IndexDataLoaderTests : IDisposable
{
    readonly TempFolder _folder = new();

    const string Valid = """{ "code": "1.000001", "name": "Thủ tục thử", "field": "Hộ tịch" }""";

    /// <summary>Writes procedures/&lt;file&gt; and loads the folder, expecting it to fail.</summary>
    CatalogueLoadException LoadFails(params (string File, string Json)[] files)
    {
        foreach (var (file, json) in files) _folder.Write(Path.Combine("procedures", file), json);
        return Assert.Throws<CatalogueLoadException>(() => IndexDataLoader.LoadProcedures(_folder.Path));
    }

    static CatalogueError Single(CatalogueLoadException e, string field)
    {
        var error = Assert.Single(e.Errors);
        Assert.Equal(field, error.Field);
        Assert.Contains(error.ToString(), e.Message); // the message names file, record and field
        return error;
    }

    [Fact]
    public void The_repository_catalogue_loads()
    {
        var procedures = IndexDataLoader.LoadProcedures(RepoFolders.IndexData);
        Assert.True(procedures.Count >= 150, $"{procedures.Count} procedures");
        Assert.Equal(procedures.Count, procedures.Select(p => p.Code).Distinct().Count());
        Assert.All(procedures, p => Assert.False(string.IsNullOrWhiteSpace(p.Name)));
        Assert.Contains(procedures, p => p.Code == "1.001193" && p.OnlineMode == OnlineMode.FullyOnline && p.Aliases.Count > 0);

        var provinces = IndexDataLoader.LoadProvinces(RepoFolders.Provinces);
        Assert.Equal(34, provinces.Count);
        Assert.Equal(34, provinces.Select(p => p.Id).Distinct().Count());
        Assert.All(provinces, p => Assert.StartsWith("https://", p.PortalUrl));
    }

    [Fact]
    public void Reads_every_field_of_the_file_format()
    {
        _folder.Write("procedures/a.json", """
            [
              {
                "code": "1.000001", "name": "Thủ tục thử", "field": "Hộ tịch", "levels": ["Cấp xã"],
                "applicants": "Công dân", "agency": "UBND cấp xã", "steps": ["Bước 1", "Bước 2"],
                "documents": [{ "name": "Tờ khai", "quantity": "1 bản chính", "mustPresentOnly": false },
                              { "name": "Căn cước", "mustPresentOnly": true }],
                "methods": [{ "channel": "online", "processingTime": "3 ngày làm việc", "fee": "Miễn phí" },
                            { "channel": "in-person" }, { "channel": "postal", "description": "Qua bưu điện" }],
                "legalBasis": [{ "title": "Luật Hộ tịch", "number": "60/2014/QH13" }, { "title": "" }],
                "result": "Giấy khai sinh", "onlineMode": "toan-trinh",
                "nationalUrl": "https://dichvucong.gov.vn/p/1", "provinceUrls": { "ha-noi": "https://dichvucong.hanoi.gov.vn/1" },
                "aliases": ["làm thử"], "description": "Mô tả.",
              }, // comments and trailing commas are allowed
            ]
            """);

        var p = Assert.Single(IndexDataLoader.LoadProcedures(_folder.Path));

        Assert.Equal(["Cấp xã"], p.Levels);
        Assert.Equal([new RequiredDocument("Tờ khai", "1 bản chính", false), new RequiredDocument("Căn cước", null, true)], p.Documents);
        Assert.Equal([SubmissionChannel.Online, SubmissionChannel.InPerson, SubmissionChannel.Postal], p.Methods.Select(m => m.Channel));
        Assert.Equal(("3 ngày làm việc", "Miễn phí"), (p.Methods[0].ProcessingTime, p.Methods[0].Fee));
        Assert.Equal([new LegalReference("Luật Hộ tịch", "60/2014/QH13")], p.LegalBasis); // empty titles are dropped
        Assert.Equal(OnlineMode.FullyOnline, p.OnlineMode);
        Assert.Equal("https://dichvucong.hanoi.gov.vn/1", p.ProvinceUrls["ha-noi"]);
        Assert.Equal(["làm thử"], p.Aliases);
    }

    [Fact]
    public void The_online_mode_defaults_to_unknown()
    {
        _folder.Write("procedures/a.json", $"[{Valid}]");
        Assert.Equal(OnlineMode.Unknown, Assert.Single(IndexDataLoader.LoadProcedures(_folder.Path)).OnlineMode);
    }

    [Fact]
    public void A_missing_code_is_named()
    {
        var e = LoadFails(("ho-tich.json", """[{ "name": "Thủ tục thử", "field": "Hộ tịch" }]"""));
        var error = Single(e, "code");
        Assert.EndsWith(Path.Combine("procedures", "ho-tich.json"), error.File);
        Assert.Equal("#1", error.Record);
        Assert.Equal("required", error.Message);
    }

    [Theory]
    [InlineData("1-000001")]
    [InlineData("1.0001")]
    [InlineData("11.000001")]
    public void A_code_of_the_wrong_shape_is_named(string code)
    {
        var error = Single(LoadFails(("a.json", $$"""[{ "code": "{{code}}", "name": "A", "field": "F" }]""")), "code");
        Assert.Equal($"#1 ({code})", error.Record);
        Assert.Contains("is not a procedure code like 1.001193", error.Message);
    }

    [Fact]
    public void A_bad_online_mode_is_named()
    {
        var e = LoadFails(("ho-tich.json", $"[{Valid}, " + """{ "code": "1.001022", "name": "B", "field": "F", "onlineMode": "toan trinh" }]"""));
        var error = Single(e, "onlineMode");
        Assert.Equal("#2 (1.001022)", error.Record);
        Assert.Equal("'toan trinh' is not one of toan-trinh, mot-phan, khong-truc-tuyen, chua-ro", error.Message);
        Assert.Contains("ho-tich.json, #2 (1.001022), field 'onlineMode': 'toan trinh' is not one of", e.Message);
    }

    [Fact]
    public void A_bad_channel_is_named()
    {
        var error = Single(LoadFails(("a.json", """[{ "code": "1.000001", "name": "A", "field": "F", "methods": [{ "channel": "online" }, { "channel": "email" }] }]""")),
            "methods[1].channel");
        Assert.Equal("'email' is not one of online, in-person, postal", error.Message);
    }

    [Fact]
    public void A_duplicate_code_across_files_is_named_with_the_first_place()
    {
        var e = LoadFails(("a.json", $"[{Valid}]"), ("b.json", $"[{Valid}]"));
        var error = Single(e, "code");
        Assert.EndsWith("b.json", error.File);
        Assert.Equal("#1 (1.000001)", error.Record);
        Assert.Equal("duplicate code, already in a.json #1 (1.000001)", error.Message);
    }

    [Fact]
    public void Invalid_JSON_is_named_with_its_line()
    {
        var e = LoadFails(("a.json", "[\n  { \"code\": \"1.000001\",\n    \"name\": \"A\"\n    \"field\": \"F\" }\n]\n"));
        var error = Assert.Single(e.Errors);
        Assert.EndsWith("a.json", error.File);
        Assert.Equal("line 4", error.Record); // the missing comma is noticed where "field" starts
        Assert.StartsWith("not valid:", error.Message);
        Assert.Contains("a.json, line 4", e.Message);
    }

    [Theory]
    [InlineData("""{ "code": "1.000001", "field": "F" }""", "name")]
    [InlineData("""{ "code": "1.000001", "name": "A" }""", "field")]
    [InlineData("""{ "code": "1.000001", "name": "A", "field": "F", "documents": [{ "quantity": "1" }] }""", "documents[0].name")]
    [InlineData("""{ "code": "1.000001", "name": "A", "field": "F", "nationalUrl": "dichvucong.gov.vn/p/1" }""", "nationalUrl")]
    [InlineData("""{ "code": "1.000001", "name": "A", "field": "F", "provinceUrls": { "ha-noi": "ftp://x" } }""", "provinceUrls.ha-noi")]
    public void Other_invalid_fields_are_named(string record, string field) =>
        Single(LoadFails(("a.json", $"[{record}]")), field);

    [Fact]
    public void Every_problem_is_reported_at_once_and_nothing_is_half_loaded()
    {
        var e = LoadFails(("a.json", """[{ "name": "A" }, { "code": "1.000002", "name": "B", "field": "F", "onlineMode": "x" }]"""), ("b.json", $"[{Valid}]"));
        Assert.Equal(["#1/code", "#1/field", "#2 (1.000002)/onlineMode"], e.Errors.Select(x => $"{x.Record}/{x.Field}"));
        Assert.StartsWith("The catalogue has 3 error(s):", e.Message);
    }

    [Fact]
    public void A_folder_without_procedures_is_named()
    {
        var e = Assert.Throws<CatalogueLoadException>(() => IndexDataLoader.LoadProcedures(_folder.Path));
        Assert.Equal("folder not found", Assert.Single(e.Errors).Message);
    }

    CatalogueLoadException ProvincesFail(string json) =>
        Assert.Throws<CatalogueLoadException>(() => IndexDataLoader.LoadProvinces(_folder.Write("provinces.json", json)));

    [Theory]
    [InlineData("dichvucong.hanoi.gov.vn")]
    [InlineData("")]
    [InlineData("mailto:a@b.vn")]
    public void A_bad_portal_url_is_named(string url)
    {
        var error = Single(ProvincesFail($$"""[{ "id": "ha-noi", "name": "Hà Nội", "portalUrl": "{{url}}" }]"""), "portalUrl");
        Assert.Equal("#1 (ha-noi)", error.Record);
        Assert.EndsWith("provinces.json", error.File);
    }

    [Fact]
    public void A_former_name_claimed_by_two_provinces_is_named()
    {
        var e = ProvincesFail("""
            [
              { "id": "ninh-binh", "name": "Ninh Bình", "portalUrl": "https://dichvucong.ninhbinh.gov.vn", "formerNames": ["Hà Nam", "Nam Định"] },
              { "id": "hung-yen", "name": "Hưng Yên", "portalUrl": "https://dichvucong.hungyen.gov.vn", "formerNames": ["Thái Bình", "Nam Dinh"] }
            ]
            """);
        var error = Single(e, "formerNames");
        Assert.Equal("#2 (hung-yen)", error.Record);
        Assert.Equal("'Nam Dinh' is already a former name of ninh-binh", error.Message); // compared without diacritics
    }

    [Theory]
    [InlineData("""[{ "id": "Ha Noi", "name": "Hà Nội", "portalUrl": "https://a.vn" }]""", "id")]
    [InlineData("""[{ "id": "ha-noi", "name": "Hà Nội", "portalUrl": "https://a.vn" }, { "id": "ha-noi", "name": "Hà Nội 2", "portalUrl": "https://b.vn" }]""", "id")]
    public void Other_invalid_province_fields_are_named(string json, string field) => Single(ProvincesFail(json), field);

    [Fact]
    public void A_province_without_a_name_is_named()
    {
        // "name" is a required member: the JSON reader refuses the record and says which.
        var error = Assert.Single(ProvincesFail("""[{ "id": "ha-noi", "portalUrl": "https://a.vn" }]""").Errors);
        Assert.Equal(("line 1", "$[0]"), (error.Record, error.Field));
        Assert.Contains("'name'", error.Message);
        Single(ProvincesFail("""[{ "id": "ha-noi", "name": " ", "portalUrl": "https://a.vn" }]"""), "name");
    }

    [Fact]
    public void A_missing_provinces_file_is_named()
    {
        var path = Path.Combine(_folder.Path, "provinces.json");
        var e = Assert.Throws<CatalogueLoadException>(() => IndexDataLoader.LoadProvinces(path));
        Assert.Equal((path, "file not found"), (Assert.Single(e.Errors).File, e.Errors[0].Message));
    }

    public void Dispose() => _folder.Dispose();
}
