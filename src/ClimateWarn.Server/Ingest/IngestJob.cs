using ClimateWarn.Server.Configuration;
using Quartz;

namespace ClimateWarn.Server.Ingest;

/// <summary>Quartz entry point of one source's schedule: one run at a time per source; a failed run is logged and marked failed.</summary>
[DisallowConcurrentExecution]
public sealed partial class IngestJob(Ingestor ingestor, IEnumerable<IForecastSource> sources, PipelineClock clock, ILogger<IngestJob> logger) : IJob
{
    public const string SourceKey = "source";

    public static JobKey KeyFor(string source) => new("ingest:" + source);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var name = context.MergedJobDataMap.GetString(SourceKey);
        var source = sources.FirstOrDefault(s => s.Name == name) ?? throw new JobExecutionException($"no source '{name}' is registered");
        try
        {
            await ingestor.RunAsync(source, clock.Time.GetUtcNow(), cancellationToken);
        }
        catch (IngestFailedException ex)
        {
            LogRunFailed(logger, source.Name, ex.Message);
            throw new JobExecutionException(ex);
        }
    }

    [LoggerMessage(EventId = 2001, Level = LogLevel.Error, Message = "Ingest of {Source} failed: {Reason}")]
    private static partial void LogRunFailed(ILogger logger, string source, string reason);
}
