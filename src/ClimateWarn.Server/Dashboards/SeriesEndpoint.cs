using ClimateWarn.Core.Places;
using ClimateWarn.Core.TimeSeries;
using ClimateWarn.Core.Weather;
using ClimateWarn.Server.Configuration;

namespace ClimateWarn.Server.Dashboards;

/// <summary>GET /api/dashboards/series: hourly observed and forecast temperature and precipitation at a district's seat.</summary>
public static class SeriesEndpoint
{
    public const int MaxHours = 24 * 14;

    private static readonly string[] Fields = [WeatherVariables.Temperature2m, WeatherVariables.Precipitation];

    public static IEndpointRouteBuilder MapSeries(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/dashboards/series", async (string? district, int? pastHours, int? aheadHours, PlaceCatalog places,
            ITimeSeriesStore store, PipelineClock clock, CancellationToken ct) =>
        {
            if (!places.TryGetDistrict(district, out var d))
            {
                return Results.Problem(statusCode: district is null ? 400 : 404, title: "区县无效 Invalid district",
                    detail: $"Give ?district=<district code>, one of {places.DistrictCodes}; '{district}' is not one.");
            }

            if (pastHours is < 1 or > MaxHours || aheadHours is < 0 or > MaxHours)
            {
                return Results.Problem(statusCode: 400, title: "参数无效 Invalid parameter",
                    detail: $"pastHours must be 1–{MaxHours} and aheadHours 0–{MaxHours}.");
            }

            var now = clock.Now;
            var from = HourlyWeather.TruncateToHour(now.AddHours(-(pastHours ?? 72)));
            var to = now.AddHours(aheadHours ?? 72);
            var place = d.SeatCell.Id;
            var observed = await store.ReadAsync(new TimeSeriesQuery(Measurements.Observation, [place], Fields, from, to), ct);
            var forecast = await store.ReadAsync(new TimeSeriesQuery(Measurements.Forecast, [place], Fields, from, to), ct);
            return Results.Ok(new
            {
                district = d.Code,
                place,
                now,
                from,
                to,
                observed = Shape(observed),
                forecast = Shape(forecast),
            });
        })
            .WithSummary("气象序列 / Weather series")
            .WithDescription("Hourly observed and forecast series at a district's seat (?district=<district code>&pastHours=72&aheadHours=72) for the dashboards' charts. 400 for a bad range or no district, 404 for an unknown one.")
            .WithTags("dashboards")
            .Produces(200)
            .ProducesProblem(400)
            .ProducesProblem(404);
        return app;
    }

    private static object Shape(IReadOnlyList<TimeSeriesValue> values) => new
    {
        temperature = Points(values, WeatherVariables.Temperature2m),
        precipitation = Points(values, WeatherVariables.Precipitation),
    };

    private static IEnumerable<object[]> Points(IReadOnlyList<TimeSeriesValue> values, string field) =>
        values.Where(v => v.Field == field).OrderBy(v => v.Timestamp).Select(v => new object[] { v.Timestamp, Math.Round(v.Value, 2) });
}
