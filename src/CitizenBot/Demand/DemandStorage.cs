using CitizenBot.Core.Demand;
using CitizenBot.Hosting;
using CitizenBot.Postgres;
using Npgsql;

namespace CitizenBot.Demand;

/// <summary>Which database holds the demand log: PostgreSQL when Storage:PostgresConnectionString is set, else {Storage:DataDirectory}/demand.db.</summary>
public sealed class DemandStorage : IAsyncDisposable
{
    DemandStorage(IDemandStore store, NpgsqlDataSource? dataSource)
    {
        Store = store;
        DataSource = dataSource;
    }

    public IDemandStore Store { get; }
    /// <summary>The shared PostgreSQL data source, when there is one (conversation state uses it too).</summary>
    public NpgsqlDataSource? DataSource { get; }

    public static DemandStorage Open(StorageOptions storage, PostgresStorageOptions postgres)
    {
        if (postgres.Enabled)
        {
            var dataSource = PostgresStorage.CreateDataSource(postgres.PostgresConnectionString!);
            return new DemandStorage(new PostgresDemandStore(dataSource), dataSource);
        }
        return new DemandStorage(new SqliteDemandStore(Path.Combine(storage.ResolvedDataDirectory, "demand.db")), null);
    }

    public static string SpillPath(StorageOptions storage) => Path.Combine(storage.ResolvedDataDirectory, "demand-spill.jsonl");
    public static string SaltPath(StorageOptions storage) => Path.Combine(storage.ResolvedDataDirectory, "demand-hash.key");

    public async ValueTask DisposeAsync()
    {
        if (DataSource is not null) await DataSource.DisposeAsync();
    }
}
