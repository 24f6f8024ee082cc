namespace ClimateWarn.Core.Hazards;

/// <summary>Daily minima and maxima per local (Asia/Shanghai) calendar day from an hourly series.</summary>
internal static class DailyExtremes
{
    /// <summary>A day needs this many readings to count: 3-hourly synoptic records give 8, hourly forecasts 24.</summary>
    public const int MinReadingsPerDay = 4;

    public static SortedDictionary<DateOnly, (double Min, double Max, int Start, int End)> Of(AssessmentWindow window, ReadOnlySpan<double> values)
    {
        var days = new SortedDictionary<DateOnly, (double Min, double Max, int Start, int End)>();
        var counts = new Dictionary<DateOnly, int>();
        for (var i = 0; i < values.Length; i++)
        {
            var day = window.LocalDate(window.Weather.TimeAt(i));
            var v = values[i];
            var (min, max, start, _) = days.TryGetValue(day, out var d) ? d : (double.PositiveInfinity, double.NegativeInfinity, i, i);
            if (double.IsFinite(v))
            {
                min = Math.Min(min, v);
                max = Math.Max(max, v);
                counts[day] = counts.GetValueOrDefault(day) + 1;
            }

            days[day] = (min, max, start, i + 1);
        }

        foreach (var day in days.Keys.ToList())
        {
            if (counts.GetValueOrDefault(day) < MinReadingsPerDay)
            {
                days.Remove(day);
            }
        }

        return days;
    }
}
