using CitizenBot.Core.Analysis;
using CitizenBot.Core.Catalogue;
using CitizenBot.Core.Demand;
using CitizenBot.Core.Dialogs;
using CitizenBot.Hosting;
using CitizenBot.Postgres;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CitizenBot.Demand;

public static class DemandServices
{
    /// <summary>
    /// The durable demand log, in the database <c>AddStorage</c> chose (<see cref="DemandStorage"/>: SQLite at
    /// {Storage:DataDirectory}/demand.db, or PostgreSQL when Storage:PostgresConnectionString is set): the recorder the
    /// bot writes to, the scrubber and hasher, the spill file, the retention sweep and the reports.
    /// </summary>
    public static IServiceCollection AddDemandLog(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DemandLogOptions>()
            .Bind(configuration.GetSection(DemandLogOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);

        services.AddSingleton(sp => PersonalDataScrubber.For(sp.GetRequiredService<ICatalogue>()));
        services.AddSingleton(sp => ConversationHasher.FromConfiguredOrFile(
            sp.GetRequiredService<IOptions<DemandLogOptions>>().Value.HashSalt, DemandStorage.SaltPath(sp.GetRequiredService<IOptions<StorageOptions>>().Value)));
        services.AddSingleton<DemandEntryFactory>();
        services.AddSingleton(sp => new SpillFile(DemandStorage.SpillPath(sp.GetRequiredService<IOptions<StorageOptions>>().Value), sp.GetRequiredService<ILogger<SpillFile>>()));
        services.AddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<DemandLogOptions>>().Value;
            return new DemandLogSettings(o.QueueCapacity, o.BatchSize, o.RetryAttempts, o.RetryDelay, o.MaxProbeDelay);
        });
        services.AddSingleton<DemandLog>();
        services.AddSingleton<IDemandRecorder>(sp => sp.GetRequiredService<DemandLog>());
        // How grouping reads unmet questions: the lexicon's story words with the initials of index-data/demand spelled out.
        services.AddSingleton(sp => StoryWords.Load(sp.GetService<Lexicon>() ?? Lexicon.Empty, sp.GetRequiredService<IOptions<CatalogueOptions>>().Value.ResolvedIndexDataPath));
        services.AddSingleton<DemandReports>();
        services.AddSingleton<ClickThroughEndpoint.CountedClicks>();
        services.AddSingleton(sp => new AnswerLinks(sp.GetRequiredService<IOptions<DemandLogOptions>>().Value.ClickThroughUrl is { Length: > 0 } url ? url : null));
        services.AddHostedService<DemandLogService>();
        services.AddHostedService<DemandRetentionService>();
        return services;
    }
}

/// <summary>
/// Starts the demand log (schema, spill replay, writer); on stop it flushes what is queued. A database that is down at
/// start does not stop the host: entries spill (conversation state's schema: <see cref="DatabaseStartup"/>).
/// </summary>
sealed class DemandLogService(DemandLog log, IOptions<DemandLogOptions> options, ILogger<DemandLogService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await log.StartAsync(cancellationToken);
        logger.LogInformation("Demand log in {Store}; entries kept {Days} days", log.Store.Description, options.Value.RetentionDays);
        if (log.Store is PostgresDemandStore && string.IsNullOrEmpty(options.Value.HashSalt))
            logger.LogWarning("DemandLog:HashSalt is not set: each replica hashes conversation ids with its own random salt; set it so replicas agree");
    }

    public Task StopAsync(CancellationToken cancellationToken) => log.StopAsync(cancellationToken);
}

/// <summary>Deletes demand entries older than DemandLog:RetentionDays, at start and every DemandLog:RetentionSweepInterval.</summary>
public sealed class DemandRetentionService(IDemandStore store, IOptions<DemandLogOptions> options, TimeProvider time, ILogger<DemandRetentionService> logger)
    : PeriodicWork(time)
{
    protected override TimeSpan Interval => options.Value.RetentionSweepInterval;
    protected override Task RunOnceAsync(CancellationToken ct) => SweepOnceAsync(ct);

    protected override bool Failed(Exception e)
    {
        logger.LogWarning("Deleting expired demand entries failed ({Error}); retrying in {Interval}", e.Message, options.Value.RetentionSweepInterval);
        return true;
    }

    public async Task<int> SweepOnceAsync(CancellationToken ct)
    {
        var deleted = await store.DeleteBeforeAsync(Time.GetUtcNow() - TimeSpan.FromDays(options.Value.RetentionDays), ct);
        if (deleted > 0) logger.LogInformation("Deleted {Count} demand entries older than {Days} days", deleted, options.Value.RetentionDays);
        return deleted;
    }
}
