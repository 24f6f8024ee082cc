using System.Globalization;
using ClimateWarn.Core.Weather;

namespace ClimateWarn.Core.Hazards.Rainstorm;

/// <summary>At least <see cref="AtLeastMm"/> of rain in any <see cref="Hours"/>-hour window.</summary>
public sealed record RainCriterion(int Hours, double AtLeastMm);

/// <summary>A level is reached when any of its criteria is (Ningxia adds a 3 h and a 1 h intensity to the national ones).</summary>
public sealed record RainstormLevel(IReadOnlyList<RainCriterion> AnyOf);

public sealed record RainstormThresholds(LevelTable<RainstormLevel> Levels) : IHazardThresholds
{
    public IEnumerable<SignalLevel> ConfiguredLevels => Levels?.Ascending().Select(l => l.Level) ?? [];

    public IEnumerable<string> Validate(string path)
    {
        if (Levels is null)
        {
            yield break;
        }

        foreach (var (level, criteria) in Levels.Ascending())
        {
            if (criteria.AnyOf is null || criteria.AnyOf.Count == 0)
            {
                yield return $"{path}.levels.{SignalLevels.En(level)}.anyOf: at least one criterion is needed";
                continue;
            }

            for (var i = 0; i < criteria.AnyOf.Count; i++)
            {
                var c = criteria.AnyOf[i];
                if (!(c.AtLeastMm > 0 && c.AtLeastMm <= 1000))
                {
                    yield return string.Create(CultureInfo.InvariantCulture,
                        $"{path}.levels.{SignalLevels.En(level)}.anyOf[{i}].atLeastMm = {c.AtLeastMm} is outside the allowed range (0, 1000]: a rainfall amount must be positive");
                }

                if (c.Hours is < 1 or > 72)
                {
                    yield return $"{path}.levels.{SignalLevels.En(level)}.anyOf[{i}].hours = {c.Hours} is outside the allowed range [1, 72]";
                }
            }
        }

        // A criterion is too mild when a lower level's criterion already implies it: a window at least as long needing
        // no more rain fires whenever the lower one does (orange 40 mm in 6 h under yellow 50 mm in 6 h, say).
        var levels = Levels.Ascending().Where(l => l.Criteria.AnyOf is not null).ToList();
        for (var hi = 1; hi < levels.Count; hi++)
        {
            for (var lo = 0; lo < hi; lo++)
            {
                for (var i = 0; i < levels[hi].Criteria.AnyOf.Count; i++)
                {
                    var h = levels[hi].Criteria.AnyOf[i];
                    var implied = levels[lo].Criteria.AnyOf.FirstOrDefault(l => h.Hours >= l.Hours && h.AtLeastMm <= l.AtLeastMm);
                    if (implied is not null)
                    {
                        yield return string.Create(CultureInfo.InvariantCulture,
                            $"{path}.levels.{SignalLevels.En(levels[hi].Level)}.anyOf[{i}] = {h.AtLeastMm} mm in {h.Hours} h is milder than {SignalLevels.En(levels[lo].Level)} ({implied.AtLeastMm} mm in {implied.Hours} h): it must need more rain or a shorter window");
                    }
                }
            }
        }
    }
}

public static class RainstormAssessor
{
    /// <summary>For each criterion, the rain of every window of its length ending in [now, now + hours] (<see cref="Accumulation.Find"/>).</summary>
    public static HazardSignal? Assess(AssessmentWindow window, RainstormThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(window);
        ArgumentNullException.ThrowIfNull(thresholds);
        var rain = window.Weather[WeatherVariables.Precipitation];
        foreach (var (level, criteria) in thresholds.Levels.Descending())
        {
            foreach (var c in criteria.AnyOf)
            {
                if (Accumulation.Signal(window, RainstormHazard.Id, level, rain, c.Hours, c.AtLeastMm,
                        best => string.Create(CultureInfo.InvariantCulture, $"{best:0.0} mm in {c.Hours} h (≥{c.AtLeastMm} mm)")) is { } signal)
                {
                    return signal;
                }
            }
        }

        return null;
    }
}
