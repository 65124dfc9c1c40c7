namespace CitizenBot.Testing;

/// <summary>
/// The checkout (the folder with CitizenBot.sln), found above the test binaries, the working directory or this
/// source file (a build with --artifacts-path puts the binaries outside the checkout). One file, linked into every
/// test project.
/// </summary>
static class RepositoryRoot
{
    public static string Path { get; } = Find();

    /// <summary>../shared beside the checkout: data, docs and eval tools, read in place.</summary>
    public static string Shared => System.IO.Path.GetFullPath(System.IO.Path.Combine(Path, "..", "shared"));

    static string Find()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory(), System.IO.Path.GetDirectoryName(SourceFile()) ?? "" })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(System.IO.Path.Combine(dir.FullName, "CitizenBot.sln")))
                    return dir.FullName;
        throw new InvalidOperationException("CitizenBot.sln not found above " + AppContext.BaseDirectory);
    }

    static string SourceFile([System.Runtime.CompilerServices.CallerFilePath] string path = "") => path;
}
