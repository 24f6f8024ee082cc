using System.Globalization;
using ClimateWarn.Core.Weather;

namespace ClimateWarn.Core.Hazards.Sandstorm;

/// <summary>
/// What says the low visibility is dust. Where the hour has PM10, PM10 above <see cref="Pm10AboveUgM3"/>; otherwise a
/// proxy: mean wind of at least <see cref="WindAtLeastMs"/> (enough to raise dust) and relative humidity below
/// <see cref="HumidityBelowPct"/> (so fog is not taken for dust). These figures are the project's, not CMA's.
/// </summary>
public sealed record DustEvidence(double Pm10AboveUgM3, double WindAtLeastMs, double HumidityBelowPct);

public sealed record SandstormThresholds(LevelTable<VisibilityLevel> Levels, DustEvidence Dust) : IHazardThresholds
{
    public IEnumerable<SignalLevel> ConfiguredLevels => Levels?.Ascending().Select(l => l.Level) ?? [];

    public IEnumerable<string> Validate(string path)
    {
        foreach (var e in VisibilityLevel.Checks(path, Levels).Concat(ThresholdChecks.Percent(path, "dust.humidityBelowPct", Dust?.HumidityBelowPct ?? double.NaN)))
        {
            yield return e;
        }

        if (!(Dust?.Pm10AboveUgM3 is > 0 and <= 20_000))
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"{path}.dust.pm10AboveUgM3 = {Dust?.Pm10AboveUgM3} is outside the allowed range (0, 20000]");
        }

        if (!(Dust?.WindAtLeastMs is >= 0 and <= 60))
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"{path}.dust.windAtLeastMs = {Dust?.WindAtLeastMs} is outside the allowed range [0, 60]");
        }
    }
}

public static class SandstormAssessor
{
    public static HazardSignal? Assess(AssessmentWindow window, SandstormThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(window);
        ArgumentNullException.ThrowIfNull(thresholds);
        var visibility = window.Weather[WeatherVariables.Visibility].ToArray();
        var pm10 = window.Weather[WeatherVariables.Pm10].ToArray();
        var wind = window.Weather[WeatherVariables.WindSpeed10m].ToArray();
        var humidity = window.Weather[WeatherVariables.RelativeHumidity2m].ToArray();
        var dust = thresholds.Dust;
        bool Dusty(int i) => double.IsFinite(pm10[i])
            ? pm10[i] > dust.Pm10AboveUgM3
            : wind[i] >= dust.WindAtLeastMs && humidity[i] < dust.HumidityBelowPct;

        var measured = pm10.Any(double.IsFinite);
        return HourScan.Highest(window, SandstormHazard.Id, thresholds.Levels, l => l.WithinHours,
            (i, l) => visibility[i] < l.VisibilityBelowM && Dusty(i),
            visibility, lowestIsWorst: true,
            (l, v) => $"visibility {v:0} m (<{l.VisibilityBelowM} m) within {l.WithinHours} h, dust by {(measured ? $"PM10 >{dust.Pm10AboveUgM3} µg/m³" : $"proxy: wind ≥{dust.WindAtLeastMs} m/s, RH <{dust.HumidityBelowPct} %")}");
    }
}
