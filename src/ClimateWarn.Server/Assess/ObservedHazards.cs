using ClimateWarn.Core;
using ClimateWarn.Core.Hazards;
using ClimateWarn.Core.Hazards.Drought;
using ClimateWarn.Core.Places;
using ClimateWarn.Core.TimeSeries;
using ClimateWarn.Core.Weather;
using ClimateWarn.Server.Assess.Indices;
using ClimateWarn.Server.Assess.Rules;

namespace ClimateWarn.Server.Assess;

/// <summary>
/// The hazard rules over the stored observations only: what verification pairs each warning and each archived forecast
/// with. It reads nothing but the store and the rules, so the verbs can verify without the assessment's models.
/// </summary>
public sealed class ObservedHazards(ITimeSeriesStore store, HazardConfiguration hazards)
{
    /// <summary>
    /// One hazard's rule over the stored observations only, for the window [from, to): the hours observed and the
    /// highest signal the rule finds in them over the district's cells (null when none, or nothing was observed).
    /// </summary>
    public async Task<(int Hours, HazardSignal? Signal)> ObserveAsync(District district, string hazard, DateTimeOffset from, DateTimeOffset to,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(district);
        var rule = hazards.Table.Rules.FirstOrDefault(r => r.Slug == hazard);
        if (rule is HazardRule<DroughtThresholds> drought)
        {
            return await ObserveDroughtAsync(district, drought, from, to, cancellationToken);
        }

        // The rules look back (24 h changes, cold-wave drops), so the read starts a lookback before the window.
        var start = HourlyWeather.TruncateToHour(from - AssessmentWindow.Lookback);
        var hours = (int)Math.Ceiling((to - start).TotalHours) + 1;
        var ids = district.Cells.Select(c => c.Id).ToList();
        var values = await store.ReadAsync(new TimeSeriesQuery(Measurements.Observation, ids, WeatherVariables.Hourly, start, to), cancellationToken);
        HazardSignal? best = null;
        var observedHours = 0;
        foreach (var cell in values.GroupBy(v => v.Place, StringComparer.Ordinal))
        {
            observedHours = Math.Max(observedHours, cell.Where(v => v.Timestamp >= from).Select(v => v.Timestamp).Distinct().Count());
            var weather = HourlyWeather.FromValues(cell.Key, start, hours, cell);
            var signal = rule?.Assess(new AssessmentWindow(weather, from, TimeZones.Shanghai) { District = district.Code });
            if (signal is not null && signal.From < to && (best is null || signal.Level > best.Level))
            {
                best = signal;
            }
        }

        return (observedHours, best);
    }

    /// <summary>
    /// Several hazards' rules over the stored observations of [from, to), asked at <paramref name="from"/> as the ensemble
    /// asks each member at the start of its lead day: the hours observed (at the best-observed cell) and per hazard the
    /// highest level any cell reached (None when none). One read for all of them; verification pairs these with the archive.
    /// </summary>
    public async Task<(int Hours, IReadOnlyDictionary<string, SignalLevel> Levels)> ObserveLevelsAsync(District district, IReadOnlyList<HazardRule> rules,
        DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(district);
        ArgumentNullException.ThrowIfNull(rules);
        var start = HourlyWeather.TruncateToHour(from - AssessmentWindow.Lookback);
        var hours = (int)Math.Ceiling((to - start).TotalHours) + 1;
        var values = await store.ReadAsync(new TimeSeriesQuery(Measurements.Observation, [.. district.Cells.Select(c => c.Id)], WeatherVariables.Hourly, start, to),
            cancellationToken);
        var levels = rules.ToDictionary(r => r.Slug, _ => SignalLevel.None, StringComparer.Ordinal);
        var observedHours = 0;
        foreach (var cell in values.GroupBy(v => v.Place, StringComparer.Ordinal))
        {
            observedHours = Math.Max(observedHours, cell.Where(v => v.Timestamp >= from).Select(v => v.Timestamp).Distinct().Count());
            var weather = HourlyWeather.FromValues(cell.Key, start, hours, cell);
            foreach (var rule in rules)
            {
                if (rule.Assess(new AssessmentWindow(weather, from, TimeZones.Shanghai) { District = district.Code }) is { } signal && signal.From < to && signal.Level > levels[rule.Slug])
                {
                    levels[rule.Slug] = signal.Level;
                }
            }
        }

        return (observedHours, levels);
    }

    /// <summary>
    /// Drought is judged on the district's daily MCI, not hourly weather: the rule on the driest day the index service
    /// stored from the first day of the window to its end; each daily value covers 24 of the hours observed.
    /// </summary>
    private async Task<(int Hours, HazardSignal? Signal)> ObserveDroughtAsync(District district, HazardRule<DroughtThresholds> rule, DateTimeOffset from, DateTimeOffset to,
        CancellationToken cancellationToken)
    {
        var firstDay = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(from, TimeZones.Shanghai).DateTime).ToDateTime(TimeOnly.MinValue);
        var values = await store.ReadAsync(new TimeSeriesQuery(DroughtIndexService.Measurement, [district.Code], ["mci"],
            new DateTimeOffset(firstDay, TimeZones.Shanghai.GetUtcOffset(firstDay)), to), cancellationToken);
        var finite = values.Where(v => double.IsFinite(v.Value)).ToList();
        if (finite.Count == 0)
        {
            return (0, null);
        }

        var driest = finite.MinBy(v => v.Value);
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(driest.Timestamp, TimeZones.Shanghai).DateTime);
        var reading = new DroughtReading(day, driest.Value, double.NaN, "the daily MCI stored for the district");
        return (finite.Count * 24, DroughtAssessor.Assess(reading, driest.Timestamp, TimeZones.Shanghai, rule.Typed));
    }
}
