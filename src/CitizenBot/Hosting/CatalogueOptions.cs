using System.ComponentModel.DataAnnotations;

namespace CitizenBot.Hosting;

/// <summary>Where the catalogue comes from. Section "Catalogue".</summary>
public sealed class CatalogueOptions
{
    public const string Section = "Catalogue";

    /// <summary>Procedures: a folder in index-data format or a national-portal JSONL file. Default: the index-data folder.</summary>
    public string? Path { get; set; }

    /// <summary>The curated folder with provinces.json and analysis/ (lexicon). Default: the nearest index-data/ above the working directory or the executable.</summary>
    public string? IndexDataPath { get; set; }

    public string ResolvedIndexDataPath => IndexDataPath is { Length: > 0 } p ? System.IO.Path.GetFullPath(p) : DefaultIndexData();
    public string ResolvedPath => Path is { Length: > 0 } p ? System.IO.Path.GetFullPath(p) : ResolvedIndexDataPath;

    static string DefaultIndexData()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (Directory.Exists(System.IO.Path.Combine(dir.FullName, "index-data", "procedures")))
                    return System.IO.Path.Combine(dir.FullName, "index-data");
        return System.IO.Path.GetFullPath("index-data");
    }
}

/// <summary>Where CitizenBot keeps its files (index, conversation state, demand log). Section "Storage".</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>Default ".data" under the working directory.</summary>
    [Required]
    public string DataDirectory { get; set; } = ".data";

    /// <summary>The Lucene index directory. Default: search-index in the data directory. Replicas may share it (one builds, the others wait).</summary>
    public string? IndexPath { get; set; }

    public string ResolvedDataDirectory => Path.GetFullPath(DataDirectory);
    public string ResolvedIndexPath => IndexPath is { Length: > 0 } p ? Path.GetFullPath(p) : Path.Combine(ResolvedDataDirectory, "search-index");
}
