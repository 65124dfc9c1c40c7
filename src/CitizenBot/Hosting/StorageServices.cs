using CitizenBot.Admin;
using CitizenBot.Conversation;
using CitizenBot.Core.Conversations;
using CitizenBot.Core.Demand;
using CitizenBot.Core.DirectLine;
using CitizenBot.Core.Limits;
using CitizenBot.Demand;
using CitizenBot.Postgres;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CitizenBot.Hosting;

public static class StorageServices
{
    /// <summary>
    /// Where state lives, chosen once, here: the Storage options (validated at start, naming the key) decide between
    /// PostgreSQL (Storage:PostgresConnectionString set: one data source shared by replicas) and SQLite files under
    /// {Storage:DataDirectory}, and every store follows that one switch — the demand log (<see cref="DemandStorage"/>),
    /// conversation state, the Direct Line store, rate-limit windows and sign-in failures (PostgreSQL, else this host's
    /// memory). <see cref="DatabaseStartup"/> creates the schemas, retrying while the database is unreachable.
    /// </summary>
    public static IServiceCollection AddStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<PostgresStorageOptions>().Bind(configuration.GetSection(StorageOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>();
        services.AddSingleton<IValidateOptions<PostgresStorageOptions>, StorageOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);

        services.AddSingleton(sp => DemandStorage.Open(Storage(sp), sp.GetRequiredService<IOptions<PostgresStorageOptions>>().Value));
        services.AddSingleton(sp => sp.GetRequiredService<DemandStorage>().Store);
        services.AddSingleton<DirectLineSignals>();
        services.AddSingleton<IDirectLineStore>(sp => Shared(sp) is { } dataSource
            ? new PostgresDirectLineStore(dataSource, sp.GetRequiredService<DirectLineSignals>())
            : new SqliteDirectLineStore(Path.Combine(Storage(sp).ResolvedDataDirectory, "directline.db"), sp.GetRequiredService<DirectLineSignals>()));
        services.AddSingleton(sp => new PostgresConversationStateStore(Shared(sp)!, ConversationIdleTimeout(sp), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IConversationStateStore>(sp => Shared(sp) is not null
            ? sp.GetRequiredService<PostgresConversationStateStore>()
            : new SqliteConversationStateStore(Path.Combine(Storage(sp).ResolvedDataDirectory, "conversations.db"), ConversationIdleTimeout(sp),
                sp.GetRequiredService<TimeProvider>()));
        // First of the hosted services: schemas and the first key before anything else uses the database.
        services.AddHostedService(sp => sp.GetRequiredService<DatabaseStartup>());
        services.AddSingleton<DatabaseStartup>();

        // Rate-limit windows and the sign-in throttle's failures: shared through PostgreSQL, else this host's memory.
        services.AddSingleton(sp => new PostgresLimitStore(Shared(sp)!, sp.GetRequiredService<ConversationHasher>()));
        services.AddSingleton(sp => new RateLimitWindows(sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<RateLimitWindows>>(), SharedLimits(sp)));
        services.AddSingleton<ISignInFailureStore>(sp =>
            (ISignInFailureStore?)SharedLimits(sp) ?? new MemorySignInFailureStore(sp.GetRequiredService<IOptions<AdminSignInOptions>>().Value.MaxTrackedKeys));
        services.AddHostedService<LimitsSweeper>();
        return services;
    }

    static StorageOptions Storage(IServiceProvider sp) => sp.GetRequiredService<IOptions<StorageOptions>>().Value;

    /// <summary>The shared PostgreSQL data source, or null with SQLite.</summary>
    public static NpgsqlDataSource? Shared(IServiceProvider sp) => sp.GetRequiredService<DemandStorage>().DataSource;

    static TimeSpan ConversationIdleTimeout(IServiceProvider sp) => sp.GetRequiredService<IOptions<ConversationOptions>>().Value.IdleTimeout;

    static PostgresLimitStore? SharedLimits(IServiceProvider sp) => Shared(sp) is not null ? sp.GetRequiredService<PostgresLimitStore>() : null;
}

/// <summary>Every ten minutes, forgets rate-limit windows over an hour old and sign-in failures past AdminSignIn:ForgetAfter.</summary>
public sealed class LimitsSweeper(RateLimitWindows windows, IServiceProvider services, ISignInFailureStore failures, IOptions<AdminSignInOptions> signIn,
    TimeProvider time, ILogger<LimitsSweeper> logger) : PeriodicWork(time)
{
    protected override TimeSpan Interval => TimeSpan.FromMinutes(10);

    protected override async Task RunOnceAsync(CancellationToken ct)
    {
        var now = Time.GetUtcNow();
        if (windows.Shared)
            await services.GetRequiredService<PostgresLimitStore>().DeleteWindowsBeforeAsync(now - TimeSpan.FromHours(1), ct);
        await failures.DeleteForgottenAsync(now - signIn.Value.ForgetAfter, ct);
    }

    protected override bool Failed(Exception e)
    {
        logger.LogWarning("Forgetting old rate-limit windows and sign-in failures failed ({Error}); retrying in 10 minutes", e.GetType().Name);
        return true;
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
