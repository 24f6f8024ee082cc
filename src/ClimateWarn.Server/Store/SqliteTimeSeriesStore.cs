using System.Globalization;
using System.Text;
using ClimateWarn.Core.TimeSeries;
using Microsoft.Data.Sqlite;

namespace ClimateWarn.Server.Store;

/// <summary>
/// The embedded default store: one row per (measurement, place, field, series, time). The series key is the sorted tag
/// set, as InfluxDB keys a series, so writing the same series and time again overwrites (idempotent retries).
/// </summary>
public sealed class SqliteTimeSeriesStore(string path) : SqliteDatabase(path, Schema), ITimeSeriesStore
{
    private const string Schema = """
            CREATE TABLE IF NOT EXISTS points (
                measurement TEXT NOT NULL,
                place TEXT NOT NULL,
                source TEXT NOT NULL,
                field TEXT NOT NULL,
                series TEXT NOT NULL,
                time INTEGER NOT NULL,
                value REAL NOT NULL,
                PRIMARY KEY (measurement, place, field, series, time)
            ) WITHOUT ROWID;
        """;

    public async Task<int> WriteAsync(IReadOnlyCollection<TimeSeriesPoint> points, CancellationToken cancellationToken)
    {
        TimeSeriesPoint.ThrowIfAnyInvalid(points);

        if (points.Count == 0)
        {
            return 0;
        }

        await using var connection = Open();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO points (measurement, place, source, field, series, time, value) VALUES ($m, $p, $src, $f, $s, $t, $v)
            ON CONFLICT (measurement, place, field, series, time) DO UPDATE SET value = excluded.value;
            """;
        var m = command.Parameters.Add("$m", SqliteType.Text);
        var pl = command.Parameters.Add("$p", SqliteType.Text);
        var src = command.Parameters.Add("$src", SqliteType.Text);
        var f = command.Parameters.Add("$f", SqliteType.Text);
        var s = command.Parameters.Add("$s", SqliteType.Text);
        var t = command.Parameters.Add("$t", SqliteType.Integer);
        var v = command.Parameters.Add("$v", SqliteType.Real);
        var written = 0;
        foreach (var point in points)
        {
            m.Value = point.Measurement;
            pl.Value = point.Tags.TryGetValue(Tags.Place, out var place) ? place : string.Empty;
            src.Value = point.Tags.TryGetValue(Tags.Source, out var source) ? source : string.Empty;
            s.Value = SeriesKey(point.Tags);
            t.Value = point.Timestamp.ToUnixTimeMilliseconds();
            foreach (var (field, value) in point.Fields)
            {
                f.Value = field;
                v.Value = value;
                await command.ExecuteNonQueryAsync(cancellationToken);
                written++;
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return written;
    }

    public async Task<IReadOnlyList<TimeSeriesValue>> ReadAsync(TimeSeriesQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Places.Count == 0 || query.Fields.Count == 0 || query.From >= query.To)
        {
            return [];
        }

        await using var connection = Open();
        await using var command = connection.CreateCommand();
        var fields = query.Fields.ToList();
        var places = query.Places.ToList();
        var fieldNames = string.Join(", ", fields.Select((_, i) => "$f" + i.ToString(CultureInfo.InvariantCulture)));
        var placeNames = string.Join(", ", places.Select((_, i) => "$p" + i.ToString(CultureInfo.InvariantCulture)));
        command.CommandText = $"""
            SELECT place, time, field, value FROM points
            WHERE measurement = $m AND place IN ({placeNames}) AND field IN ({fieldNames}) AND time >= $from AND time < $to
            ORDER BY place, time, field;
            """;
        command.Parameters.AddWithValue("$m", query.Measurement);
        for (var i = 0; i < places.Count; i++)
        {
            command.Parameters.AddWithValue("$p" + i.ToString(CultureInfo.InvariantCulture), places[i]);
        }

        command.Parameters.AddWithValue("$from", query.From.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$to", query.To.ToUnixTimeMilliseconds());
        for (var i = 0; i < fields.Count; i++)
        {
            command.Parameters.AddWithValue("$f" + i.ToString(CultureInfo.InvariantCulture), fields[i]);
        }

        var result = new List<TimeSeriesValue>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(new TimeSeriesValue(reader.GetString(0), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)), reader.GetString(2), reader.GetDouble(3)));
        }

        return result;
    }

    public async Task<long> CountValuesAsync(string measurement, string? source, IReadOnlyCollection<string> places, DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(places);
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        var list = places.ToList();
        var placeFilter = list.Count == 0 ? string.Empty
            : $" AND place IN ({string.Join(", ", list.Select((_, i) => "$p" + i.ToString(CultureInfo.InvariantCulture)))})";
        command.CommandText = $"SELECT COUNT(*) FROM points WHERE measurement = $m{(source is null ? string.Empty : " AND source = $s")}{placeFilter} AND time >= $from AND time <= $to";
        command.Parameters.AddWithValue("$m", measurement);
        command.Parameters.AddWithValue("$s", (object?)source ?? DBNull.Value);
        command.Parameters.AddWithValue("$from", from.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$to", until.ToUnixTimeMilliseconds());
        for (var i = 0; i < list.Count; i++)
        {
            command.Parameters.AddWithValue("$p" + i.ToString(CultureInfo.InvariantCulture), list[i]);
        }

        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task<long> DeleteBeforeAsync(string measurement, DateTimeOffset before, CancellationToken cancellationToken)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM points WHERE measurement = $m AND time < $t";
        command.Parameters.AddWithValue("$m", measurement);
        command.Parameters.AddWithValue("$t", before.ToUnixTimeMilliseconds());
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Tags in sorted order, as InfluxDB's series key: place=…,source=….</summary>
    internal static string SeriesKey(IReadOnlyDictionary<string, string> tags)
    {
        var sb = new StringBuilder();
        foreach (var (k, v) in tags.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            sb.Append(sb.Length == 0 ? string.Empty : ",").Append(k).Append('=').Append(v);
        }

        return sb.ToString();
    }

}
