using ClimateWarn.Core.TimeSeries;
using ClimateWarn.Server.Configuration;
using ClimateWarn.Server.Store.Ops;
using ClimateWarn.Server.Store.Relational;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ClimateWarn.Server.Ingest.Replay;

public sealed record ReplayStatus(string State, DateTimeOffset From, DateTimeOffset To, DateTimeOffset SimulatedNow, int Steps, int FailedSteps)
{
    /// <summary>The record each configured district uses (null: none, no replay data for it).</summary>
    public IReadOnlyList<ReplayUse> Districts { get; init; } = [];
}

/// <summary>
/// Runs the same ingest and forecast cycle as the live jobs, once per step of simulated time, pacing the steps by the configured speed.
/// Neighbour stations' observations are stored as they are reached, for training and verification. The simulated
/// position is stored after each step (<see cref="ReplayPosition"/>): a restarted replay resumes after it, and a finished
/// one stays finished, so the log never holds a message dated before the one it follows.
/// </summary>
public sealed partial class ReplayDriver(
    ReplayClock clock,
    ReplayRecords records,
    ReplayForecastSource source,
    Ingestor ingestor,
    ITimeSeriesStore store,
    OpsDatabase ops,
    ReplayPosition position,
    IDbContextFactory<WarningsDb> warnings,
    IOptions<ReplayOptions> options,
    ILogger<ReplayDriver> logger) : BackgroundService
{
    private readonly TaskCompletionSource _start = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile ReplayStatus? _status;
    private DateTimeOffset? _resumeAt;

    public DateTimeOffset From => options.Value.From ?? records.First;

    public DateTimeOffset To => options.Value.To ?? records.Last;

    public ReplayStatus Status => (_status ?? new ReplayStatus("waiting", From, To, clock.GetUtcNow(), 0, 0)) with { Districts = records.Uses };

    /// <summary>Why this replay may not run on this data directory (messages later than its start, no stored position); null when it may.</summary>
    public string? Refusal { get; private set; }

    /// <summary>Starts a replay configured with Start = Manual; returns false if it already started (or is refused).</summary>
    public bool StartNow() => Refusal is null && _start.TrySetResult();

    /// <summary>
    /// Runs after the warnings database is migrated (the start-up initializer comes first): finds where to resume, or refuses
    /// a directory whose log already holds messages later than the replay's start with no stored position.
    /// </summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        LogUses(logger, records.Uses);
        var stored = position.Read();
        DateTimeOffset? lastMessage;
        await using (var db = await warnings.CreateDbContextAsync(cancellationToken))
        {
            var created = await db.Messages.MaxAsync(m => (long?)m.Created, cancellationToken);
            lastMessage = created is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
        }

        if (stored is null && lastMessage > From)
        {
            Refusal = $"Replay: the warnings log of the data directory '{position.DataDirectory}' already holds messages up to {lastMessage:u}, later than the replay's start {From:u}, and no stored replay position ({ReplayPosition.FileName}): replaying would publish messages dated before the ones they follow. Start with a fresh data directory (--Paths:Data=<new folder>) or remove '{position.DataDirectory}'";
            if (o.Start != "Manual")
            {
                throw new StartupConfigurationException([Refusal]);
            }

            // Manual: the server serves what it holds; POST /api/replay/start answers with the refusal.
            await base.StartAsync(cancellationToken);
            return;
        }

        // Resume at the first step after both the stored position and the last message (a step cut short by kill -9 is not re-run).
        var after = new[] { stored, lastMessage }.Max();
        var resumeAt = From;
        if (after >= From)
        {
            resumeAt = From + (o.Step * (Math.Floor((after.Value - From) / o.Step) + 1));
            clock.Set(after.Value);
            LogResuming(logger, after.Value, resumeAt);
        }

        _resumeAt = resumeAt;
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        foreach (var problem in records.Problems)
        {
            LogRecordProblem(logger, problem.ToString());
        }

        var resumeAt = _resumeAt ?? From;
        if (resumeAt > To)
        {
            // A finished replay stays finished: running it again on the same directory adds nothing.
            _start.TrySetResult();
            _status = new ReplayStatus("finished", From, To, clock.GetUtcNow(), 0, 0);
            LogFinished(logger, 0, 0);
            return;
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
        for (var t = resumeAt; t <= To && !stoppingToken.IsCancellationRequested; t += o.Step)
        {
            clock.Set(t);
            foreach (var station in records.Stations.Where(s => s.IsNeighbour))
            {
                var points = ReplayRecords.Points(station, station.NeighbourPlace, Measurements.Observation, t - o.Step, t);
                if (points.Count == 0)
                {
                    continue;
                }

                await store.WriteAsync(points, stoppingToken);
                foreach (var row in Ledger.Rows(ReplayRecords.SourceName, "replay", $"replay:{station.NeighbourPlace}:{t:yyyyMMddTHHmmssZ}", $"{{\"station\":\"{station.Usaf}\"}}", points, 0, t, "ok", null))
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

            await position.WriteAsync(t, stoppingToken);
            _status = new ReplayStatus("running", From, To, t, ++steps, failed);
            if (pause > TimeSpan.Zero)
            {
                await Task.Delay(pause, stoppingToken);
            }
        }

        _status = new ReplayStatus("finished", From, To, clock.GetUtcNow(), steps, failed);
        LogFinished(logger, steps, failed);
    }

    /// <summary>One line per configured district: the record it uses, or (a warning) that it has none and gets no replay data.</summary>
    internal static void LogUses(ILogger logger, IReadOnlyList<ReplayUse> uses)
    {
        foreach (var use in uses)
        {
            if (use.Record is { } record)
            {
                LogDistrictRecord(logger, use.Code, use.NameZh, record);
            }
            else
            {
                LogDistrictWithoutRecord(logger, use.Code, use.NameZh, use.IsdId ?? "none");
            }
        }
    }

    [LoggerMessage(EventId = 4006, Level = LogLevel.Information, Message = "Replay: district {District} {NameZh} uses record {Usaf}")]
    private static partial void LogDistrictRecord(ILogger logger, string district, string nameZh, string usaf);

    [LoggerMessage(EventId = 4007, Level = LogLevel.Warning, Message = "Replay: district {District} {NameZh} has no record in Paths:Replay (station.isdId: {IsdId}); it gets no replay data")]
    private static partial void LogDistrictWithoutRecord(ILogger logger, string district, string nameZh, string isdId);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Replay from {From:u} to {To:u} at {Speed}x")]
    private static partial void LogStarted(ILogger logger, DateTimeOffset from, DateTimeOffset to, double speed);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "Replay finished: {Steps} steps, {Failed} failed")]
    private static partial void LogFinished(ILogger logger, int steps, int failed);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning, Message = "Replay step {Time:u} failed: {Reason}")]
    private static partial void LogStepFailed(ILogger logger, DateTimeOffset time, string reason);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Information, Message = "Replay resumes after {Position:u} (stored position or last message) at {ResumeAt:u}")]
    private static partial void LogResuming(ILogger logger, DateTimeOffset position, DateTimeOffset resumeAt);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Warning, Message = "Replay record rejected: {Problem}")]
    private static partial void LogRecordProblem(ILogger logger, string problem);
}
