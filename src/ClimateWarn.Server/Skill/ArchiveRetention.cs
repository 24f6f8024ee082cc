using System.ComponentModel.DataAnnotations;
using ClimateWarn.Core.Ensembles;
using ClimateWarn.Core.TimeSeries;
using ClimateWarn.Server.Configuration;
using Microsoft.Extensions.Options;
using Quartz;

namespace ClimateWarn.Server.Skill;

public sealed class ArchiveOptions
{
    public const string Section = "Archive";

    /// <summary>Days the forecast archive (ensemble shares, model levels) is kept; at least the calibration's window.</summary>
    [Range(30, 3660)]
    public int RetentionDays { get; set; } = 400;

    /// <summary>Quartz cron in Asia/Shanghai; daily at 04:10 by default.</summary>
    [Required]
    [Cron]
    public string Cron { get; set; } = "0 10 4 * * ?";
}

/// <summary>
/// Keeps the forecast archive to <see cref="ArchiveOptions.RetentionDays"/> in either store (SQLite has no retention
/// policies; in InfluxDB the archive lives in the kept policy, so the same DELETE applies), once a day.
/// </summary>
public sealed partial class ArchiveRetention(ITimeSeriesStore store, IOptions<ArchiveOptions> options, PipelineClock clock, ILogger<ArchiveRetention> logger)
{
    public async Task<long> RunAsync(CancellationToken cancellationToken)
    {
        var before = clock.Now.AddDays(-options.Value.RetentionDays);
        var removed = 0L;
        foreach (var measurement in new[] { ArchiveFields.Ensemble, ArchiveFields.Models })
        {
            var n = await store.DeleteBeforeAsync(measurement, before, cancellationToken);
            removed += Math.Max(0, n);
            LogPruned(logger, measurement, before, n);
        }

        return removed;
    }

    [LoggerMessage(EventId = 6103, Level = LogLevel.Information, Message = "Archive {Measurement}: values before {Before:o} removed ({Count}; -1 when the store does not count)")]
    private static partial void LogPruned(ILogger logger, string measurement, DateTimeOffset before, long count);
}

[DisallowConcurrentExecution]
public sealed class PruneArchiveJob(ArchiveRetention retention) : IJob
{
    public static readonly JobKey Key = new("prune-archive");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) => await retention.RunAsync(cancellationToken);
}
