using System.Globalization;

namespace ClimateWarn.Core.Hazards;

/// <summary>Shared checks for threshold tables; each message names the field, the limit and the value.</summary>
internal static class ThresholdChecks
{
    /// <summary>Checks that a quantity grows (or shrinks) with severity from one configured level to the next.</summary>
    public static IEnumerable<string> Ordered<T>(string path, LevelTable<T> table, string field, Func<T, double> value, bool increasing)
        where T : class
    {
        if (table is null)
        {
            yield break;
        }

        (SignalLevel Level, double Value)? previous = null;
        foreach (var (level, criteria) in table.Ascending())
        {
            var v = value(criteria);
            if (previous is { } p && (increasing ? v < p.Value : v > p.Value))
            {
                yield return string.Create(CultureInfo.InvariantCulture,
                    $"{path}.levels.{SignalLevels.En(level)}.{field} = {v} is milder than {SignalLevels.En(p.Level)} ({p.Value}): it must be {(increasing ? "at least" : "at most")} {p.Value}");
            }

            previous = (level, v);
        }
    }

    public static IEnumerable<string> Range<T>(string path, LevelTable<T> table, string field, Func<T, double> value, double min, double max)
        where T : class
    {
        if (table is null)
        {
            yield break;
        }

        foreach (var (level, criteria) in table.Ascending())
        {
            var v = value(criteria);
            if (!(v >= min && v <= max))
            {
                yield return string.Create(CultureInfo.InvariantCulture,
                    $"{path}.levels.{SignalLevels.En(level)}.{field} = {v} is outside the allowed range [{min}, {max}]");
            }
        }
    }

    /// <summary>A single percentage (relative humidity) in [0, 100].</summary>
    public static IEnumerable<string> Percent(string path, string field, double value)
    {
        if (!(value is >= 0 and <= 100))
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"{path}.{field} = {value} is outside the allowed range [0, 100]");
        }
    }
}
