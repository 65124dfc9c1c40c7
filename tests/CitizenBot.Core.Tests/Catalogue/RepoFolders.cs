using CitizenBot.Testing;

namespace CitizenBot.Core.Tests.Catalogue;

/// <summary>The checkout's folders and ../shared beside it (<see cref="RepositoryRoot"/>).</summary>
public static class RepoFolders
{
    public static string Root => RepositoryRoot.Path;
    public static string IndexData => Path.Combine(Root, "index-data");
    public static string Analysis => Path.Combine(IndexData, "analysis");
    public static string Provinces => Path.Combine(IndexData, "provinces.json");
    public static string Dialogs => Path.Combine(Root, "dialogs");
    public static string Shared => RepositoryRoot.Shared;
    public static string NationalCatalogue => Path.Combine(Shared, "data", "national-catalogue.jsonl");
    /// <summary>Small national-portal files written for these tests.</summary>
    public static string Fixtures => Path.Combine(Root, "tests", "CitizenBot.Core.Tests", "Catalogue", "Fixtures");
}

/// <summary>A temporary folder for files a test writes (broken catalogues, lexicons, indexes); deleted on dispose.</summary>
public sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("citizenbot-coretests-").FullName;

    /// <summary>Writes UTF-8 text at a path relative to the folder (folders created) and returns the full path.</summary>
    public string Write(string relativePath, string content)
    {
        var full = System.IO.Path.Combine(Path, relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
        return full;
    }

    /// <summary>Copies a file into the folder under its own name and returns the copy's full path.</summary>
    public string Copy(string file)
    {
        var copy = System.IO.Path.Combine(Path, System.IO.Path.GetFileName(file));
        File.Copy(file, copy);
        return copy;
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools(); // Index files stay open in the pool otherwise.
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
