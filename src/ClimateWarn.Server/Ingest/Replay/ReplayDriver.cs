using ClimateWarn.Core.TimeSeries;
using ClimateWarn.Server.Store.Ops;
using Microsoft.Extensions.Options;

namespace ClimateWarn.Server.Ingest.Replay;

public sealed record ReplayStatus(string State, DateTimeOffset From, DateTimeOffset To, DateTimeOffset SimulatedNow, int Steps, int FailedSteps);

/// <summary>
/// Runs the same ingest and forecast cycle as the live jobs, once per step of simulated time, pacing the steps by the configured speed.
/// Neighbour stations' observations are stored as they are reached, for training and verification.
/// </summary>
public sealed partial class ReplayDriver(
    ReplayClock clock,
    ReplayRecords records,
    ReplayForecastSource source,
    Ingestor ingestor,
    ITimeSeriesStore store,
    OpsDatabase ops,
    IOptions<ReplayOptions> options,
    ILogger<ReplayDriver> logger) : BackgroundService
{
    private readonly TaskCompletionSource _start = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile ReplayStatus? _status;

    public DateTimeOffset From => options.Value.From ?? records.First;

    public DateTimeOffset To => options.Value.To ?? records.Last;

    public ReplayStatus Status => _status ?? new ReplayStatus("waiting", From, To, clock.GetUtcNow(), 0, 0);

    /// <summary>Starts a replay configured with Start = Manual; returns false if it already started.</summary>
    public bool StartNow() => _start.TrySetResult();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        foreach (var problem in records.Problems)
        {
            LogRecordProblem(logger, problem.ToString());
        }

        if (o.Start == "Manual")
        {
            await _start.Task.WaitAsync(stoppingToken);
        }
        else
        {
            await Task.Delay(o.StartDelay, stoppingToken);
            _start.TrySetResult();
        }

        LogStarted(logger, From, To, o.Speed);
        var pause = TimeSpan.FromTicks((long)(o.Step.Ticks / o.Speed));
        int steps = 0, failed = 0;
        for (var t = From; t <= To && !stoppingToken.IsCancellationRequested; t += o.Step)
        {
            clock.Set(t);
            foreach (var station in records.Stations.Where(s => s.District is null))
            {
                var points = ReplayRecords.Points(station, Measurements.Observation, t - o.Step, t);
                if (points.Count == 0)
                {
                    continue;
                }

                await store.WriteAsync(points, stoppingToken);
                foreach (var row in Ledger.Rows(ReplayRecords.SourceName, "replay", $"replay:{station.Place}:{t:yyyyMMddTHHmmssZ}", $"{{\"station\":\"{station.Usaf}\"}}", points, 0, t, "ok", null))
                {
                    await ops.RecordAsync(row, stoppingToken);
                }
            }

            try
            {
                await ingestor.RunAsync(source, t, stoppingToken);
            }
            catch (IngestFailedException ex)
            {
                failed++;
                LogStepFailed(logger, t, ex.Message);
            }

            _status = new ReplayStatus("running", From, To, t, ++steps, failed);
            if (pause > TimeSpan.Zero)
            {
                await Task.Delay(pause, stoppingToken);
            }
        }

        _status = new ReplayStatus("finished", From, To, clock.GetUtcNow(), steps, failed);
        LogFinished(logger, steps, failed);
    }

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Replay from {From:u} to {To:u} at {Speed}x")]
    private static partial void LogStarted(ILogger logger, DateTimeOffset from, DateTimeOffset to, double speed);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "Replay finished: {Steps} steps, {Failed} failed")]
    private static partial void LogFinished(ILogger logger, int steps, int failed);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning, Message = "Replay step {Time:u} failed: {Reason}")]
    private static partial void LogStepFailed(ILogger logger, DateTimeOffset time, string reason);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Warning, Message = "Replay record rejected: {Problem}")]
    private static partial void LogRecordProblem(ILogger logger, string problem);
}
