namespace CitizenBot.Core.Catalogue;

/// <summary>
/// Loads the procedures from wherever <c>Catalogue:Path</c> points — a folder in index-data format or a
/// national-portal JSONL file (with our words for the procedures we curate: <see cref="NationalCatalogueLoader"/>) —
/// and the provinces from the curated index-data folder.
/// </summary>
public static class CatalogueLoader
{
    public static LoadedCatalogue Load(string procedurePath, string indexDataFolder)
    {
        if (Directory.Exists(procedurePath))
            return new LoadedCatalogue(new InMemoryCatalogue(IndexDataLoader.LoadProcedures(procedurePath),
                IndexDataLoader.LoadProvinces(Path.Combine(indexDataFolder, "provinces.json"))), []);
        if (File.Exists(procedurePath)) return new NationalCatalogueLoader(procedurePath, indexDataFolder).Load();
        throw new CatalogueLoadException([new CatalogueError(procedurePath, "", "", "no such folder or file")]);
    }
}

/// <param name="Rejected">Records an import skipped (national-portal files only); curated folders load whole or not at all.</param>
public sealed record LoadedCatalogue(InMemoryCatalogue Catalogue, IReadOnlyList<CatalogueError> Rejected);
