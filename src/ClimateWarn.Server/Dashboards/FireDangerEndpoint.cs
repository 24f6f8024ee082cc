using ClimateWarn.Core.Hazards.ForestFire;
using ClimateWarn.Core.Places;
using ClimateWarn.Server.Assess;

namespace ClimateWarn.Server.Dashboards;

/// <summary>
/// GET /api/fire-danger: each district's forest and grassland fire-danger grade for today and the next two days (Beijing
/// days) as the last assessment rated it, with the index's parts and what the dry days were counted from, and whether the
/// district raises the signal. The emergency and agriculture pages show it.
/// </summary>
public static class FireDangerEndpoint
{
    public static IEndpointRouteBuilder MapFireDanger(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/fire-danger", (string? district, PlaceCatalog places, FireDangerBoard board) =>
        {
            if (district is not null && !(district.Length == 6 && district.All(char.IsAsciiDigit)))
            {
                return Results.Problem(statusCode: 400, title: "区县代码无效 Invalid district code",
                    detail: $"区县代码应为六位数字（行政区划代码），如 {places.DistrictCodes} 之一；'{district}' 不是。 A district code is six digits (GB/T 2260), one of {places.DistrictCodes}.");
            }

            if (district is not null && !places.TryGetDistrict(district, out _))
            {
                return Results.Problem(statusCode: 404, title: "区县无效 Unknown district",
                    detail: $"'{district}' 不是本局的区县（{places.DistrictCodes}）。 '{district}' is not one of {places.DistrictCodes}.");
            }

            if (board.Thresholds is not { } thresholds)
            {
                return Results.Ok(new { inForce = false, districts = Array.Empty<object>() });
            }

            var chosen = places.Districts.Where(d => district is null || d.Code == district);
            return Results.Ok(new
            {
                inForce = true,
                districts = chosen.Select(d => board.For(d.Code) is { } r
                    ? (object)new
                    {
                        district = d.Code, nameZh = d.NameZh, nameEn = d.NameEn, signals = thresholds.SignalsIn(d.Code), ratedAt = r.At, basis = r.Basis,
                        days = r.DaysAsked.Zip(r.Days).Select(p => p.Second is { } x
                            ? (object)new
                            {
                                date = p.First, grade = x.Grade, gradeZh = FireDangerIndex.GradeName(x.Grade).Zh, gradeEn = FireDangerIndex.GradeName(x.Grade).En,
                                index = Math.Round(x.Index, 1), temperature = x.TemperaturePoints, humidity = x.HumidityPoints, dryDays = x.DryDays,
                                dryDayPoints = x.DryDayPoints, wind = x.WindPoints, rainCorrection = x.RainCorrection,
                            }
                            : new { date = p.First, grade = (int?)null, missing = "weather inputs missing for this day" }).ToList(),
                    }
                    : new { district = d.Code, nameZh = d.NameZh, nameEn = d.NameEn, signals = thresholds.SignalsIn(d.Code), ratedAt = (DateTimeOffset?)null, basis = "not rated yet: no assessment since start-up", days = new List<object>() }),
            });
        })
            .WithSummary("森林草原火险气象等级 / Forest and grassland fire danger")
            .WithDescription("Per district (or ?district=), the fire-danger grade 1–5 for today and the next two Beijing days from the last assessment, with the index's parts (temperature, humidity, dry days, wind, rain correction), what the dry days were counted from, and whether the district raises the forest-fire signal. 400 for a district code that is not six digits, 404 for one that is not the bureau's.")
            .WithTags("dashboards")
            .Produces(200)
            .ProducesProblem(400)
            .ProducesProblem(404);
        return app;
    }
}
