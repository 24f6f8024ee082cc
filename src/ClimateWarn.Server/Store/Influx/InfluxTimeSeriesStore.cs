using System.Globalization;
using System.Text.Json;
using ClimateWarn.Core.TimeSeries;

namespace ClimateWarn.Server.Store.Influx;

/// <summary>
/// The time-series store on InfluxDB's v1 HTTP API: writes go through <see cref="InfluxWriter"/> (batched, gzip,
/// nothing lost), reads are InfluxQL over /query. Each measurement lives in its retention policy (docs/storage.md).
/// </summary>
public sealed class InfluxTimeSeriesStore(InfluxWriter writer, InfluxSchema schema) : ITimeSeriesStore
{
    public async Task<int> WriteAsync(IReadOnlyCollection<TimeSeriesPoint> points, CancellationToken cancellationToken)
    {
        TimeSeriesPoint.ThrowIfAnyInvalid(points);

        if (points.Count == 0)
        {
            return 0;
        }

        await writer.WriteAsync(points, cancellationToken);
        return points.Sum(p => p.Fields.Count);
    }

    public async Task<IReadOnlyList<TimeSeriesValue>> ReadAsync(TimeSeriesQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Places.Count == 0 || query.Fields.Count == 0 || query.From >= query.To)
        {
            return [];
        }

        var q = $"SELECT {string.Join(", ", query.Fields.Select(InfluxQuery.Identifier))} FROM {From(query.Measurement)} " +
                $"WHERE {InfluxQuery.AnyOf(Tags.Place, query.Places)} AND time >= {InfluxQuery.Time(query.From)} AND time < {InfluxQuery.Time(query.To)} " +
                $"GROUP BY {InfluxQuery.Identifier(Tags.Place)}";
        var result = new List<TimeSeriesValue>();
        foreach (var series in await schema.ExecuteAsync(q, cancellationToken))
        {
            var place = series.Tags.GetValueOrDefault(Tags.Place, string.Empty);
            foreach (var row in series.Rows)
            {
                var time = DateTimeOffset.FromUnixTimeMilliseconds(row[0].GetInt64());
                for (var c = 1; c < series.Columns.Count; c++)
                {
                    if (row[c].ValueKind == JsonValueKind.Number)
                    {
                        result.Add(new TimeSeriesValue(place, time, series.Columns[c], row[c].GetDouble()));
                    }
                }
            }
        }

        return [.. result.OrderBy(v => v.Place, StringComparer.Ordinal).ThenBy(v => v.Timestamp).ThenBy(v => v.Field, StringComparer.Ordinal)];
    }

    public async Task<long> CountValuesAsync(string measurement, string? source, IReadOnlyCollection<string> places, DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(places);
        var where = new List<string> { $"time >= {InfluxQuery.Time(Clamp(from))}", $"time <= {InfluxQuery.Time(Clamp(until))}" };
        if (source is not null)
        {
            where.Add($"{InfluxQuery.Identifier(Tags.Source)} = {InfluxQuery.Literal(source)}");
        }

        if (places.Count > 0)
        {
            where.Add(InfluxQuery.AnyOf(Tags.Place, places));
        }

        var total = 0L;
        foreach (var series in await schema.ExecuteAsync($"SELECT COUNT(*) FROM {From(measurement)} WHERE {string.Join(" AND ", where)}", cancellationToken))
        {
            foreach (var row in series.Rows)
            {
                for (var c = 1; c < row.Length; c++)
                {
                    total += row[c].ValueKind == JsonValueKind.Number ? row[c].GetInt64() : 0;
                }
            }
        }

        return total;
    }

    /// <summary>InfluxQL DELETE (1.x; every retention policy of the measurement); InfluxDB does not say how many points went.</summary>
    public async Task<long> DeleteBeforeAsync(string measurement, DateTimeOffset before, CancellationToken cancellationToken)
    {
        await schema.ExecuteAsync($"DELETE FROM {InfluxQuery.Identifier(measurement)} WHERE time < {InfluxQuery.Time(Clamp(before))}", cancellationToken);
        return -1;
    }

    private static string From(string measurement) =>
        $"{InfluxQuery.Identifier(InfluxSchema.RetentionPolicyOf(measurement))}.{InfluxQuery.Identifier(measurement)}";

    /// <summary>InfluxDB stores nanoseconds since 1677-09-21; wider bounds are clamped to what it can hold.</summary>
    private static DateTimeOffset Clamp(DateTimeOffset t)
    {
        var min = new DateTimeOffset(1677, 9, 22, 0, 0, 0, TimeSpan.Zero);
        var max = new DateTimeOffset(2262, 4, 11, 0, 0, 0, TimeSpan.Zero);
        return t < min ? min : t > max ? max : t;
    }
}
