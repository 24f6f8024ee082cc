using System.Globalization;

namespace ClimateWarn.Core.Hazards;

/// <summary>
/// The shape most "within N hours" rules share: for each level, most severe first, the hours of [now, now + N) that meet
/// the level's condition; the first level with any such hour is the signal, covering those hours, with the most extreme
/// value among them. A missing value (NaN) never meets a condition, so missing data raises nothing.
/// </summary>
internal static class HourScan
{
    public static HazardSignal? Highest<T>(
        AssessmentWindow window,
        string hazard,
        LevelTable<T> levels,
        Func<T, int> withinHours,
        Func<int, T, bool> meets,
        double[] value,
        bool lowestIsWorst,
        Func<T, double, FormattableString> basis)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(window);
        ArgumentNullException.ThrowIfNull(levels);
        foreach (var (level, criteria) in levels.Descending())
        {
            var (from, to) = window.Ahead(withinHours(criteria));
            int first = -1, last = -1;
            var extreme = double.NaN;
            for (var i = from; i < to; i++)
            {
                if (!meets(i, criteria))
                {
                    continue;
                }

                first = first < 0 ? i : first;
                last = i;
                var v = value[i];
                extreme = double.IsNaN(extreme) ? v : lowestIsWorst ? Math.Min(extreme, v) : Math.Max(extreme, v);
            }

            if (first >= 0)
            {
                return new HazardSignal(hazard, level, window.Weather.TimeAt(first), window.Weather.TimeAt(last + 1), extreme,
                    basis(criteria, extreme).ToString(CultureInfo.InvariantCulture));
            }
        }

        return null;
    }
}
