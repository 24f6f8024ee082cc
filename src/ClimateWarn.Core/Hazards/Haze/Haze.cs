using System.Globalization;
using ClimateWarn.Core.Weather;

namespace ClimateWarn.Core.Hazards.Haze;

/// <summary>
/// One of a haze level's alternatives: visibility below <see cref="VisibilityBelowM"/>, and, where given, relative
/// humidity below <see cref="HumidityBelowPct"/> or at least <see cref="HumidityAtLeastPct"/>, and PM2.5 above
/// <see cref="Pm25AboveUgM3"/>. A condition on a quantity the hour lacks is not met.
/// </summary>
public sealed record HazeCriterion(double VisibilityBelowM, double? HumidityBelowPct = null, double? HumidityAtLeastPct = null, double? Pm25AboveUgM3 = null)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"vis <{VisibilityBelowM} m{(HumidityBelowPct is { } b ? $", RH <{b} %" : "")}{(HumidityAtLeastPct is { } a ? $", RH ≥{a} %" : "")}{(Pm25AboveUgM3 is { } p ? $", PM2.5 >{p} µg/m³" : "")}");
}

/// <summary>A haze level: any of its alternatives within <see cref="WithinHours"/> (24 h in the 2013 revision).</summary>
public sealed record HazeLevel(int WithinHours, IReadOnlyList<HazeCriterion> AnyOf);

public sealed record HazeThresholds(LevelTable<HazeLevel> Levels) : IHazardThresholds
{
    public IEnumerable<SignalLevel> ConfiguredLevels => Levels?.Ascending().Select(l => l.Level) ?? [];

    public IEnumerable<string> Validate(string path)
    {
        foreach (var e in ThresholdChecks.Range(path, Levels, "withinHours", l => l.WithinHours, 1, 72))
        {
            yield return e;
        }

        var levels = Levels?.Ascending().ToList() ?? [];
        foreach (var (level, criteria) in levels)
        {
            var at = $"{path}.levels.{SignalLevels.En(level)}.anyOf";
            if (criteria.AnyOf is null || criteria.AnyOf.Count == 0)
            {
                yield return $"{at}: at least one criterion is needed";
                continue;
            }

            for (var i = 0; i < criteria.AnyOf.Count; i++)
            {
                foreach (var e in Problems($"{at}[{i}]", criteria.AnyOf[i]))
                {
                    yield return e;
                }
            }
        }

        // Alternatives correspond by position (the official table lists the same three at every level): a more severe
        // level's must need lower visibility and at least as much PM2.5.
        for (var k = 1; k < levels.Count; k++)
        {
            var (lo, hi) = (levels[k - 1], levels[k]);
            for (var i = 0; i < Math.Min(lo.Criteria.AnyOf?.Count ?? 0, hi.Criteria.AnyOf?.Count ?? 0); i++)
            {
                var (l, h) = (lo.Criteria.AnyOf![i], hi.Criteria.AnyOf![i]);
                if (h.VisibilityBelowM > l.VisibilityBelowM || (h.Pm25AboveUgM3 ?? double.MaxValue) < (l.Pm25AboveUgM3 ?? 0))
                {
                    yield return $"{path}.levels.{SignalLevels.En(hi.Level)}.anyOf[{i}] = {h} is milder than {SignalLevels.En(lo.Level)} ({l}): it must need lower visibility and at least as much PM2.5";
                }
            }
        }
    }

    private static IEnumerable<string> Problems(string at, HazeCriterion c)
    {
        if (!(c.VisibilityBelowM is >= 1 and <= 50_000))
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"{at}.visibilityBelowM = {c.VisibilityBelowM} is outside the allowed range [1, 50000]");
        }

        foreach (var e in ThresholdChecks.Percent(at, "humidityBelowPct", c.HumidityBelowPct ?? 0).Concat(ThresholdChecks.Percent(at, "humidityAtLeastPct", c.HumidityAtLeastPct ?? 0)))
        {
            yield return e;
        }

        if (c.Pm25AboveUgM3 is { } pm && !(pm is > 0 and <= 5_000))
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"{at}.pm25AboveUgM3 = {pm} is outside the allowed range (0, 5000]");
        }
    }
}

public static class HazeAssessor
{
    public static HazardSignal? Assess(AssessmentWindow window, HazeThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(window);
        ArgumentNullException.ThrowIfNull(thresholds);
        var visibility = window.Weather[WeatherVariables.Visibility].ToArray();
        var humidity = window.Weather[WeatherVariables.RelativeHumidity2m].ToArray();
        var pm25 = window.Weather[WeatherVariables.Pm25].ToArray();
        bool Meets(int i, HazeCriterion c) =>
            visibility[i] < c.VisibilityBelowM
            && (c.HumidityBelowPct is not { } below || humidity[i] < below)
            && (c.HumidityAtLeastPct is not { } atLeast || humidity[i] >= atLeast)
            && (c.Pm25AboveUgM3 is not { } pm || pm25[i] > pm);

        return HourScan.Highest(window, HazeHazard.Id, thresholds.Levels, l => l.WithinHours,
            (i, l) => l.AnyOf.Any(c => Meets(i, c)),
            visibility, lowestIsWorst: true,
            (l, v) => $"visibility {v:0} m within {l.WithinHours} h, meeting one of: {string.Join("; ", l.AnyOf)}");
    }
}
