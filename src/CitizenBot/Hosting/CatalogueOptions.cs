using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

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

/// <summary>Rejects a catalogue path that is neither a file nor a folder and an index-data path that is not a folder, naming the key.</summary>
public sealed class CatalogueOptionsValidator : IValidateOptions<CatalogueOptions>
{
    public ValidateOptionsResult Validate(string? name, CatalogueOptions options)
    {
        if (!Directory.Exists(options.ResolvedIndexDataPath))
            return ValidateOptionsResult.Fail($"Catalogue:IndexDataPath '{options.ResolvedIndexDataPath}' is not a folder.");
        if (!File.Exists(options.ResolvedPath) && !Directory.Exists(options.ResolvedPath))
            return ValidateOptionsResult.Fail($"Catalogue:Path '{options.ResolvedPath}' is neither a file nor a folder.");
        return ValidateOptionsResult.Success;
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
