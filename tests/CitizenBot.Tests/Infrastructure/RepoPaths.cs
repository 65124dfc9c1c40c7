namespace CitizenBot.Tests.Infrastructure;

/// <summary>Paths to the repository's own folders and to ../shared beside the checkout.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();
    public static string IndexData => Path.Combine(Root, "index-data");
    public static string Dialogs => Path.Combine(Root, "dialogs");
    public static string Shared => Path.GetFullPath(Path.Combine(Root, "..", "shared"));
    public static string NationalCatalogue => Path.Combine(Shared, "data", "national-catalogue.jsonl");
    public static string DevQuestions => Path.Combine(Shared, "eval", "dev-questions.tsv");

    static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "CitizenBot.sln")))
                return dir.FullName;
        // Built outside the checkout (--artifacts-path): the csproj recorded where the repository is.
        var recorded = typeof(RepoPaths).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .Cast<System.Reflection.AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "RepositoryRoot")?.Value;
        if (recorded is not null && File.Exists(Path.Combine(recorded, "CitizenBot.sln")))
            return recorded;
        throw new InvalidOperationException("CitizenBot.sln not found above " + AppContext.BaseDirectory);
    }
}
