namespace ClimateWarn.Core.Stations;

/// <summary>One synoptic reading; NaN where the record has nothing.</summary>
public readonly record struct StationReading(DateTimeOffset Time, double Temperature, double DewPoint, double WindSpeed, double Precipitation6h);

/// <summary>A station's readings in time order, whatever format they came from.</summary>
public sealed class StationRecord
{
    private readonly StationReading[] _readings;

    public StationRecord(string station, IEnumerable<StationReading> readings)
    {
        Station = station;
        _readings = [.. readings.OrderBy(r => r.Time)];
    }

    public string Station { get; }

    public IReadOnlyList<StationReading> Readings => _readings;

    /// <summary>Readings with from &lt; time ≤ to (binary search: callers ask for many windows).</summary>
    public ReadOnlySpan<StationReading> Between(DateTimeOffset from, DateTimeOffset to)
    {
        var list = _readings;
        var start = LowerBound(list, from, inclusive: false);
        var end = LowerBound(list, to, inclusive: false);
        return list.AsSpan(start, end - start);
    }

    /// <summary>First index whose time is after <paramref name="t"/> (or at it when not inclusive-of-equal).</summary>
    private static int LowerBound(StationReading[] list, DateTimeOffset t, bool inclusive)
    {
        int lo = 0, hi = list.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (list[mid].Time < t || (!inclusive && list[mid].Time == t))
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
