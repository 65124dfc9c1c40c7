using System.ComponentModel.DataAnnotations;

namespace CitizenBot.Demand;

/// <summary>The demand log. Section "DemandLog".</summary>
public sealed class DemandLogOptions
{
    public const string Section = "DemandLog";

    /// <summary>
    /// Secret for hashing conversation ids (HMAC-SHA256), 16+ characters. Default: a random one created at first
    /// start in {Storage:DataDirectory}/demand-hash.key. Set it explicitly when several replicas share PostgreSQL.
    /// </summary>
    [MinLength(16, ErrorMessage = "DemandLog:HashSalt must be at least 16 characters.")]
    public string? HashSalt { get; set; }

    /// <summary>Entries older than this many days are deleted (default 180).</summary>
    [Range(1, 3650, ErrorMessage = "DemandLog:RetentionDays must be between 1 and 3650.")]
    public int RetentionDays { get; set; } = 180;

    /// <summary>How often expired entries are deleted (default 6 hours).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00", ErrorMessage = "DemandLog:RetentionSweepInterval must be between 1 second and 7 days.")]
    public TimeSpan RetentionSweepInterval { get; set; } = TimeSpan.FromHours(6);

    /// <summary>Events held in memory for the writer (default 10000); beyond it they go straight to the spill file.</summary>
    [Range(1, 1_000_000, ErrorMessage = "DemandLog:QueueCapacity must be between 1 and 1000000.")]
    public int QueueCapacity { get; set; } = 10_000;

    /// <summary>Entries per database transaction (default 200).</summary>
    [Range(1, 10_000, ErrorMessage = "DemandLog:BatchSize must be between 1 and 10000.")]
    public int BatchSize { get; set; } = 200;

    /// <summary>Tries per batch before the database counts as unreachable (default 3).</summary>
    [Range(1, 20, ErrorMessage = "DemandLog:RetryAttempts must be between 1 and 20.")]
    public int RetryAttempts { get; set; } = 3;

    /// <summary>First retry delay; doubles per try (default 100 ms).</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:01:00", ErrorMessage = "DemandLog:RetryDelay must be between 1 ms and 1 minute.")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Where the answer's online button points: the counting redirect (default "/di", on this host; set an absolute
    /// https://… address for channels outside the chat page, such as Teams). Empty: the button links the service directly, uncounted.
    /// </summary>
    public string ClickThroughUrl { get; set; } = ClickThroughEndpoint.Path;

    /// <summary>Longest wait between probes of an unreachable database (default 30 s).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00", ErrorMessage = "DemandLog:MaxProbeDelay must be between 10 ms and 1 hour.")]
    public TimeSpan MaxProbeDelay { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>The PostgreSQL switch. Section "Storage" (beside DataDirectory).</summary>
public sealed class PostgresStorageOptions
{
    /// <summary>When set (an Npgsql connection string), the demand log and conversation state live in PostgreSQL.</summary>
    public string? PostgresConnectionString { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(PostgresConnectionString);
}
