namespace CitizenBot.Core.Catalogue;

/// <summary>
/// Loads the procedures from wherever <c>Catalogue:Path</c> points — a folder in index-data format or a
/// national-portal JSONL file — and the provinces from the curated index-data folder.
/// </summary>
public static class CatalogueLoader
{
    public static LoadedCatalogue Load(string procedurePath, string indexDataFolder)
    {
        var provinces = IndexDataLoader.LoadProvinces(Path.Combine(indexDataFolder, "provinces.json"));
        if (Directory.Exists(procedurePath))
            return new LoadedCatalogue(new InMemoryCatalogue(IndexDataLoader.LoadProcedures(procedurePath), provinces), []);
        if (File.Exists(procedurePath))
        {
            var report = NationalPortalImporter.Import(procedurePath);
            if (report.Procedures.Count == 0)
                throw new CatalogueLoadException([new CatalogueError(procedurePath, "", "", "no procedure could be read"), .. report.Rejected.Take(20)]);
            return new LoadedCatalogue(new InMemoryCatalogue(report.Procedures, provinces), report.Rejected);
        }
        throw new CatalogueLoadException([new CatalogueError(procedurePath, "", "", "no such folder or file")]);
    }
}

/// <param name="Rejected">Records an import skipped (national-portal files only); curated folders load whole or not at all.</param>
public sealed record LoadedCatalogue(InMemoryCatalogue Catalogue, IReadOnlyList<CatalogueError> Rejected);
