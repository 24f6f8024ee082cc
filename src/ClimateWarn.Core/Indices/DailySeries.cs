using System.Globalization;

namespace ClimateWarn.Core.Indices;

/// <summary>Shared checks and window arithmetic for the daily index series.</summary>
internal static class DailySeries
{
    /// <summary>
    /// Rejects series the indices would silently misread: the windows count positions, so every day must follow the
    /// previous one and a missing day has to be present as NaN, never left out.
    /// </summary>
    public static void Require(IReadOnlyList<DateOnly> days, IReadOnlyList<double> values, string valuesName)
    {
        ArgumentNullException.ThrowIfNull(days);
        ArgumentNullException.ThrowIfNull(values, valuesName);
        if (days.Count != values.Count)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"{valuesName} has {values.Count} values for {days.Count} days; they must match."), valuesName);
        }

        for (var i = 1; i < days.Count; i++)
        {
            if (days[i] != days[i - 1].AddDays(1))
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"days must be consecutive: {days[i - 1]:yyyy-MM-dd} is followed by {days[i]:yyyy-MM-dd}; mark missing days with NaN."),
                    nameof(days));
            }
        }
    }

    public static void RequireWindow(int windowDays, string name)
    {
        if (windowDays < 1)
        {
            throw new ArgumentOutOfRangeException(name, windowDays, "The window must be at least one day.");
        }
    }

    /// <summary>
    /// Sum of the <paramref name="windowDays"/> days ending on each day, weighted by decay^age (age 0 = that day).
    /// NaN while the window is incomplete at the start, when any day in it is missing, or, unless
    /// <paramref name="allowNegative"/>, when a value is negative (precipitation below zero is bad data; a Penman–Monteith
    /// ET₀ can be slightly negative on a cold humid day and is real).
    /// </summary>
    /// <remarks>
    /// Each window is summed afresh rather than kept as a running total: a running total leaves rounding residue
    /// (1e-15 mm) after a wet spell, and the SPI must see an exact zero to put a dry window in the zero mass.
    /// </remarks>
    public static double[] WindowSums(IReadOnlyList<double> values, int windowDays, double decay = 1, bool allowNegative = false)
    {
        var sums = new double[values.Count];
        for (var i = 0; i < sums.Length; i++)
        {
            sums[i] = i + 1 < windowDays ? double.NaN : WindowSum(values, i, windowDays, decay, allowNegative);
        }

        return sums;
    }

    private static double WindowSum(IReadOnlyList<double> values, int end, int windowDays, double decay, bool allowNegative)
    {
        var sum = 0.0;
        var weight = 1.0;
        for (var age = 0; age < windowDays; age++)
        {
            var v = values[end - age];
            if (!double.IsFinite(v) || (v < 0 && !allowNegative))
            {
                return double.NaN;
            }

            sum += weight * v;
            weight *= decay;
        }

        return sum;
    }
}
