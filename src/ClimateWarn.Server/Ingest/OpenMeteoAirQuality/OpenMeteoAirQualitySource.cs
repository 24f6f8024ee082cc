using System.Globalization;
using System.Text.Json;
using ClimateWarn.Core.Places;
using ClimateWarn.Core.TimeSeries;
using ClimateWarn.Server.Ingest.OpenMeteo;
using Microsoft.Extensions.Options;

namespace ClimateWarn.Server.Ingest.OpenMeteoAirQuality;

/// <summary>
/// Hourly PM10, PM2.5 and dust for every grid cell of a district, one call per district, stored beside the forecast's
/// hours under the same cells (past hours as observations, later ones as forecasts), so the sandstorm rule reads measured
/// particles instead of its proxy and haze its PM2.5 alternatives. CAMS is a model analysis and forecast, not a station:
/// its provenance is the source tag <c>open-meteo-air-quality</c>.
/// </summary>
public sealed class OpenMeteoAirQualitySource(IOpenMeteoAirQualityApi api, IOptions<OpenMeteoAirQualityOptions> options) : IForecastSource
{
    public const string SourceName = "open-meteo-air-quality";

    public string Name => SourceName;

    public Task<SourceBatch> FetchAsync(District district, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(district);
        var o = options.Value;
        static string Join(IEnumerable<double> v) => string.Join(',', v.Select(x => x.ToString("0.####", CultureInfo.InvariantCulture)));
        return OpenMeteoResponses.ReadAsync(Name, district.Code,
            () => api.GetAirQualityAsync(Join(district.Cells.Select(c => c.Point.Lat)), Join(district.Cells.Select(c => c.Point.Lon)),
                AirQualityQuery.Hourly, AirQualityQuery.Timezone, o.PastDays, o.ForecastDays, cancellationToken),
            root => AirQualityMapper.Map(root, district.Cells, now, district.Code),
            cancellationToken);
    }
}

/// <summary>The forecast mapper on an air-quality answer (same shape, same checks: nulls counted, absurd values refused), keeping only the particles, relabelled.</summary>
internal static class AirQualityMapper
{
    public static SourceBatch Map(JsonElement root, IReadOnlyList<GridCell> cells, DateTimeOffset now, string what)
    {
        SourceBatch mapped;
        try
        {
            mapped = OpenMeteoMapper.Map(root, cells, now);
        }
        catch (SourceException ex)
        {
            throw new SourceException(OpenMeteoAirQualitySource.SourceName, $"{what}: {ex.Message}", ex.Transient, ex);
        }

        var points = new List<TimeSeriesPoint>();
        foreach (var p in mapped.Points)
        {
            var fields = p.Fields.Where(f => AirQualityQuery.Fields.Contains(f.Key)).ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal);
            if (fields.Count > 0)
            {
                points.Add(p with { Fields = fields, Tags = new Dictionary<string, string>(p.Tags, StringComparer.Ordinal) { [Tags.Source] = OpenMeteoAirQualitySource.SourceName } });
            }
        }

        return new SourceBatch(points, mapped.NullsSkipped, mapped.Rejected, [.. mapped.Problems.Select(p => $"{what}: {p}")]);
    }
}
