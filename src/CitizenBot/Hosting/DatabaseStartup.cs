using System.Data.Common;
using CitizenBot.Core.Demand;
using CitizenBot.Core.DirectLine;
using CitizenBot.Postgres;

namespace CitizenBot.Hosting;

/// <summary>
/// The start-up steps that need the database, in order: the Direct Line store's schema, the demand log's (users,
/// sessions, province lists), conversation state's (PostgreSQL) and the first data-protection key (PostgreSQL, see
/// <see cref="FirstKeyStartup"/>). Tried once before the host serves, so with a reachable database it starts ready as
/// before. When the database cannot be reached the host starts anyway: /health/live answers, /health/ready is
/// unhealthy naming the database (<see cref="DatabaseHealthCheck"/>), calls that need it get 503
/// (<see cref="DatabaseUnavailableHandler"/>), and the steps are retried every <see cref="RetryInterval"/> until they
/// all succeed — the host becomes ready by itself when the database comes up.
/// </summary>
public sealed class DatabaseStartup(IServiceProvider services, IDirectLineStore directLine, IDemandStore demand, TimeProvider time, ILogger<DatabaseStartup> logger)
    : PeriodicWork(time)
{
    /// <summary>How often the steps are retried while the database is unreachable (also the 503s' Retry-After).</summary>
    public static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(2);

    volatile string? _failure = "not tried yet";
    bool _warned;

    /// <summary>True once every step has succeeded.</summary>
    public bool Completed => _failure is null;

    /// <summary>Why the steps have not completed (the exception's type, never a connection string), or null once they have.</summary>
    public string? Failure => _failure;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await RunStepsAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override TimeSpan Interval => RetryInterval;
    protected override bool RunsAtStart => false; // StartAsync did.
    protected override bool Done => Completed;    // Nothing to retry once the schemas and the first key are in place.

    protected override Task RunOnceAsync(CancellationToken ct) => RunStepsAsync(ct);

    protected override bool Failed(Exception e) => false; // RunStepsAsync keeps the database's failures; anything else is a bug.

    async Task RunStepsAsync(CancellationToken ct)
    {
        try
        {
            if (!directLine.Initialized) await directLine.InitializeAsync(ct);
            await demand.InitializeAsync(ct);
            if (StorageServices.Shared(services) is not null)
            {
                await services.GetRequiredService<PostgresConversationStateStore>().InitializeAsync(ct);
                services.GetRequiredService<FirstKeyStartup>().CreateFirstKey();
            }
        }
        catch (Exception e) when (IsDatabaseFailure(e) && !ct.IsCancellationRequested)
        {
            _failure = e.GetType().Name;
            if (!_warned)
                logger.LogWarning("The database ({Store}) is not reachable at start ({Error}): the host serves, /health/ready is unhealthy and calls " +
                                  "that need the database get 503 until it is; retrying every {Interval}", directLine.Description, e.GetType().Name, RetryInterval);
            _warned = true;
            return;
        }
        if (_warned) logger.LogWarning("The database ({Store}) is reachable: schema and keys in place, the host is ready", directLine.Description);
        else logger.LogInformation("Direct Line conversations in {Store}", directLine.Description);
        _failure = null;
    }

    /// <summary>
    /// What the database (or the driver talking to it) throws, directly or wrapped (the data-protection key ring wraps
    /// it): at start any of them means "not ready yet" — server down, starting up, database not created yet.
    /// </summary>
    public static bool IsDatabaseFailure(Exception e) => e is DbException or TimeoutException || e.InnerException is DbException;

    /// <summary>A failure that may pass by itself (server unreachable, restarting, out of connections; the driver's own verdict).</summary>
    public static bool IsTransient(Exception e) => e is TimeoutException || (e as DbException ?? e.InnerException as DbException)?.IsTransient == true;
}
