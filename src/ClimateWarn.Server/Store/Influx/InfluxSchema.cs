using System.Globalization;
using System.Text.Json;
using ClimateWarn.Core.TimeSeries;
using ClimateWarn.Server.Ingest.OpenMeteo;
using Microsoft.Extensions.Options;

namespace ClimateWarn.Server.Store.Influx;

/// <summary>
/// The database and its retention policies, created idempotently at start-up (docs/storage.md): raw forecast runs
/// expire (90 days by default); observations, indices and risks are kept, in long shards because imports reach back decades.
/// </summary>
public sealed class InfluxSchema(IInfluxApi api, IOptions<InfluxOptions> options)
{
    public const string Forecasts = "forecast_runs";
    public const string Kept = "kept";

    public static string RetentionPolicyOf(string measurement) =>
        measurement is Measurements.Forecast or OpenMeteoMapper.DailyMeasurement ? Forecasts : Kept;

    public async Task EnsureAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        var db = InfluxQuery.Identifier(o.Database);
        await ExecuteAsync($"CREATE DATABASE {db}", cancellationToken);
        await PolicyAsync(Forecasts, o.KeepForecasts ? "INF" : Duration(o.ForecastRetention), o.KeepForecasts ? "7d" : "1d", isDefault: false, cancellationToken);
        await PolicyAsync(Kept, "INF", Duration(o.KeptShardDuration), isDefault: true, cancellationToken);
    }

    /// <summary>Runs InfluxQL and returns its series; an error inside an HTTP 200 becomes an <see cref="InfluxQueryException"/>.</summary>
    public async Task<IReadOnlyList<InfluxQuery.Series>> ExecuteAsync(string influxQl, CancellationToken cancellationToken)
    {
        using var response = await api.QueryAsync(options.Value.Database, "ms", new Dictionary<string, string> { ["q"] = influxQl }, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            throw new InfluxQueryException($"HTTP {(int)response.StatusCode}: {(body.Length > 300 ? body[..300] : body)}");
        }

        using (doc)
        {
            // The series outlive the document: parse a clone.
            return InfluxQuery.Parse(doc.RootElement.Clone());
        }
    }

    private async Task PolicyAsync(string name, string duration, string shard, bool isDefault, CancellationToken cancellationToken)
    {
        var on = $"{InfluxQuery.Identifier(name)} ON {InfluxQuery.Identifier(options.Value.Database)}";
        var spec = $"DURATION {duration} REPLICATION 1 SHARD DURATION {shard}{(isDefault ? " DEFAULT" : string.Empty)}";
        try
        {
            await ExecuteAsync($"CREATE RETENTION POLICY {on} {spec}", cancellationToken);
        }
        catch (InfluxQueryException ex) when (ex.Message.Contains("already exists", StringComparison.Ordinal))
        {
            await ExecuteAsync($"ALTER RETENTION POLICY {on} {spec}", cancellationToken);
        }
    }

    private static string Duration(TimeSpan span) => string.Create(CultureInfo.InvariantCulture, $"{Math.Max(1, (long)span.TotalHours)}h");
}
