using ClimateWarn.Core.Weather;

namespace ClimateWarn.Core.Hazards.Fog;

/// <summary>
/// Fog: visibility below the level's distance within its hours; where relative humidity is known for that hour it must
/// be at least <see cref="HumidityAtLeastPct"/>, so dry murk (dust, haze) is not taken for fog. Where it is not known,
/// visibility alone decides, as the national criterion does.
/// </summary>
public sealed record FogThresholds(LevelTable<VisibilityLevel> Levels, double HumidityAtLeastPct) : IHazardThresholds
{
    public IEnumerable<SignalLevel> ConfiguredLevels => Levels?.Ascending().Select(l => l.Level) ?? [];

    public IEnumerable<string> Validate(string path) =>
        VisibilityLevel.Checks(path, Levels).Concat(ThresholdChecks.Percent(path, "humidityAtLeastPct", HumidityAtLeastPct));
}

public static class FogAssessor
{
    public static HazardSignal? Assess(AssessmentWindow window, FogThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(window);
        ArgumentNullException.ThrowIfNull(thresholds);
        var visibility = window.Weather[WeatherVariables.Visibility].ToArray();
        var humidity = window.Weather[WeatherVariables.RelativeHumidity2m].ToArray();
        return HourScan.Highest(window, FogHazard.Id, thresholds.Levels, l => l.WithinHours,
            (i, l) => visibility[i] < l.VisibilityBelowM && !(humidity[i] < thresholds.HumidityAtLeastPct),
            visibility, lowestIsWorst: true,
            (l, v) => $"visibility {v:0} m (<{l.VisibilityBelowM} m) within {l.WithinHours} h");
    }
}
