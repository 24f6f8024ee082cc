using System.Globalization;

namespace ClimateWarn.Core.Hazards;

/// <summary>Shared checks for threshold tables; each message names the field, the limit and the value.</summary>
internal static class ThresholdChecks
{
    public static IEnumerable<string> OnlyLevels<T>(string path, LevelTable<T> table, params SignalLevel[] allowed)
        where T : class
    {
        if (table is null)
        {
            yield return $"{path}.levels is missing";
            yield break;
        }

        var any = false;
        foreach (var (level, _) in table.Ascending())
        {
            any = true;
            if (!allowed.Contains(level))
            {
                yield return $"{path}.levels.{HazardNames.LevelEn(level)}: this hazard has no {HazardNames.LevelEn(level)} level (it has {string.Join(", ", allowed.Select(HazardNames.LevelEn))})";
            }
        }

        if (!any)
        {
            yield return $"{path}.levels: no level is configured";
        }
    }

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
                    $"{path}.levels.{HazardNames.LevelEn(level)}.{field} = {v} is milder than {HazardNames.LevelEn(p.Level)} ({p.Value}): it must be {(increasing ? "at least" : "at most")} {p.Value}");
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
                    $"{path}.levels.{HazardNames.LevelEn(level)}.{field} = {v} is outside the allowed range [{min}, {max}]");
            }
        }
    }
}
