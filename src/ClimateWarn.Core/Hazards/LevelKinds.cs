namespace ClimateWarn.Core.Hazards;

/// <summary>A level defined only by how soon the hazard is expected: within <see cref="WithinHours"/> (road icing, thunder, hail).</summary>
/// <param name="WithinHours">How soon the level is expected.</param>
/// <param name="ProposeOnWeatherCodes">WMO weather codes (95–99) that, forecast within the window, propose this level to the forecaster.</param>
/// <param name="ProposeOnCapeAtLeast">CAPE (J/kg) that, forecast within the window, proposes this level to the forecaster.</param>
public sealed record LeadTimeLevel(int WithinHours, IReadOnlyList<int>? ProposeOnWeatherCodes = null, double? ProposeOnCapeAtLeast = null)
{
    /// <summary>A more severe level is expected sooner (or as soon): its window is no longer than a milder one's.</summary>
    internal static IEnumerable<string> Checks(string path, LevelTable<LeadTimeLevel> levels) =>
        ThresholdChecks.Ordered(path, levels, "withinHours", l => l.WithinHours, increasing: false)
            .Concat(ThresholdChecks.Range(path, levels, "withinHours", l => l.WithinHours, 1, 72))
            .Concat(levels?.Ascending().SelectMany(l => (l.Criteria.ProposeOnWeatherCodes ?? []).Where(c => c is < 95 or > 99)
                .Select(c => $"{path}.levels.{SignalLevels.En(l.Level)}.proposeOnWeatherCodes: {c} is not a thunderstorm code (95–99)")) ?? [])
            .Concat(levels?.Ascending().Where(l => l.Criteria.ProposeOnCapeAtLeast is < 100 or > 10_000)
                .Select(l => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{path}.levels.{SignalLevels.En(l.Level)}.proposeOnCapeAtLeast = {l.Criteria.ProposeOnCapeAtLeast} must be 100–10000 J/kg")) ?? []);
}

/// <summary>Visibility below <see cref="VisibilityBelowM"/> metres within <see cref="WithinHours"/> (fog, sandstorm).</summary>
public sealed record VisibilityLevel(double VisibilityBelowM, int WithinHours)
{
    internal static IEnumerable<string> Checks(string path, LevelTable<VisibilityLevel> levels) =>
        ThresholdChecks.Ordered(path, levels, "visibilityBelowM", l => l.VisibilityBelowM, increasing: false)
            .Concat(ThresholdChecks.Ordered(path, levels, "withinHours", l => l.WithinHours, increasing: false))
            .Concat(ThresholdChecks.Range(path, levels, "visibilityBelowM", l => l.VisibilityBelowM, 1, 50_000))
            .Concat(ThresholdChecks.Range(path, levels, "withinHours", l => l.WithinHours, 1, 72));
}

/// <summary>The table of a hazard whose levels are lead times only (thunder, hail, typhoon).</summary>
public sealed record LeadTimeThresholds(LevelTable<LeadTimeLevel> Levels) : IHazardThresholds
{
    public IEnumerable<SignalLevel> ConfiguredLevels => Levels?.Ascending().Select(l => l.Level) ?? [];

    public IEnumerable<string> Validate(string path) => LeadTimeLevel.Checks(path, Levels);
}
