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
