namespace CitizenBot.Tests.Infrastructure;

/// <summary>Paths to the repository's own folders and to ../shared beside the checkout.</summary>
public static class RepoPaths
{
    public static string Root => global::CitizenBot.Testing.RepositoryRoot.Path;
    public static string IndexData => Path.Combine(Root, "index-data");
    public static string Dialogs => Path.Combine(Root, "dialogs");
    public static string Shared => global::CitizenBot.Testing.RepositoryRoot.Shared;
    public static string NationalCatalogue => Path.Combine(Shared, "data", "national-catalogue.jsonl");
    public static string DevQuestions => Path.Combine(Shared, "eval", "dev-questions.tsv");
}
