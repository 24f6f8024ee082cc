using System.Globalization;
using ClimateWarn.Core.Weather;

namespace ClimateWarn.Core.Hazards.RoadIcing;

/// <summary>
/// Road icing is expected in an hour whose ground (soil_temperature_0cm) or 2 m air temperature is at most
/// <see cref="TemperatureAtMostC"/> while more than <see cref="PrecipitationAboveMm"/> falls in that hour (freezing rain,
/// or rain or snow onto a frozen surface); the levels say how soon (yellow 12 h, orange 6 h, red 2 h).
/// </summary>
public sealed record RoadIcingThresholds(LevelTable<LeadTimeLevel> Levels, double TemperatureAtMostC, double PrecipitationAboveMm) : IHazardThresholds
{
    public IEnumerable<SignalLevel> ConfiguredLevels => Levels?.Ascending().Select(l => l.Level) ?? [];

    public IEnumerable<string> Validate(string path)
    {
        foreach (var e in LeadTimeLevel.Checks(path, Levels))
        {
            yield return e;
        }

        if (!(TemperatureAtMostC is >= -10 and <= 5))
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"{path}.temperatureAtMostC = {TemperatureAtMostC} is outside the allowed range [-10, 5]");
        }

        if (!(PrecipitationAboveMm is >= 0 and <= 10))
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"{path}.precipitationAboveMm = {PrecipitationAboveMm} is outside the allowed range [0, 10]");
        }
    }
}

public static class RoadIcingAssessor
{
    public static HazardSignal? Assess(AssessmentWindow window, RoadIcingThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(window);
        ArgumentNullException.ThrowIfNull(thresholds);
        var ground = window.Weather[WeatherVariables.SoilTemperature0cm].ToArray();
        var air = window.Weather[WeatherVariables.Temperature2m].ToArray();
        var rain = window.Weather[WeatherVariables.Precipitation].ToArray();
        var coldest = new double[ground.Length];
        for (var i = 0; i < coldest.Length; i++)
        {
            coldest[i] = double.IsNaN(ground[i]) ? air[i] : double.IsNaN(air[i]) ? ground[i] : Math.Min(ground[i], air[i]);
        }

        return HourScan.Highest(window, RoadIcingHazard.Id, thresholds.Levels, l => l.WithinHours,
            (i, _) => coldest[i] <= thresholds.TemperatureAtMostC && rain[i] > thresholds.PrecipitationAboveMm,
            coldest, lowestIsWorst: true,
            (l, t) => $"ground or air {t:0.0} °C (≤{thresholds.TemperatureAtMostC}) with precipitation (>{thresholds.PrecipitationAboveMm} mm/h) within {l.WithinHours} h");
    }
}
