using ClimateWarn.Core;
using ClimateWarn.Core.Hazards;
using ClimateWarn.Core.Places;
using ClimateWarn.Core.TimeSeries;
using ClimateWarn.Core.Weather;
using ClimateWarn.Risk.Synthetic;
using ClimateWarn.Server.Assess.Indices;
using ClimateWarn.Server.Assess.Models;
using ClimateWarn.Server.Assess.Rules;
using ClimateWarn.Server.Ingest;
using ClimateWarn.Server.Store.Ops;
using ClimateWarn.Server.Warn;

namespace ClimateWarn.Server.Assess;

public sealed class PipelineFailedException(string message) : Exception(message);

/// <summary>
/// The chain from forecast to pushed warning: fetch each district (one failing district never stops the others),
/// store, assess every grid cell from the store, aggregate to the district, and hand the signals to the warning board.
/// </summary>
public sealed partial class ForecastPipeline(
    IForecastSource source,
    ITimeSeriesStore store,
    PlaceCatalog places,
    HazardConfiguration hazards,
    RiskBoard risks,
    WarningBoard warnings,
    SourceHealth health,
    OpsDatabase ops,
    FrostRiskScorer frostScorer,
    IEnumerable<IHazardRiskScorer> hazardScorers,
    DroughtIndexService droughtIndices,
    TimeProvider time,
    ILogger<ForecastPipeline> logger)
{
    /// <summary>How far back the rules read: cold waves compare today's minimum with two days before.</summary>
    public static readonly TimeSpan Lookback = TimeSpan.FromHours(72);

    public static readonly TimeSpan Horizon = TimeSpan.FromHours(72);

    public async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var failures = new List<string>();
        foreach (var district in places.Districts)
        {
            var key = $"{source.LedgerKind}:{source.Name}:{district.Code}:{now:yyyyMMddTHHmmssZ}";
            var parameters = $"{{\"district\":\"{district.Code}\",\"cells\":{district.Cells.Count},\"run\":\"{now:O}\"}}";
            try
            {
                var batch = await source.FetchAsync(district, now, cancellationToken);
                var written = await store.WriteAsync(batch.Points, cancellationToken);
                // A replayed district without a station of its own has nothing to record, step after step.
                var rows = batch.Points.Count == 0 && source.LedgerKind == "replay" ? []
                    : Ledger.Rows(source.Name, source.LedgerKind, key, parameters, batch.Points, batch.Rejected + batch.NullsSkipped, now, "ok", null);
                foreach (var row in rows)
                {
                    await ops.RecordAsync(row, cancellationToken);
                }

                health.Succeeded(source.Name, written, batch.NullsSkipped, batch.Rejected);
                LogFetched(logger, source.Name, district.Code, batch.Points.Count, batch.NullsSkipped, batch.Rejected);
                foreach (var problem in batch.Problems)
                {
                    LogRejected(logger, source.Name, district.Code, problem);
                }
            }
#pragma warning disable CA1031 // One failing district or source never stops the others; the failure is recorded and the run marked failed.
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
            {
                health.Failed(source.Name, ex.Message);
                LogFetchFailed(logger, source.Name, district.Code, ex.Message);
                await ops.RecordAsync(new LedgerEntry(0, source.Name, source.LedgerKind, key, parameters, "-", [], null, null, now, 0, 0, 0, 0, "failed", ex.Message), cancellationToken);
                failures.Add(ex.Message);
            }
        }

        var assessments = new List<DistrictAssessment>();
        foreach (var district in places.Districts)
        {
            try
            {
                assessments.Add(await AssessAsync(district, now, cancellationToken));
            }
#pragma warning disable CA1031 // A store that cannot be read leaves the district unassessed (its warnings stand), never "no hazard".
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
            {
                LogAssessFailed(logger, district.Code, ex.Message);
                failures.Add($"assessing {district.Code}: {ex.Message}");
                assessments.Add(new DistrictAssessment(district.Code, now, [], [.. district.Cells.Select(c => new CellAssessment(c, HasData: false, []))]));
            }
        }

        risks.Publish(assessments);
        await StoreScoresAsync(assessments, now, cancellationToken);
        await warnings.ApplyAsync(assessments, now, cancellationToken);
        if (failures.Count > 0)
        {
            throw new PipelineFailedException(string.Join("; ", failures));
        }
    }

    private async Task<DistrictAssessment> AssessAsync(District district, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var start = HourlyWeather.TruncateToHour(now - Lookback);
        var hours = (int)(Lookback + Horizon).TotalHours + 1;
        var ids = district.Cells.Select(c => c.Id).ToList();
        // Observed hours up to now, forecast hours after it: one read of each for the whole district.
        var observed = await store.ReadAsync(new TimeSeriesQuery(Measurements.Observation, ids, WeatherVariables.Hourly, start, now.AddTicks(1)), cancellationToken);
        var forecast = await store.ReadAsync(new TimeSeriesQuery(Measurements.Forecast, ids, WeatherVariables.Hourly, now.AddTicks(1), start.AddHours(hours)), cancellationToken);
        var byPlace = observed.Concat(forecast).ToLookup(v => v.Place, StringComparer.Ordinal);
        var stationDaily = await StationDailyAsync(district, now, cancellationToken);
        var drought = DroughtNow(district.Code, now);
        var cells = new List<CellAssessment>();
        foreach (var cell in district.Cells)
        {
            var values = byPlace[cell.Id].ToList();
            if (values.Count == 0)
            {
                cells.Add(new CellAssessment(cell, HasData: false, []));
                continue;
            }

            var weather = HourlyWeather.FromValues(cell.Id, start, hours, values);
            var signals = hazards.Table.AssessAll(new AssessmentWindow(weather, now, TimeZones.Shanghai));
            var scores = frostScorer.Score(cell.Id, values, now).ToList();
            if (LiveIssueView.Build(cell.Id, district.Code, now, values, stationDaily, drought) is { } view)
            {
                foreach (var scorer in hazardScorers)
                {
                    scores.AddRange(scorer.Score(view));
                }
            }

            cells.Add(new CellAssessment(cell, HasData: true, signals) { Scores = scores });
        }

        return DistrictAssessment.Aggregate(district.Code, now, cells);
    }

    /// <summary>The district station's daily precipitation over the flood proxy's warm-up: what the synthetic models' past comes from.</summary>
    private async Task<IReadOnlyList<(DateOnly Day, double Precipitation)>> StationDailyAsync(District district, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var values = await store.ReadAsync(new TimeSeriesQuery(Measurements.ObservationDaily, ["station:" + district.Station.Id], ["precipitation_sum"],
            now.AddDays(-IssueView.WarmUpDays - 2), now), cancellationToken);
        return [.. values.Select(v => (DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(v.Timestamp, TimeZones.Shanghai).DateTime), v.Value))];
    }

    /// <summary>The drought-index service's latest values for the district, if computed and recent; unknown otherwise (no drought score).</summary>
    private DroughtState DroughtNow(string district, DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, TimeZones.Shanghai).DateTime);
        if (droughtIndices.For(district) is not { Status: "ok", Day: { } day } indices || day < today.AddDays(-3))
        {
            return DroughtState.Unknown;
        }

        double V(string name) => indices.Values.Where(v => v.Index == name).Select(v => v.Value).DefaultIfEmpty(double.NaN).First();
        return new DroughtState(V("mci"), V("spi30"), V("spi90"), V("mi30"));
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "{Source} {District}: {Points} points, {Nulls} nulls skipped, {Rejected} values rejected")]
    private static partial void LogFetched(ILogger logger, string source, string district, int points, int nulls, int rejected);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "{Source} {District}: rejected {Problem}")]
    private static partial void LogRejected(ILogger logger, string source, string district, string problem);

    /// <summary>Model scores as risk points: place, hazard, lead and model version are tags (all bounded), the probability a field.</summary>
    private async Task StoreScoresAsync(IReadOnlyList<DistrictAssessment> assessments, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var points = assessments.SelectMany(a => a.Cells).SelectMany(c => c.Scores.Select(s => new TimeSeriesPoint(
            Measurements.Risk,
            new Dictionary<string, string>(StringComparer.Ordinal)
            {
                [Tags.Place] = c.Cell.Id, [Tags.Hazard] = s.Model, ["lead"] = s.LeadHours.ToString(System.Globalization.CultureInfo.InvariantCulture), ["model"] = s.ModelVersion,
            },
            new Dictionary<string, double>(StringComparer.Ordinal) { ["probability"] = s.Probability },
            HourlyWeather.TruncateToHour(now)))).ToList();
        try
        {
            await store.WriteAsync(points, cancellationToken);
        }
        catch (Exception ex) when (ex is InvalidPointException or IOException or HttpRequestException)
        {
            LogAssessFailed(logger, "risk scores", ex.Message);
        }
    }

    [LoggerMessage(EventId = 1004, Level = LogLevel.Error, Message = "{District}: could not read the store, district left unassessed: {Reason}")]
    private static partial void LogAssessFailed(ILogger logger, string district, string reason);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Error, Message = "{Source} {District}: fetch failed, stored data kept: {Reason}")]
    private static partial void LogFetchFailed(ILogger logger, string source, string district, string reason);
}
