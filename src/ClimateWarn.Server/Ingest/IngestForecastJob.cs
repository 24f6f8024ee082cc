using ClimateWarn.Server.Assess;
using Quartz;

namespace ClimateWarn.Server.Ingest;

/// <summary>Quartz entry point of the live pipeline; one run at a time, a failed run is logged and marked failed.</summary>
[DisallowConcurrentExecution]
public sealed partial class IngestForecastJob(ForecastPipeline pipeline, ILogger<IngestForecastJob> logger) : IJob
{
    public static readonly JobKey Key = new("ingest-forecast");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        try
        {
            await pipeline.RunOnceAsync(cancellationToken);
        }
        catch (PipelineFailedException ex)
        {
            LogRunFailed(logger, ex.Message);
            throw new JobExecutionException(ex);
        }
    }

    [LoggerMessage(EventId = 2001, Level = LogLevel.Error, Message = "IngestForecastJob failed: {Reason}")]
    private static partial void LogRunFailed(ILogger logger, string reason);
}
