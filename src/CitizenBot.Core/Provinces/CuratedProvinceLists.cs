using CitizenBot.Core.Catalogue;

namespace CitizenBot.Core.Provinces;

/// <summary>
/// The verified lists kept as data: <c>index-data/provinces/&lt;province id&gt;/online-services.csv</c> (or .xlsx),
/// in the same shape an official uploads. Curated data must be clean: any rejected row stops the load with the file
/// and row named, like the rest of index-data. Example lists under <c>index-data/examples/</c> are never loaded.
/// </summary>
public static class CuratedProvinceLists
{
    public const string Folder = "provinces";
    static readonly string[] FileNames = ["online-services.csv", "online-services.xlsx"];

    public static IReadOnlyList<ProvinceServiceList> Load(string indexDataFolder, ICatalogue catalogue)
    {
        var root = Path.Combine(indexDataFolder, Folder);
        if (!Directory.Exists(root)) return [];
        var lists = new List<ProvinceServiceList>();
        var errors = new List<CatalogueError>();
        foreach (var directory in Directory.GetDirectories(root).Order(StringComparer.Ordinal))
        {
            var id = Path.GetFileName(directory);
            if (FileNames.Select(f => Path.Combine(directory, f)).FirstOrDefault(File.Exists) is not { } file) continue;
            if (catalogue.Provinces.All(p => p.Id != id))
            {
                errors.Add(new CatalogueError(file, "", "", $"'{id}' is not a province id in provinces.json"));
                continue;
            }
            try
            {
                ProvinceListImport import;
                using (var stream = File.OpenRead(file))
                    import = ProvinceListImporter.Import(SpreadsheetReader.Read(stream, file), catalogue);
                errors.AddRange(import.Rejected.Select(r => new CatalogueError(file, $"row {r.Row}", r.Code, r.Reason)));
                var version = new ProvinceListVersion(id, 0, ProvinceListVersion.CuratedUploader, File.GetLastWriteTimeUtc(file), file, import.Entries.Count);
                lists.Add(new ProvinceServiceList(version, import.Entries));
            }
            catch (UnreadableListException e)
            {
                errors.Add(new CatalogueError(file, "", "", e.Message));
            }
        }
        if (errors.Count > 0) throw new CatalogueLoadException(errors);
        return lists;
    }
}
