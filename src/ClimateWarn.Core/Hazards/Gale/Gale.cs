using System.Globalization;
using ClimateWarn.Core.Weather;

namespace ClimateWarn.Core.Hazards.Gale;

/// <summary>Gale: mean wind ≥ <see cref="MeanAtLeastMs"/> or gust ≥ <see cref="GustAtLeastMs"/> within <see cref="WithinHours"/>.</summary>
public sealed record GaleLevel(int WithinHours, double MeanAtLeastMs, double GustAtLeastMs);

public sealed record GaleThresholds(LevelTable<GaleLevel> Levels) : IHazardThresholds
{
    public IEnumerable<SignalLevel> ConfiguredLevels => Levels?.Ascending().Select(l => l.Level) ?? [];

    public IEnumerable<string> Validate(string path) =>
        ThresholdChecks.Ordered(path, Levels, "meanAtLeastMs", l => l.MeanAtLeastMs, increasing: true)
            .Concat(ThresholdChecks.Ordered(path, Levels, "gustAtLeastMs", l => l.GustAtLeastMs, increasing: true))
            .Concat(ThresholdChecks.Range(path, Levels, "meanAtLeastMs", l => l.MeanAtLeastMs, 1, 100))
            .Concat(ThresholdChecks.Range(path, Levels, "gustAtLeastMs", l => l.GustAtLeastMs, 1, 120))
            .Concat(ThresholdChecks.Range(path, Levels, "withinHours", l => l.WithinHours, 1, 72));
}

public static class GaleAssessor
{
    public static HazardSignal? Assess(AssessmentWindow window, GaleThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(window);
        ArgumentNullException.ThrowIfNull(thresholds);
        var mean = window.Weather[WeatherVariables.WindSpeed10m];
        var gust = window.Weather[WeatherVariables.WindGusts10m];
        foreach (var (level, c) in thresholds.Levels.Descending())
        {
            var (from, to) = window.Ahead(c.WithinHours);
            int first = -1, last = -1;
            double maxMean = double.NaN, maxGust = double.NaN;
            for (var i = from; i < to; i++)
            {
                if (mean[i] >= c.MeanAtLeastMs || gust[i] >= c.GustAtLeastMs)
                {
                    first = first < 0 ? i : first;
                    last = i;
                    maxMean = double.IsNaN(maxMean) ? mean[i] : Math.Max(maxMean, mean[i]);
                    maxGust = double.IsNaN(maxGust) ? gust[i] : Math.Max(maxGust, gust[i]);
                }
            }

            if (first >= 0)
            {
                var basis = string.Create(CultureInfo.InvariantCulture,
                    $"mean wind {maxMean:0.0} m/s (≥{c.MeanAtLeastMs}) or gust {maxGust:0.0} m/s (≥{c.GustAtLeastMs}) within {c.WithinHours} h");
                var value = double.IsFinite(maxGust) ? Math.Max(maxGust, double.IsFinite(maxMean) ? maxMean : 0) : maxMean;
                return new HazardSignal(GaleHazard.Id, level, window.Weather.TimeAt(first), window.Weather.TimeAt(last + 1), value, basis);
            }
        }

        return null;
    }
}
