using ClimateWarn.Core.Hazards;
using ClimateWarn.Core.Places;
using ClimateWarn.Core.TimeSeries;
using ClimateWarn.Server.Assess;

namespace ClimateWarn.Server.Ingest.Replay;

/// <summary>
/// The replay behind the same ingestion interface as Open-Meteo: what the station saw up to now is the observation,
/// and what it saw in the next 72 hours is used as a perfect forecast for the rules. Every district whose station.isdId
/// names a record gets that record's points at its own seat cell, so districts sharing a record each get their own.
/// </summary>
public sealed class ReplayForecastSource(ReplayRecords records) : IForecastSource
{
    public string Name => ReplayRecords.SourceName;

    public string LedgerKind => "replay";

    public Task<SourceBatch> FetchAsync(District district, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(district);
        var points = new List<TimeSeriesPoint>();
        var place = district.SeatCell.Id;
        foreach (var station in records.Stations.Where(s => s.Districts.Contains(district.Code)))
        {
            points.AddRange(ReplayRecords.Points(station, place, Measurements.Observation, now - AssessmentWindow.Lookback, now));
            points.AddRange(ReplayRecords.Points(station, place, Measurements.Forecast, now, now + AssessmentWindow.Horizon));
        }

        return Task.FromResult(new SourceBatch(points, 0, 0, []));
    }
}
