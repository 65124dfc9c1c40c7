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
            return new LoadedCatalogue(new InMemoryCatalogue(WithOurWords(report.Procedures, indexDataFolder), provinces), report.Rejected);
        }
        throw new CatalogueLoadException([new CatalogueError(procedurePath, "", "", "no such folder or file")]);
    }

    /// <summary>
    /// The national file has the facts; the words citizens use are ours. A national procedure that the curated
    /// catalogue also has (same code, or a level variant of it) gets its aliases, its description when the
    /// national record has none, and its online mode (the national export has no toàn trình flag): the curated
    /// procedure of the same code first, else the mode every level variant agrees on, else chưa rõ.
    /// </summary>
    static IReadOnlyList<Procedure> WithOurWords(IReadOnlyList<Procedure> national, string indexDataFolder)
    {
        if (!Directory.Exists(Path.Combine(indexDataFolder, "procedures"))) return national;
        // Codes are unique across curated files (the loader checks).
        var ours = IndexDataLoader.LoadProcedures(indexDataFolder).ToDictionary(p => p.Code);
        var byVariant = national.Where(p => ours.ContainsKey(p.Code))
            .ToLookup(p => LevelVariants.Key(p.Name), p => ours[p.Code]);
        return national.Select(p => byVariant[LevelVariants.Key(p.Name)].ToList() is { Count: > 0 } curated
            ? p with
            {
                Aliases = p.Aliases.Concat(curated.SelectMany(c => c.Aliases)).Distinct().ToList(),
                Description = p.Description ?? curated.Select(c => c.Description).FirstOrDefault(d => d is not null),
                OnlineMode = ours.TryGetValue(p.Code, out var same) ? same.OnlineMode
                    : curated.Select(c => c.OnlineMode).Distinct().ToList() is [var agreed] ? agreed : OnlineMode.Unknown,
            }
            : p).ToList();
    }
}

/// <param name="Rejected">Records an import skipped (national-portal files only); curated folders load whole or not at all.</param>
public sealed record LoadedCatalogue(InMemoryCatalogue Catalogue, IReadOnlyList<CatalogueError> Rejected);
