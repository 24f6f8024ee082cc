using System.Globalization;
using ClimateWarn.Core.Weather;

namespace ClimateWarn.Core.Hazards.ColdWave;

/// <summary>Within <see cref="WithinHours"/> the daily minimum falls by at least <see cref="FallAtLeastC"/> to at most
/// <see cref="TminAtMostC"/>, with mean wind of at least <see cref="WindAtLeastMs"/>.</summary>
public sealed record ColdWaveLevel(int WithinHours, double FallAtLeastC, double TminAtMostC, double WindAtLeastMs);

public sealed record ColdWaveThresholds(LevelTable<ColdWaveLevel> Levels) : IHazardThresholds
{
    public IEnumerable<SignalLevel> ConfiguredLevels => Levels?.Ascending().Select(l => l.Level) ?? [];

    public IEnumerable<string> Validate(string path) =>
        ThresholdChecks.Ordered(path, Levels, "fallAtLeastC", l => l.FallAtLeastC, increasing: true)
            .Concat(ThresholdChecks.Ordered(path, Levels, "tminAtMostC", l => l.TminAtMostC, increasing: false))
            .Concat(ThresholdChecks.Ordered(path, Levels, "windAtLeastMs", l => l.WindAtLeastMs, increasing: true))
            .Concat(ThresholdChecks.Range(path, Levels, "fallAtLeastC", l => l.FallAtLeastC, 1, 40))
            .Concat(ThresholdChecks.Range(path, Levels, "windAtLeastMs", l => l.WindAtLeastMs, 0, 60))
            .Concat(ThresholdChecks.Range(path, Levels, "withinHours", l => l.WithinHours, 24, 72))
            .Concat(Levels is null ? [] : Levels.Ascending().Where(l => l.Criteria.WithinHours % 24 != 0)
                .Select(l => $"{path}.levels.{SignalLevels.En(l.Level)}.withinHours = {l.Criteria.WithinHours} must be a whole number of days (24, 48 or 72)"));
}

public static class ColdWaveAssessor
{
    /// <summary>
    /// Compares each local day's minimum with the minimum WithinHours/24 days before it, for the days that end after
    /// now and begin before now + WithinHours; the wind is the strongest mean wind over that fall.
    /// </summary>
    public static HazardSignal? Assess(AssessmentWindow window, ColdWaveThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(window);
        ArgumentNullException.ThrowIfNull(thresholds);
        var days = DailyExtremes.Of(window, window.Weather[WeatherVariables.Temperature2m]);
        var wind = window.Weather[WeatherVariables.WindSpeed10m];
        var (nowIndex, _) = window.Ahead(0);
        foreach (var (level, c) in thresholds.Levels.Descending())
        {
            var lagDays = c.WithinHours / 24;
            var horizon = nowIndex + c.WithinHours;
            foreach (var (day, today) in days)
            {
                if (today.End <= nowIndex || today.Start >= horizon || !days.TryGetValue(day.AddDays(-lagDays), out var before))
                {
                    continue;
                }

                var fall = before.Min - today.Min;
                var maxWind = double.NaN;
                for (var i = before.Start; i < today.End; i++)
                {
                    maxWind = double.IsFinite(wind[i]) && !(wind[i] <= maxWind) ? wind[i] : maxWind;
                }

                if (fall >= c.FallAtLeastC && today.Min <= c.TminAtMostC && maxWind >= c.WindAtLeastMs)
                {
                    var basis = string.Create(CultureInfo.InvariantCulture,
                        $"daily minimum falls {fall:0.0} °C in {c.WithinHours} h to {today.Min:0.0} °C on {day:yyyy-MM-dd}, mean wind up to {maxWind:0.0} m/s");
                    return new HazardSignal(ColdWaveHazard.Id, level, window.Weather.TimeAt(Math.Max(nowIndex, before.End)), window.Weather.TimeAt(today.End), fall, basis);
                }
            }
        }

        return null;
    }
}
