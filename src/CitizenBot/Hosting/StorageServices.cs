using CitizenBot.Core.DirectLine;
using CitizenBot.Demand;
using CitizenBot.Postgres;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CitizenBot.Hosting;

public static class StorageServices
{
    /// <summary>
    /// Where state lives, chosen once: the Storage options (validated at start, naming the key) and the Direct Line
    /// store — PostgreSQL on the demand log's shared data source when Storage:PostgresConnectionString is set, else
    /// SQLite at {Storage:DataDirectory}/directline.db. The demand log and conversation state follow the same switch.
    /// </summary>
    public static IServiceCollection AddStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<PostgresStorageOptions>().Bind(configuration.GetSection(StorageOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>();
        services.AddSingleton<IValidateOptions<PostgresStorageOptions>, StorageOptionsValidator>();

        services.AddSingleton<DirectLineSignals>();
        services.AddSingleton<IDirectLineStore>(sp => sp.GetService<DemandStorage>()?.DataSource is { } dataSource
            ? new PostgresDirectLineStore(dataSource, sp.GetRequiredService<DirectLineSignals>())
            : new SqliteDirectLineStore(Path.Combine(sp.GetRequiredService<IOptions<StorageOptions>>().Value.ResolvedDataDirectory, "directline.db"),
                sp.GetRequiredService<DirectLineSignals>()));
        return services;
    }
}

/// <summary>Rejects a data directory that cannot be created and a PostgreSQL connection string that does not parse.</summary>
public sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>, IValidateOptions<PostgresStorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        try
        {
            Directory.CreateDirectory(options.ResolvedDataDirectory);
            return ValidateOptionsResult.Success;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return ValidateOptionsResult.Fail($"Storage:DataDirectory '{options.DataDirectory}' cannot be created: {e.Message}");
        }
    }

    public ValidateOptionsResult Validate(string? name, PostgresStorageOptions options)
    {
        if (!options.Enabled)
            return ValidateOptionsResult.Success;
        try
        {
            return new NpgsqlConnectionStringBuilder(options.PostgresConnectionString).Host is { Length: > 0 }
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail("Storage:PostgresConnectionString names no Host.");
        }
        catch (ArgumentException e)
        {
            // The message names the offending keyword, never the password's value.
            return ValidateOptionsResult.Fail("Storage:PostgresConnectionString is not a valid Npgsql connection string: " + e.Message);
        }
    }
}
