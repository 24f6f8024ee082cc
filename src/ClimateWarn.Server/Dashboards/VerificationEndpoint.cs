using ClimateWarn.Core;
using ClimateWarn.Core.Hazards;
using ClimateWarn.Core.Places;
using ClimateWarn.Core.TimeSeries;
using ClimateWarn.Core.Warnings;
using ClimateWarn.Core.Weather;
using ClimateWarn.Server.Assess;
using ClimateWarn.Server.Assess.Rules;
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
        app.MapGet("/api/dashboards/verification", async (int? limit, WarningLog log, PlaceCatalog places, HazardConfiguration hazards,
            ITimeSeriesStore store, TimeProvider time, CancellationToken ct) =>
        {
            if (limit is < 1 or > 500)
            {
                return Results.Problem(statusCode: 400, title: "参数无效 Invalid parameter", detail: "limit must be between 1 and 500.");
            }

            var now = time.GetUtcNow();
            var messages = await AllAsync(log, ct);
            var rows = new List<VerificationRow>();
            foreach (var group in messages.GroupBy(m => m.Id).OrderByDescending(g => g.Max(m => m.Sequence)).Take(limit ?? 100))
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
                foreach (var code in issued[^1].Districts)
                {
                    if (!places.TryGetDistrict(code, out var district) || from >= now)
                    {
                        continue;
                    }

                    var (hours, observed) = await ObserveAsync(store, hazards.Table, district, issued[0].Hazard, from, to, ct);
                    rows.Add(new VerificationRow(group.Key, HazardNames.Slug(issued[0].Hazard), HazardNames.LevelEn(level), code, from, to,
                        Complete: to >= issued.Max(m => m.ValidTo) || lifted is not null, hours,
                        observed is null ? null : HazardNames.LevelEn(observed.Level),
                        hours == 0 ? null : observed is not null, observed?.Basis));
                }
            }

            return Results.Ok(new { now, rows });
        });
        return app;
    }

    private static async Task<List<Warning>> AllAsync(WarningLog log, CancellationToken ct)
    {
        var all = new List<Warning>();
        for (long after = 0; ;)
        {
            var page = await log.AfterAsync(after, WarningsEndpoints.MaxPage, ct);
            all.AddRange(page);
            if (page.Count < WarningsEndpoints.MaxPage)
            {
                return all;
            }

            after = page[^1].Sequence;
        }
    }

    /// <summary>Hours of observations in the window, and the highest signal the rules find in them over the district's cells.</summary>
    private static async Task<(int Hours, HazardSignal? Signal)> ObserveAsync(ITimeSeriesStore store, HazardTable table, District district,
        HazardKind hazard, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        // The rules look back (24 h changes, cold-wave drops), so the read starts a lookback before the window.
        var start = HourlyWeather.TruncateToHour(from - ForecastPipeline.Lookback);
        var hours = (int)Math.Ceiling((to - start).TotalHours) + 1;
        var ids = district.Cells.Select(c => c.Id).ToList();
        var values = await store.ReadAsync(new TimeSeriesQuery(Measurements.Observation, ids, WeatherVariables.Hourly, start, to), ct);
        HazardSignal? best = null;
        var observedHours = 0;
        foreach (var cell in values.GroupBy(v => v.Place, StringComparer.Ordinal))
        {
            observedHours = Math.Max(observedHours, cell.Where(v => v.Timestamp >= from).Select(v => v.Timestamp).Distinct().Count());
            var weather = HourlyWeather.FromValues(cell.Key, start, hours, cell);
            var signal = table.AssessAll(new AssessmentWindow(weather, from, TimeZones.Shanghai)).FirstOrDefault(s => s.Hazard == hazard && s.From < to);
            if (signal is not null && (best is null || signal.Level > best.Level))
            {
                best = signal;
            }
        }

        return (observedHours, best);
    }
}
