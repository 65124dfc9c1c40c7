using CitizenBot.Core.Catalogue;

namespace CitizenBot.Core.Tests.Catalogue;

/// <summary>
/// A national file given procedure by procedure while it is read: every row ends in the form the whole load gives it,
/// our words included when the curated level variant comes later in the file.
/// </summary>
public sealed class NationalCatalogueLoaderTests : IDisposable
{
    readonly TempFolder _folder = new();

    /// <summary>Each row as last given by <see cref="NationalCatalogueLoader.Read"/> then <see cref="NationalCatalogueLoader.Revised"/>.</summary>
    static Dictionary<int, Procedure> AsGiven(NationalCatalogueLoader loader)
    {
        var rows = new Dictionary<int, Procedure>();
        foreach (var (row, procedure) in loader.Read()) Assert.True(rows.TryAdd(row, procedure), $"row {row} given twice by Read");
        foreach (var (row, procedure, replaces) in loader.Revised())
        {
            Assert.Equal(replaces, rows.ContainsKey(row));
            rows[row] = procedure;
        }
        return rows;
    }

    [Fact]
    public void The_national_catalogue_given_row_by_row_is_the_catalogue_loaded_whole()
    {
        var loader = new NationalCatalogueLoader(RepoFolders.NationalCatalogue, RepoFolders.IndexData);
        var given = AsGiven(loader);
        var whole = CatalogueLoader.Load(RepoFolders.NationalCatalogue, RepoFolders.IndexData).Catalogue.Procedures;

        Assert.Equal(whole.Count, given.Count);
        for (var row = 0; row < whole.Count; row++)
        {
            Assert.Equal(whole[row].Code, given[row].Code);
            Assert.Equal(whole[row].Aliases, given[row].Aliases);
            Assert.Equal(whole[row].Description, given[row].Description);
            Assert.Equal(whole[row].OnlineMode, given[row].OnlineMode);
        }
        Assert.Equal(whole.Select(p => p.Code), loader.Load().Catalogue.Procedures.Select(p => p.Code));
        // The district-level lost-passport report follows the province-level one we curate: held back, given once.
        Assert.Contains(loader.Revised(), r => r.Procedure.Code == "1.010385" && !r.Replaces);
    }

    [Fact]
    public void A_level_variant_read_before_the_curated_one_is_given_again_with_our_words()
    {
        var lines = File.ReadLines(RepoFolders.NationalCatalogue).ToList();
        string Line(string code) => lines.Single(l => l.StartsWith($"{{\"ma_thu_tuc\": \"{code}\"", StringComparison.Ordinal));
        var path = _folder.Write("national.jsonl", string.Join('\n', Line("1.010385"), Line("1.012544"), Line("1.001445")));
        var loader = new NationalCatalogueLoader(path, RepoFolders.IndexData);

        Assert.Equal(["1.010385", "1.012544"], loader.Read().Select(r => r.Procedure.Code));
        Assert.All(loader.Load().Catalogue.Procedures.Where(p => p.Code != "1.012544"),
            p => Assert.Contains("báo mất passport công an tỉnh", p.Aliases));
        Assert.Equal([(0, "1.010385", true), (2, "1.001445", false)], loader.Revised().Select(r => (r.Row, r.Procedure.Code, r.Replaces)));
    }

    [Fact]
    public void The_source_digest_is_the_same_read_or_not_and_changes_with_the_file()
    {
        var path = _folder.Write("national.jsonl", string.Join('\n', File.ReadLines(RepoFolders.NationalCatalogue).Take(30)));
        var before = new NationalCatalogueLoader(path, RepoFolders.IndexData).SourceDigest();
        var loader = new NationalCatalogueLoader(path, RepoFolders.IndexData);
        loader.Load();
        Assert.Equal(before, loader.SourceDigest());

        File.AppendAllText(path, "\n");
        Assert.NotEqual(before, new NationalCatalogueLoader(path, RepoFolders.IndexData).SourceDigest());
    }

    public void Dispose() => _folder.Dispose();
}
