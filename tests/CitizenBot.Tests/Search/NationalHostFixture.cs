using CitizenBot.Tests.Infrastructure;

namespace CitizenBot.Tests.Search;

/// <summary>
/// One host over the national catalogue (Catalogue:Path = ../shared/data/national-catalogue.jsonl) whose index file
/// lives in <see cref="DataDirectory"/>, so the CLI tests of the same collection reuse it (--data-dir) instead of
/// indexing 2,642 procedures again.
/// </summary>
public sealed class NationalHostFixture : IAsyncLifetime
{
    public TestHost Host { get; private set; } = null!;
    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("citizenbot-national-").FullName;

    public async Task InitializeAsync() =>
        Host = await TestHost.StartAsync(("Catalogue:Path", RepoPaths.NationalCatalogue),
            ("Storage:IndexPath", Path.Combine(DataDirectory, "search-index")));

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

[CollectionDefinition(Name)]
public sealed class NationalHostCollection : ICollectionFixture<NationalHostFixture>
{
    public const string Name = "Host over the national catalogue";
}
