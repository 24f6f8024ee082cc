using ClimateWarn.Core.Indices;
using ClimateWarn.Core.Places;
using ClimateWarn.Core.TimeSeries;
using ClimateWarn.Server.Assess.Indices;
using ClimateWarn.Server.Configuration;

namespace ClimateWarn.Server.Dashboards;

/// <summary>
/// GET /api/dashboards/indices: the drought indices the index job stored for a district ("index" measurement, one point a
/// day), over the season, each value with its class, for the agriculture page's chart. /api/indices gives only the latest.
/// </summary>
public static class IndicesSeasonEndpoint
{
    public const string Measurement = DroughtIndexService.Measurement;

    private static readonly string[] Fields = ["spi30", "spi60", "spi90", "spi150", "spiw60", "mi30", "mci"];

    public static IEndpointRouteBuilder MapIndicesSeason(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/dashboards/indices", async (string? district, int? days, PlaceCatalog places, ITimeSeriesStore store, PipelineClock clock, CancellationToken ct) =>
        {
            if (!places.TryGetDistrict(district, out var d))
            {
                return Results.Problem(statusCode: district is null ? 400 : 404, title: "区县无效 Invalid district",
                    detail: $"Give ?district=<district code>, one of {places.DistrictCodes}; '{district}' is not one.");
            }

            if (days is < 1 or > 730)
            {
                return Results.Problem(statusCode: 400, title: "参数无效 Invalid parameter", detail: "days must be between 1 and 730.");
            }

            var now = clock.Now;
            var from = now.AddDays(-(days ?? 180));
            var values = await store.ReadAsync(new TimeSeriesQuery(Measurement, [d.Code], Fields, from, now.AddDays(1)), ct);
            return Results.Ok(new
            {
                district = d.Code,
                from,
                to = now,
                series = Fields.ToDictionary(f => f, f => values.Where(v => v.Field == f).OrderBy(v => v.Timestamp).Select(v =>
                {
                    var c = f == "mi30" ? DroughtClasses.OfMi(v.Value) : DroughtClasses.OfIndex(v.Value);
                    return new { at = v.Timestamp, value = Math.Round(v.Value, 3), @class = c.ToString(), classZh = c.ChineseName(), classEn = c.EnglishName() };
                })),
            });
        })
            .WithSummary("干旱指数季节序列 / Drought indices over the season")
            .WithDescription("Daily drought indices of a district over the last ?days (default a season) for the agriculture dashboard's chart. 400 for a bad range or no district, 404 for an unknown one.")
            .WithTags("dashboards")
            .Produces(200)
            .ProducesProblem(400)
            .ProducesProblem(404);
        return app;
    }
}
