using System.Globalization;

namespace ClimateWarn.Core.Hazards.Drought;

/// <summary>A level is reached when the district's MCI is at or below <see cref="MciAtMost"/> (重旱 −1.5, 特旱 −2.0).</summary>
public sealed record DroughtLevel(double MciAtMost);

/// <param name="Levels">Orange and red MCI limits.</param>
/// <param name="ValidDays">
/// A signal holds until local midnight this many days after the day it is assessed on: past the next daily update of the
/// indices with a margin, and the same all day, so the hourly cycle does not extend it hour by hour.
/// </param>
/// <param name="MaxAgeDays">
/// Indices whose day is older than this are stale and give no signal at all (unknown, never "no drought"). ERA5 reaches
/// the archive about five days late, so with the archive alone the indices' day is usually five or six days back.
/// </param>
public sealed record DroughtThresholds(LevelTable<DroughtLevel> Levels, int ValidDays, int MaxAgeDays) : IHazardThresholds
{
    public IEnumerable<SignalLevel> ConfiguredLevels => Levels?.Ascending().Select(l => l.Level) ?? [];

    public IEnumerable<string> Validate(string path)
    {
        var problems = ThresholdChecks.Ordered(path, Levels, "mciAtMost", l => l.MciAtMost, increasing: false)
            .Concat(ThresholdChecks.Range(path, Levels, "mciAtMost", l => l.MciAtMost, -3.5, -0.5));
        if (ValidDays is < 1 or > 10)
        {
            problems = problems.Append(string.Create(CultureInfo.InvariantCulture, $"{path}.validDays = {ValidDays} is outside the allowed range [1, 10]"));
        }

        return MaxAgeDays is >= 1 and <= 30 ? problems
            : problems.Append(string.Create(CultureInfo.InvariantCulture, $"{path}.maxAgeDays = {MaxAgeDays} is outside the allowed range [1, 30]"));
    }
}
