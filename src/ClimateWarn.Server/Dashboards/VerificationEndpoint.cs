using ClimateWarn.Core;
using ClimateWarn.Core.Hazards;
using ClimateWarn.Core.Places;
using ClimateWarn.Core.TimeSeries;
using ClimateWarn.Core.Warnings;
using ClimateWarn.Core.Weather;
using ClimateWarn.Server.Assess;
using ClimateWarn.Server.Configuration;
using ClimateWarn.Server.Warn;

namespace ClimateWarn.Server.Dashboards;

/// <summary>One past warning against what was observed in its validity window.</summary>
public sealed record VerificationRow(
    string Id, string Hazard, string Level, string District, DateTimeOffset ValidFrom, DateTimeOffset ValidTo, bool Complete,
    int ObservedHours, string? ObservedLevel, bool? Reached, string? Basis);

/// <summary>
/// GET /api/dashboards/verification: for each warning (its highest level over its messages), the same hazard rules run
/// over the stored observations only, from the start of its validity to its end. "Reached" means the observations met at
/// least the lowest threshold of the hazard; no observations give null, never "no hazard".
/// </summary>
public static class VerificationEndpoint
{
    public static IEndpointRouteBuilder MapVerification(this IEndpointRouteBuilder app)
    {
        // Pages of warnings newest first by the database key: ?beforeSeq= takes the nextBeforeSeq of the previous page.
        app.MapGet("/api/dashboards/verification", async (int? limit, long? beforeSeq, VerificationPages pages, PlaceCatalog places, ObservedHazards assessor,
            HazardRegistry hazards, PipelineClock clock, CancellationToken ct) =>
        {
            if (limit is < 1 or > VerificationPages.MaxPage || beforeSeq is < 1)
            {
                return Results.Problem(statusCode: 400, title: "参数无效 Invalid parameter",
                    detail: $"limit must be between 1 and {VerificationPages.MaxPage}, and beforeSeq at least 1.");
            }

            var now = clock.Now;
            var page = await pages.GetAsync(beforeSeq, limit ?? VerificationPages.MaxPage, ct);
            var rows = new List<VerificationRow>();
            foreach (var group in page.Warnings)
            {
                var issued = group.Where(m => m.Action != WarningAction.Lifted).ToList();
                if (issued.Count == 0)
                {
                    continue;
                }

                var from = issued.Min(m => m.ValidFrom);
                var lifted = group.FirstOrDefault(m => m.Action == WarningAction.Lifted)?.UpdatedAt;
                var to = new[] { issued.Max(m => m.ValidTo), lifted ?? DateTimeOffset.MaxValue, now }.Min();
                var level = issued.Max(m => m.Level);
                var unverifiable = hazards.TryGet(issued[0].Hazard, out var definition) ? definition.NotVerifiableFromHourlyObservations : null;
                foreach (var code in issued[^1].Districts)
                {
                    if (!places.TryGetDistrict(code, out var district) || from >= now)
                    {
                        continue;
                    }

                    if (unverifiable is not null)
                    {
                        // Neither a hit nor a false alarm: this record cannot say.
                        rows.Add(new VerificationRow(group[0].Id, issued[0].Hazard, SignalLevels.En(level), code, from, to,
                            Complete: to >= issued.Max(m => m.ValidTo) || lifted is not null, 0, null, null, "not verified here: " + unverifiable));
                        continue;
                    }

                    var (hours, observed) = await assessor.ObserveAsync(district, issued[0].Hazard, from, to, ct);
                    rows.Add(new VerificationRow(group[0].Id, issued[0].Hazard, SignalLevels.En(level), code, from, to,
                        Complete: to >= issued.Max(m => m.ValidTo) || lifted is not null, hours,
                        observed is null ? null : SignalLevels.En(observed.Level),
                        hours == 0 ? null : observed is not null, observed?.Basis));
                }
            }

            return Results.Ok(new { now, rows, nextBeforeSeq = page.NextBeforeSeq });
        })
            .WithSummary("预警检验 / Warning verification")
            .WithDescription("Each warning against what was observed in its districts (hit, false alarm, pending), newest first, paged by the database key: ?limit=1–100 (default 20), ?beforeSeq= from the previous page's nextBeforeSeq. 400 outside those bounds.")
            .WithTags("dashboards")
            .Produces(200)
            .ProducesProblem(400);
        return app;
    }
}
