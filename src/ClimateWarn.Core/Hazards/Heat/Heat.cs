using System.Globalization;
using ClimateWarn.Core.Weather;

namespace ClimateWarn.Core.Hazards.Heat;

/// <summary>Daily maximum ≥ <see cref="TmaxAtLeastC"/> on <see cref="ConsecutiveDays"/> days running, within <see cref="WithinHours"/>.</summary>
public sealed record HeatLevel(double TmaxAtLeastC, int ConsecutiveDays, int WithinHours);

public sealed record HeatThresholds(LevelTable<HeatLevel> Levels) : IHazardThresholds
{
    public IEnumerable<SignalLevel> ConfiguredLevels => Levels?.Ascending().Select(l => l.Level) ?? [];

    public IEnumerable<string> Validate(string path) =>
        ThresholdChecks.Ordered(path, Levels, "tmaxAtLeastC", l => l.TmaxAtLeastC, increasing: true)
            .Concat(ThresholdChecks.Range(path, Levels, "tmaxAtLeastC", l => l.TmaxAtLeastC, 25, 55))
            .Concat(ThresholdChecks.Range(path, Levels, "consecutiveDays", l => l.ConsecutiveDays, 1, 10))
            .Concat(ThresholdChecks.Range(path, Levels, "withinHours", l => l.WithinHours, 1, 240));
}

public static class HeatAssessor
{
    public static HazardSignal? Assess(AssessmentWindow window, HeatThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(window);
        ArgumentNullException.ThrowIfNull(thresholds);
        var t = window.Weather[WeatherVariables.Temperature2m];
        var days = DailyExtremes.Of(window, t);
        var (nowIndex, _) = window.Ahead(0);
        foreach (var (level, c) in thresholds.Levels.Descending())
        {
            var horizon = nowIndex + c.WithinHours;
            var run = new List<(DateOnly Day, double Max, int Start, int End)>();
            foreach (var (day, d) in days)
            {
                var continues = run.Count > 0 && run[^1].Day.AddDays(1) == day;
                if (d.Max < c.TmaxAtLeastC || d.Start >= horizon)
                {
                    run.Clear();
                    continue;
                }

                if (!continues)
                {
                    run.Clear();
                }

                run.Add((day, d.Max, d.Start, d.End));
                if (run.Count >= c.ConsecutiveDays && run[^1].End > nowIndex)
                {
                    var span = run.TakeLast(c.ConsecutiveDays).ToList();
                    var max = span.Max(x => x.Max);
                    var basis = string.Create(CultureInfo.InvariantCulture,
                        $"daily maximum {max:0.0} °C (≥{c.TmaxAtLeastC} °C) on {c.ConsecutiveDays} day(s) running within {c.WithinHours} h");
                    var from = Math.Max(nowIndex, span[0].Start);
                    return new HazardSignal(HeatHazard.Id, level, window.Weather.TimeAt(from), window.Weather.TimeAt(span[^1].End), max, basis);
                }
            }
        }

        return null;
    }
}
