using ClimateWarn.Core.TimeSeries;

namespace ClimateWarn.Core.Weather;

/// <summary>
/// One place's weather on an hourly UTC axis; a missing value is NaN (in memory only, never stored).
/// Sparse records (3-hourly synoptic readings) simply leave the hours between them NaN.
/// </summary>
public sealed class HourlyWeather
{
    private readonly Dictionary<string, double[]> _values = new(StringComparer.Ordinal);

    public HourlyWeather(string place, DateTimeOffset start, int hours)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(hours);
        Place = place;
        Start = TruncateToHour(start);
        Hours = hours;
    }

    public string Place { get; }

    public DateTimeOffset Start { get; }

    public int Hours { get; }

    public DateTimeOffset End => Start.AddHours(Hours);

    public DateTimeOffset TimeAt(int index) => Start.AddHours(index);

    public int IndexOf(DateTimeOffset time) => (int)Math.Floor((time - Start).TotalHours);

    /// <summary>The series of a variable; all NaN when the variable was never set.</summary>
    public ReadOnlySpan<double> this[string variable] => _values.TryGetValue(variable, out var v) ? v : Empty();

    public bool Has(string variable) => _values.TryGetValue(variable, out var v) && v.Any(double.IsFinite);

    public void Set(string variable, DateTimeOffset time, double value)
    {
        var i = IndexOf(time);
        if (i < 0 || i >= Hours || time != TruncateToHour(time))
        {
            return;
        }

        if (!_values.TryGetValue(variable, out var series))
        {
            series = new double[Hours];
            Array.Fill(series, double.NaN);
            _values[variable] = series;
        }

        series[i] = value;
    }

    public static HourlyWeather FromValues(string place, DateTimeOffset start, int hours, IEnumerable<TimeSeriesValue> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var weather = new HourlyWeather(place, start, hours);
        foreach (var v in values)
        {
            weather.Set(v.Field, v.Timestamp, v.Value);
        }

        return weather;
    }

    public static DateTimeOffset TruncateToHour(DateTimeOffset t) =>
        new(t.UtcTicks - (t.UtcTicks % TimeSpan.TicksPerHour), TimeSpan.Zero);

    private double[] Empty()
    {
        var empty = new double[Hours];
        Array.Fill(empty, double.NaN);
        return empty;
    }
}
