using System.Globalization;
using ClimateWarn.Core.Places;
using Microsoft.Extensions.Options;

namespace ClimateWarn.Server.Ingest.OpenMeteo;

/// <summary>
/// One call per district for all its grid cells (comma-separated coordinates answer with an array), from the model
/// <see cref="IDrivingModel"/> chooses (Open-Meteo's best_match blend unless configured otherwise).
/// </summary>
public sealed class OpenMeteoForecastSource(IOpenMeteoApi api, IOptions<OpenMeteoOptions> options, IDrivingModel driving) : IForecastSource
{
    public string Name => OpenMeteoMapper.SourceName;

    public async Task<SourceBatch> FetchAsync(District district, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(district);
        var query = new ForecastQuery(
            string.Join(',', district.Cells.Select(c => c.Point.Lat.ToString("0.####", CultureInfo.InvariantCulture))),
            string.Join(',', district.Cells.Select(c => c.Point.Lon.ToString("0.####", CultureInfo.InvariantCulture))),
            options.Value.PastDays,
            options.Value.ForecastDays);
        var model = await driving.ChooseAsync(cancellationToken);
        // One model asked by name answers with unsuffixed columns, as best_match does: the same mapper reads both.
        return await OpenMeteoResponses.ReadAsync(Name, model == ConfiguredDrivingModel.BestMatch ? district.Code : $"{district.Code} {model}",
            () => model == ConfiguredDrivingModel.BestMatch
                ? api.GetForecastAsync(query.Latitude, query.Longitude, ForecastQuery.Hourly, ForecastQuery.Daily,
                    ForecastQuery.Timezone, ForecastQuery.WindSpeedUnit, query.PastDays, query.ForecastDays, cancellationToken)
                : api.GetForecastFromAsync(query.Latitude, query.Longitude, ForecastQuery.Hourly, ForecastQuery.Daily, model,
                    ForecastQuery.Timezone, ForecastQuery.WindSpeedUnit, query.PastDays, query.ForecastDays, cancellationToken),
            root => OpenMeteoMapper.Map(root, district.Cells, now),
            cancellationToken);
    }
}
