using ClimateWarn.Core.Hazards;
using ClimateWarn.Core.Places;

namespace ClimateWarn.Server.Assess;

public static class RiskEndpoints
{
    public static IEndpointRouteBuilder MapRisk(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/risk", (string? district, PlaceCatalog places, RiskBoard board) =>
        {
            if (string.IsNullOrEmpty(district))
            {
                return Results.Problem(statusCode: 400, title: "缺少区县 Missing district", detail: $"Give ?district=<district code>, one of {places.DistrictCodes}.");
            }

            if (!places.TryGetDistrict(district, out var d))
            {
                return Results.Problem(statusCode: 404, title: "未知区县 Unknown district", detail: $"No district has code '{district}'.");
            }

            var a = board.For(d.Code);
            return Results.Ok(new
            {
                district = d.Code,
                nameZh = d.NameZh,
                nameEn = d.NameEn,
                // No assessment yet, or no data: say so; an empty list would read as "no hazard".
                status = a is null ? "not-assessed" : a.HasData ? "ok" : "no-data",
                assessedAt = a?.AssessedAt,
                hazards = a?.Signals.Select(s => new
                {
                    hazard = s.Hazard,
                    level = SignalLevels.En(s.Level),
                    from = s.From,
                    to = s.To,
                    basis = s.Basis,
                    cellsAtLevel = a.Cells.Count(c => c.Signals.Any(x => x.Hazard == s.Hazard && x.Level == s.Level)),
                }),
                // Per model and lead the district's highest cell probability; synthetic- and reanalysis-trained models say so.
                probabilities = a?.DistrictScores().Select(x => new { hazard = x.Score.Model, leadHours = x.Score.LeadHours, targetDay = x.Score.TargetDay, probability = x.Score.Probability, model = x.Score.ModelVersion, synthetic = x.Score.Synthetic, reanalysis = x.Score.Reanalysis, cell = x.Cell }),
                cells = a?.Cells.Select(c => new
                {
                    id = c.Cell.Id,
                    lon = c.Cell.Point.Lon,
                    lat = c.Cell.Point.Lat,
                    isSeat = c.Cell.IsSeat,
                    hasData = c.HasData,
                    levels = c.Signals.ToDictionary(s => s.Hazard, s => SignalLevels.En(s.Level)),
                    probabilities = c.Scores.Select(s => new { hazard = s.Model, leadHours = s.LeadHours, targetDay = s.TargetDay, probability = s.Probability, model = s.ModelVersion, synthetic = s.Synthetic, reanalysis = s.Reanalysis }),
                }),
            });
        })
            .WithSummary("区县风险 / District risk")
            .WithDescription("The latest assessment of one district (?district=<district code>): per hazard the official-rule level, hours and basis; per grid cell its levels and model probabilities (hazard, leadHours, targetDay, probability, model version, synthetic); per model and lead the district's highest. status is ok, no-data or not-assessed. 400 without a district, 404 for an unknown one.")
            .WithTags("assess")
            .Produces(200)
            .ProducesProblem(400)
            .ProducesProblem(404);
        app.MapGet("/api/watches", (PlaceCatalog places, Watches watches) => watches.For(places.Districts.Select(d => d.Code)))
            .WithSummary("模型关注 / Model watches")
            .WithDescription("Model watches (关注): a model probability at or above Risk:Watch:Probability within Risk:Watch:MaxLeadHours where the official rule gives no signal. Not a warning.")
            .WithTags("assess")
            .Produces(200);
        return app;
    }
}
