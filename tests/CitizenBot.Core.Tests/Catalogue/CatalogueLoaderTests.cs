using CitizenBot.Core.Catalogue;

namespace CitizenBot.Core.Tests.Catalogue;

/// <summary>Catalogue:Path may be a curated folder or a national-portal file; provinces always come from index-data.</summary>
public sealed class CatalogueLoaderTests
{
    [Fact]
    public void Loads_a_curated_folder()
    {
        var loaded = CatalogueLoader.Load(RepoFolders.IndexData, RepoFolders.IndexData);
        Assert.True(loaded.Catalogue.Procedures.Count >= 150);
        Assert.Equal(34, loaded.Catalogue.Provinces.Count);
        Assert.Empty(loaded.Rejected);
    }

    [Fact]
    public void Loads_a_national_portal_file_and_reports_what_it_skipped()
    {
        var loaded = CatalogueLoader.Load(Path.Combine(RepoFolders.Fixtures, "national-bad-lines.jsonl"), RepoFolders.IndexData);
        Assert.Equal(["9.000010", "9.000011"], loaded.Catalogue.Procedures.Select(p => p.Code));
        Assert.Equal(7, loaded.Rejected.Count);
        Assert.Equal(34, loaded.Catalogue.Provinces.Count);
    }

    [Fact]
    public void A_national_file_gets_our_aliases_for_the_procedures_we_curate_and_their_level_variants()
    {
        var procedures = CatalogueLoader.Load(RepoFolders.NationalCatalogue, RepoFolders.IndexData).Catalogue.Procedures.ToDictionary(p => p.Code);
        Assert.Contains("làm giấy khai sinh", procedures["1.001193"].Aliases);
        // Trình báo mất hộ chiếu: we curate the province-level record; the district-level one is the same procedure.
        Assert.Contains("báo mất passport công an tỉnh", procedures["1.001445"].Aliases);
        Assert.Contains("báo mất passport công an tỉnh", procedures["1.010385"].Aliases);
        Assert.Equal(procedures["1.001445"].Aliases, procedures["1.010385"].Aliases);
        Assert.True(procedures.Values.Count(p => p.Aliases.Count > 0) >= 252);
    }

    [Fact]
    public void A_national_file_gets_our_online_mode_by_code_and_level_variant_and_chua_ro_elsewhere()
    {
        var curated = CatalogueLoader.Load(RepoFolders.IndexData, RepoFolders.IndexData).Catalogue.Procedures.ToDictionary(p => p.Code);
        var national = CatalogueLoader.Load(RepoFolders.NationalCatalogue, RepoFolders.IndexData).Catalogue.Procedures;
        var byCode = national.ToDictionary(p => p.Code);
        // Every procedure we curate keeps our mode in the national catalogue (the export cannot tell toàn trình from một phần).
        Assert.All(curated.Values.Where(c => byCode.ContainsKey(c.Code)), c => Assert.Equal(c.OnlineMode, byCode[c.Code].OnlineMode));
        Assert.Contains(curated.Values, c => c.OnlineMode == OnlineMode.FullyOnline && byCode.ContainsKey(c.Code));
        // The district-level report of a lost passport is a level variant of the province-level one we curate.
        Assert.Equal(byCode["1.001445"].OnlineMode, byCode["1.010385"].OnlineMode);
        // Anything else: chưa rõ, never a guess.
        Assert.All(national.Where(p => p.Aliases.Count == 0), p => Assert.Equal(OnlineMode.Unknown, p.OnlineMode));
    }

    [Fact]
    public void A_national_file_without_a_curated_folder_keeps_its_own_words()
    {
        using var folder = new TempFolder();
        File.Copy(Path.Combine(RepoFolders.IndexData, "provinces.json"), Path.Combine(folder.Path, "provinces.json"));
        var procedures = CatalogueLoader.Load(RepoFolders.NationalCatalogue, folder.Path).Catalogue.Procedures;
        Assert.All(procedures, p => Assert.Empty(p.Aliases));
    }

    [Fact]
    public void A_file_with_no_readable_procedure_fails()
    {
        using var folder = new TempFolder();
        var path = folder.Write("bad.jsonl", "{oops\n[]\n");
        var e = Assert.Throws<CatalogueLoadException>(() => CatalogueLoader.Load(path, RepoFolders.IndexData));
        Assert.Equal("no procedure could be read", e.Errors[0].Message);
        Assert.Equal(["", "line 1", "line 2"], e.Errors.Select(x => x.Record));
    }

    [Fact]
    public void A_missing_path_fails_with_its_name()
    {
        var path = Path.Combine(Path.GetTempPath(), "citizenbot-no-such-catalogue-" + Guid.NewGuid().ToString("N"));
        var e = Assert.Throws<CatalogueLoadException>(() => CatalogueLoader.Load(path, RepoFolders.IndexData));
        Assert.Equal((path, "no such folder or file"), (e.Errors[0].File, e.Errors[0].Message));
    }

    [Fact]
    public void A_missing_provinces_file_fails()
    {
        using var folder = new TempFolder();
        var e = Assert.Throws<CatalogueLoadException>(() => CatalogueLoader.Load(RepoFolders.IndexData, folder.Path));
        Assert.Equal("file not found", e.Errors[0].Message);
    }
}
