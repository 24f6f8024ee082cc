using System.ComponentModel.DataAnnotations;
using ClimateWarn.Server.Configuration;

namespace ClimateWarn.Server.Store.Influx;

/// <summary>InfluxDB over its v1 HTTP API (1.x natively, 2.x and 3 Core through their v1 compatibility endpoints).</summary>
public sealed class InfluxOptions
{
    public const string Section = "Storage:Influx";

    [Required]
    [Url]
    public string Url { get; set; } = "http://127.0.0.1:8086";

    [Required]
    public string Database { get; set; } = "climatewarn";

    /// <summary>
    /// The database a replay (--replay) writes to instead of <see cref="Database"/>: its retention policies keep
    /// everything, since the replay's 2021 forecasts are far older than <see cref="ForecastRetention"/>, and the live data stays apart.
    /// </summary>
    [Required]
    public string ReplayDatabase { get; set; } = "climatewarn_replay";

    /// <summary>Set in replay mode (not bound): the replay database is used and forecast runs never expire.</summary>
    public bool KeepForecasts { get; internal set; }

    /// <summary>Basic-auth user and password: from configuration or the environment (Storage__Influx__Password), never the URL.</summary>
    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>How long raw forecast runs are kept; observations, indices and risks are kept indefinitely.</summary>
    [Duration("1.00:00:00", "36500.00:00:00")]
    public TimeSpan ForecastRetention { get; set; } = TimeSpan.FromDays(90);

    /// <summary>Shard duration of the kept data: long, because history imports reach back decades.</summary>
    [Duration("01:00:00", "3650.00:00:00")]
    public TimeSpan KeptShardDuration { get; set; } = TimeSpan.FromDays(52 * 7);

    [Range(1, 100_000)]
    public int BatchSize { get; set; } = 5_000;

    /// <summary>Batches waiting to be sent; a full queue makes writers wait (back-pressure, nothing dropped).</summary>
    [Range(1, 1_000)]
    public int QueueCapacity { get; set; } = 8;

    public bool Gzip { get; set; } = true;

    /// <summary>
    /// Batches above this many bytes of line protocol are split before sending: InfluxDB refuses bodies over its
    /// max-body-size (25 MB by default) and may close the connection mid-upload rather than let the 413 be read.
    /// </summary>
    [Range(10_000, 1_000_000_000)]
    public long MaxBodyBytes { get; set; } = 8_000_000;

    /// <summary>Attempts for a batch before it spools to disk (network errors, 429, 5xx), with exponential backoff.</summary>
    [Range(1, 20)]
    public int MaxAttempts { get; set; } = 4;

    [Duration("00:00:00", "00:10:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    [Duration("00:00:00.100", "00:30:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Folder for batches that could not be sent (relative to the data directory).</summary>
    [Required]
    public string SpoolDirectory { get; set; } = "influx-spool";

    [Range(1_000_000, long.MaxValue)]
    public long SpoolMaxBytes { get; set; } = 1L << 30;

    /// <summary>How often the spool is retried while the server is away.</summary>
    [Duration("00:00:00.010", "01:00:00")]
    public TimeSpan SpoolRetryInterval { get; set; } = TimeSpan.FromSeconds(5);
}
