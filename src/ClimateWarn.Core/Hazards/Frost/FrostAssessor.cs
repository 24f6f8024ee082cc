using System.Globalization;
using ClimateWarn.Core.Weather;

namespace ClimateWarn.Core.Hazards.Frost;

/// <summary>Frost on the ground-surface minimum, inside the configured growing seasons only.</summary>
public static class FrostAssessor
{
    public static HazardSignal? Assess(AssessmentWindow window, FrostThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(window);
        ArgumentNullException.ThrowIfNull(thresholds);
        var ground = GroundTemperature(window.Weather, thresholds.GroundMinimum);
        var air = window.Weather[WeatherVariables.Temperature2m];
        foreach (var (level, criteria) in thresholds.Levels.Descending())
        {
            var (from, to) = window.Ahead(criteria.WithinHours);
            int first = -1, last = -1;
            double min = double.PositiveInfinity, airMin = double.PositiveInfinity;
            for (var i = from; i < to; i++)
            {
                if (!(ground[i] < criteria.GroundMinBelowC) || !thresholds.InSeason(window.LocalDate(window.Weather.TimeAt(i))))
                {
                    continue;
                }

                first = first < 0 ? i : first;
                last = i;
                min = Math.Min(min, ground[i]);
                airMin = double.IsFinite(air[i]) ? Math.Min(airMin, air[i]) : airMin;
            }

            if (first >= 0)
            {
                var grade = double.IsFinite(airMin) ? thresholds.AirGrades?.GradeZh(airMin) : null;
                var basis = string.Create(CultureInfo.InvariantCulture,
                    $"ground minimum {min:0.0} °C < {criteria.GroundMinBelowC} °C within {criteria.WithinHours} h{(grade is null ? "" : $"; Ningxia air grade {grade} (2 m min {airMin:0.0} °C)")}");
                return new HazardSignal(FrostHazard.Id, level, window.Weather.TimeAt(first), window.Weather.TimeAt(last + 1), min, basis);
            }
        }

        return null;
    }

    /// <summary>Soil-surface temperature where it exists, else 2 m air plus the configured offset.</summary>
    public static double[] GroundTemperature(HourlyWeather weather, GroundMinimumEstimate estimate)
    {
        ArgumentNullException.ThrowIfNull(weather);
        ArgumentNullException.ThrowIfNull(estimate);
        var soil = weather[WeatherVariables.SoilTemperature0cm];
        var air = weather[WeatherVariables.Temperature2m];
        var ground = new double[weather.Hours];
        for (var i = 0; i < ground.Length; i++)
        {
            ground[i] = estimate.PreferSoilTemperature && double.IsFinite(soil[i]) ? soil[i] : air[i] + estimate.AirOffsetC;
        }

        return ground;
    }
}
