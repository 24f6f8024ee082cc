using ClimateWarn.Core.Ensembles;
using System.Globalization;
using ClimateWarn.Core;
using ClimateWarn.Core.Hazards;
using ClimateWarn.Core.Hazards.Drought;
using ClimateWarn.Core.Hazards.ForestFire;
using ClimateWarn.Core.Places;
using ClimateWarn.Core.TimeSeries;
using ClimateWarn.Core.Weather;
using ClimateWarn.Risk.Synthetic;
using ClimateWarn.Server.Assess.Indices;
using ClimateWarn.Server.Assess.Models;
using ClimateWarn.Server.Assess.Rules;

namespace ClimateWarn.Server.Assess;

/// <summary>
/// Reads a district's grid cells from the store into hourly weather and runs every registered rule on each cell, and
/// every model scorer beside them; the forecast cycle and the verification of past warnings share it. What is read:
/// observations up to the time of assessment and the forecast after it (live), or observations only (verification).
/// </summary>
public sealed partial class DistrictAssessor(
    ITimeSeriesStore store,
    HazardConfiguration hazards,
    IEnumerable<IRiskScorer> scorers,
    DroughtIndexService droughtIndices,
    FireDangerBoard fireDanger,
    ILogger<DistrictAssessor> logger)
{
    private readonly IRiskScorer[] _scorers = [.. scorers];

    /// <summary>Every cell of the district at <paramref name="now"/>: the rules' signals and the models' scores.</summary>
    public async Task<DistrictAssessment> AssessAsync(District district, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(district);
        var start = HourlyWeather.TruncateToHour(now - AssessmentWindow.Lookback);
        var hours = (int)(AssessmentWindow.Lookback + AssessmentWindow.Horizon).TotalHours + 1;
        var ids = district.Cells.Select(c => c.Id).ToList();
        // Observed hours up to now, forecast hours after it: one read of each for the whole district.
        var observed = await store.ReadAsync(new TimeSeriesQuery(Measurements.Observation, ids, WeatherVariables.Hourly, start, now.AddTicks(1)), cancellationToken);
        var forecast = await store.ReadAsync(new TimeSeriesQuery(Measurements.Forecast, ids, WeatherVariables.Hourly, now.AddTicks(1), start.AddHours(hours)), cancellationToken);
        var byPlace = observed.Concat(forecast).ToLookup(v => v.Place, StringComparer.Ordinal);
        var stationDaily = await StationDailyAsync(district, now, cancellationToken);
        var drought = DroughtNow(district.Code, now);
        var (droughtSignal, droughtUnknown) = DroughtSignal(district.Code, now);
        var cells = new List<CellAssessment>();
        var fireUnknown = false;
        foreach (var cell in district.Cells)
        {
            // Drought and fire danger are the district's (its indices, its daily rating), not a cell's weather: their
            // signals sit on the seat cell.
            HazardSignal[] districtWide = cell.IsSeat && droughtSignal is not null ? [droughtSignal] : [];
            var values = byPlace[cell.Id].ToList();
            var weather = HourlyWeather.FromValues(cell.Id, start, hours, values);
            if (cell.IsSeat)
            {
                // Rated even when the seat has no hours: its days are then unrated, so the district's fire danger is
                // unknown (a warning in force stands), never "no danger".
                var (fireSignal, unknown) = await fireDanger.RateAsync(district, weather, now, cancellationToken);
                districtWide = fireSignal is null ? districtWide : [.. districtWide, fireSignal];
                fireUnknown = unknown;
            }

            if (values.Count == 0)
            {
                cells.Add(new CellAssessment(cell, HasData: false, districtWide));
                continue;
            }

            IReadOnlyList<HazardSignal> signals = [.. hazards.Table.AssessAll(new AssessmentWindow(weather, now, TimeZones.Shanghai) { District = district.Code }), .. districtWide];
            var input = new ScoringInput(cell.Id, district.Code, now, values, LiveIssueView.Build(cell.Id, district, now, values, stationDaily, drought));
            cells.Add(new CellAssessment(cell, HasData: true, signals) { Scores = [.. _scorers.SelectMany(s => s.Score(input))] });
        }

        var unassessed = new HashSet<string>(StringComparer.Ordinal);
        if (droughtUnknown)
        {
            unassessed.Add(DroughtHazard.Id);
        }

        if (fireUnknown)
        {
            unassessed.Add(ForestFireHazard.Id);
        }

        return DistrictAssessment.Aggregate(district.Code, now, cells) with { Unassessed = unassessed.Count > 0 ? unassessed : DistrictAssessment.AllAssessed };
    }

    /// <summary>Model scores as risk points: place, hazard, lead and model version are tags (all bounded), the probability a field.</summary>
    public async Task StoreScoresAsync(IReadOnlyList<DistrictAssessment> assessments, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(assessments);
        var points = assessments.SelectMany(a => a.Cells).SelectMany(c => c.Scores.Select(s => new TimeSeriesPoint(
            Measurements.Risk,
            new Dictionary<string, string>(StringComparer.Ordinal)
            {
                [Tags.Place] = c.Cell.Id, [Tags.Hazard] = s.Model, ["lead"] = s.LeadHours.ToString(CultureInfo.InvariantCulture), ["model"] = s.ModelVersion,
            },
            new Dictionary<string, double>(StringComparer.Ordinal) { ["probability"] = s.Probability },
            HourlyWeather.TruncateToHour(now)))).ToList();
        points.AddRange(ArchivePoints(assessments, now));
        try
        {
            await store.WriteAsync(points, cancellationToken);
        }
        catch (Exception ex) when (ex is InvalidPointException or IOException or HttpRequestException)
        {
            LogScoresNotStored(logger, ex.Message);
        }
    }

    /// <summary>
    /// The forecast archive's ML line (<see cref="ArchiveFields.MlModels"/>): per district and run hour, each model on real
    /// data whose score names a rule event, its highest cell probability per target day counted from the run's Beijing
    /// date. Synthetic models are not archived: nothing verifies made-up skill.
    /// </summary>
    private static IEnumerable<TimeSeriesPoint> ArchivePoints(IReadOnlyList<DistrictAssessment> assessments, DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, TimeZones.Shanghai).DateTime);
        foreach (var a in assessments)
        {
            var fields = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var (score, _) in a.DistrictScores())
            {
                if (!score.Synthetic && score.RuleHazard is { } hazard && score.RuleLevel is { } level && score.TargetDay >= today)
                {
                    var key = ArchiveFields.MlProbability(score.Model, hazard, level, score.TargetDay.DayNumber - today.DayNumber);
                    fields[key] = Math.Max(fields.GetValueOrDefault(key), score.Probability);
                }
            }

            if (fields.Count > 0)
            {
                yield return new TimeSeriesPoint(ArchiveFields.MlModels,
                    new Dictionary<string, string>(StringComparer.Ordinal) { [Tags.Place] = a.District, [Tags.Source] = "ml" },
                    fields, HourlyWeather.TruncateToHour(now));
            }
        }
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
        // As fresh as the drought rule asks (the archive's reanalysis runs about five days behind), a week without it.
        var maxAge = hazards.Table.Rules.OfType<HazardRule<DroughtThresholds>>().Select(r => r.Typed.MaxAgeDays).DefaultIfEmpty(7).First();
        if (droughtIndices.For(district) is not { Status: "ok", Day: { } day } indices || day < today.AddDays(-maxAge))
        {
            return DroughtState.Unknown;
        }

        return new DroughtState(Value(indices, "mci"), Value(indices, "spi30"), Value(indices, "spi90"), Value(indices, "mi30"));
    }

    /// <summary>
    /// The drought rule on the district's latest indices (if drought is registered): its signal, and whether the indices
    /// are missing or stale, in which case drought is unassessed — a warning in force stands — never "no drought".
    /// </summary>
    private (HazardSignal? Signal, bool Unknown) DroughtSignal(string district, DateTimeOffset now)
    {
        if (hazards.Table.Rules.FirstOrDefault(r => r.Slug == DroughtHazard.Id) is not HazardRule<DroughtThresholds> rule)
        {
            return (null, false);
        }

        DroughtReading? reading = droughtIndices.For(district) is { Status: "ok", Day: { } day } indices
            ? new DroughtReading(day, Value(indices, "mci"), Value(indices, "spi90"), indices.Basis.En)
            : null;
        var known = reading is not null && double.IsFinite(reading.Mci) && DroughtAssessor.IsCurrent(reading, now, TimeZones.Shanghai, rule.Typed);
        return known ? (DroughtAssessor.Assess(reading, now, TimeZones.Shanghai, rule.Typed), false) : (null, true);
    }

    private static double Value(DistrictIndices indices, string name) =>
        indices.Values.Where(v => v.Index == name).Select(v => v.Value).DefaultIfEmpty(double.NaN).First();

    [LoggerMessage(EventId = 1005, Level = LogLevel.Error, Message = "Model scores could not be stored: {Reason}")]
    private static partial void LogScoresNotStored(ILogger logger, string reason);
}
