using System.Globalization;
using ClimateWarn.Core.Places;
using Microsoft.Extensions.Options;

namespace ClimateWarn.Server.Ingest.OpenMeteo;

/// <summary>One call per district for all its grid cells (comma-separated coordinates answer with an array).</summary>
public sealed class OpenMeteoForecastSource(IOpenMeteoApi api, IOptions<OpenMeteoOptions> options) : IForecastSource
{
    public string Name => OpenMeteoMapper.SourceName;

    public Task<SourceBatch> FetchAsync(District district, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(district);
        var query = new ForecastQuery(
            string.Join(',', district.Cells.Select(c => c.Point.Lat.ToString("0.####", CultureInfo.InvariantCulture))),
            string.Join(',', district.Cells.Select(c => c.Point.Lon.ToString("0.####", CultureInfo.InvariantCulture))),
            options.Value.PastDays,
            options.Value.ForecastDays);
        return OpenMeteoResponses.ReadAsync(Name, district.Code,
            () => api.GetForecastAsync(query.Latitude, query.Longitude, ForecastQuery.Hourly, ForecastQuery.Daily,
                ForecastQuery.Timezone, ForecastQuery.WindSpeedUnit, query.PastDays, query.ForecastDays, cancellationToken),
            root => OpenMeteoMapper.Map(root, district.Cells, now),
            cancellationToken);
    }
}
