using System.Globalization;
using ClimateWarn.Core.Weather;

namespace ClimateWarn.Core.Hazards.Blizzard;

/// <summary>At least <see cref="AtLeastMm"/> of snow water equivalent in any <see cref="Hours"/>-hour window.</summary>
public sealed record BlizzardLevel(int Hours, double AtLeastMm);

public sealed record BlizzardThresholds(LevelTable<BlizzardLevel> Levels) : IHazardThresholds
{
    public IEnumerable<SignalLevel> ConfiguredLevels => Levels?.Ascending().Select(l => l.Level) ?? [];

    public IEnumerable<string> Validate(string path)
    {
        var ranges = ThresholdChecks.Range(path, Levels, "atLeastMm", l => l.AtLeastMm, 0.1, 500)
            .Concat(ThresholdChecks.Range(path, Levels, "hours", l => l.Hours, 1, 72));
        foreach (var e in ranges)
        {
            yield return e;
        }

        // A level is too mild when the one below already implies it: as long a window or longer, needing no more snow.
        var levels = Levels?.Ascending().ToList() ?? [];
        for (var i = 1; i < levels.Count; i++)
        {
            var (lo, hi) = (levels[i - 1], levels[i]);
            if (hi.Criteria.Hours >= lo.Criteria.Hours && hi.Criteria.AtLeastMm <= lo.Criteria.AtLeastMm)
            {
                yield return string.Create(CultureInfo.InvariantCulture,
                    $"{path}.levels.{SignalLevels.En(hi.Level)} = {hi.Criteria.AtLeastMm} mm in {hi.Criteria.Hours} h is milder than {SignalLevels.En(lo.Level)} ({lo.Criteria.AtLeastMm} mm in {lo.Criteria.Hours} h): it must need more snow or a shorter window");
            }
        }
    }
}

public static class BlizzardAssessor
{
    /// <summary>Snowfall (cm) as water equivalent (mm, the API's 7:1 ratio) summed like rain (<see cref="Accumulation.Find"/>).</summary>
    public static HazardSignal? Assess(AssessmentWindow window, BlizzardThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(window);
        ArgumentNullException.ThrowIfNull(thresholds);
        var snowCm = window.Weather[WeatherVariables.Snowfall];
        var water = new double[snowCm.Length];
        for (var i = 0; i < water.Length; i++)
        {
            water[i] = WeatherVariables.SnowWaterMm(snowCm[i]);
        }

        foreach (var (level, c) in thresholds.Levels.Descending())
        {
            var signal = Accumulation.Signal(window, BlizzardHazard.Id, level, water, c.Hours, c.AtLeastMm,
                best => string.Create(CultureInfo.InvariantCulture, $"{best:0.0} mm snow water equivalent in {c.Hours} h (≥{c.AtLeastMm} mm; snowfall cm × 10 / 7)"));
            if (signal is not null)
            {
                return signal;
            }
        }

        return null;
    }
}
