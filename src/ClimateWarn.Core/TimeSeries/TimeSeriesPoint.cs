namespace ClimateWarn.Core.TimeSeries;

/// <summary>
/// One point in InfluxDB's model: a measurement, a bounded tag set, numeric fields and a UTC timestamp.
/// The same measurement, tags and timestamp identify the point: writing it again overwrites its fields.
/// </summary>
public sealed record TimeSeriesPoint(
    string Measurement,
    IReadOnlyDictionary<string, string> Tags,
    IReadOnlyDictionary<string, double> Fields,
    DateTimeOffset Timestamp)
{
    /// <summary>Throws <see cref="InvalidPointException"/> for the first point that cannot be stored; a store then writes none.</summary>
    public static void ThrowIfAnyInvalid(IEnumerable<TimeSeriesPoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        foreach (var p in points)
        {
            if (p.Problem() is { } problem)
            {
                throw new InvalidPointException(problem);
            }
        }
    }

    /// <summary>Returns why the point cannot be stored, or null when it can.</summary>
    public string? Problem()
    {
        if (string.IsNullOrWhiteSpace(Measurement))
        {
            return "measurement is empty";
        }

        if (Fields.Count == 0)
        {
            return $"{Measurement} at {Timestamp:O} has no fields";
        }

        foreach (var (name, value) in Fields)
        {
            if (!double.IsFinite(value))
            {
                return $"{Measurement}.{name} at {Timestamp:O} is {value}, not a finite number";
            }
        }

        foreach (var (key, value) in Tags)
        {
            if (string.IsNullOrEmpty(key) || string.IsNullOrEmpty(value))
            {
                return $"{Measurement} at {Timestamp:O} has an empty tag key or value";
            }
        }

        return null;
    }
}

/// <summary>A stored value read back for one field.</summary>
public readonly record struct TimeSeriesValue(string Place, DateTimeOffset Timestamp, string Field, double Value);

/// <summary>A range read: one measurement, some places (the place tag), some fields, [From, To).</summary>
public sealed record TimeSeriesQuery(string Measurement, IReadOnlyCollection<string> Places, IReadOnlyCollection<string> Fields, DateTimeOffset From, DateTimeOffset To);

public sealed class InvalidPointException(string reason) : ArgumentException(reason);

public interface ITimeSeriesStore
{
    /// <summary>Writes the points (all or none); idempotent per series and time. Throws <see cref="InvalidPointException"/> for NaN, infinity or empty points.</summary>
    Task<int> WriteAsync(IReadOnlyCollection<TimeSeriesPoint> points, CancellationToken cancellationToken);

    Task<IReadOnlyList<TimeSeriesValue>> ReadAsync(TimeSeriesQuery query, CancellationToken cancellationToken);

    /// <summary>Counts stored field values of a measurement for one source tag (null: any) and some places (empty: all) in [from, until].</summary>
    Task<long> CountValuesAsync(string measurement, string? source, IReadOnlyCollection<string> places, DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken);

    /// <summary>Removes every value of <paramref name="measurement"/> stamped before <paramref name="before"/> (retention); returns how many, or -1 when the store does not say.</summary>
    Task<long> DeleteBeforeAsync(string measurement, DateTimeOffset before, CancellationToken cancellationToken);
}

public static class Measurements
{
    public const string Observation = "observation";
    public const string Forecast = "forecast";
    public const string Risk = "risk";

    /// <summary>Daily station summaries (GSOD, CMA daily, archive days): their own series, never mixed with hourly data.</summary>
    public const string ObservationDaily = "observation_daily";
}

public static class Tags
{
    public const string Place = "place";
    public const string Source = "source";
    public const string Hazard = "hazard";
}
