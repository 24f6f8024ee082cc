using System.Globalization;

namespace ClimateWarn.Core.Hazards.Drought;

/// <summary>A level is reached when the district's MCI is at or below <see cref="MciAtMost"/> (重旱 −1.5, 特旱 −2.0).</summary>
public sealed record DroughtLevel(double MciAtMost);

/// <param name="Levels">Orange and red MCI limits.</param>
/// <param name="ValidDays">
/// A signal holds from its indices' day to that day plus 1 + this many days (the next daily update and a margin);
/// indices older than this give no signal at all (unknown, never "no drought").
/// </param>
public sealed record DroughtThresholds(LevelTable<DroughtLevel> Levels, int ValidDays) : IHazardThresholds
{
    public IEnumerable<SignalLevel> ConfiguredLevels => Levels?.Ascending().Select(l => l.Level) ?? [];

    public IEnumerable<string> Validate(string path)
    {
        var problems = ThresholdChecks.Ordered(path, Levels, "mciAtMost", l => l.MciAtMost, increasing: false)
            .Concat(ThresholdChecks.Range(path, Levels, "mciAtMost", l => l.MciAtMost, -3.5, -0.5));
        return ValidDays is >= 1 and <= 10 ? problems
            : problems.Append(string.Create(CultureInfo.InvariantCulture, $"{path}.validDays = {ValidDays} is outside the allowed range [1, 10]"));
    }
}
