using ClimateWarn.Core.Ensembles;
using ClimateWarn.Core.Hazards;
using ClimateWarn.Core.Places;
using ClimateWarn.Core.TimeSeries;
using ClimateWarn.Server.Configuration;
using ClimateWarn.Server.Ingest.OpenMeteoEnsemble;
using ClimateWarn.Server.Ingest.OpenMeteoModels;

namespace ClimateWarn.Server.Skill;

/// <summary>One hazard and lead day in a district: the level each model's rule reached and each ensemble's share per level, from their latest runs.</summary>
public sealed record Agreement(string Hazard, int LeadDay, IReadOnlyList<ModelLevel> Models, IReadOnlyList<EnsembleShare> Ensembles, string SummaryZh, string SummaryEn);

public sealed record ModelLevel(string Model, string Level);

public sealed record EnsembleShare(string Model, string Level, double Probability, int Members);

/// <summary>
/// GET /api/agreement?district=: what the operator sees beside a warning or draft — "3 of 4 models: frost yellow" and the
/// ensembles' shares — from the latest run of each source within the last day. A model absent from its run is not counted.
/// </summary>
public static class AgreementEndpoint
{
    public static IEndpointRouteBuilder MapAgreement(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/agreement", async (string? district, PlaceCatalog places, HazardTable hazards, ITimeSeriesStore store, PipelineClock clock,
            IConfiguration configuration, CancellationToken ct) =>
        {
            if (district is null || !places.TryGetDistrict(district, out _))
            {
                return Results.Problem(statusCode: 404, title: "未知区县 Unknown district", detail: $"'{district}' is not a district of this bureau.");
            }

            var now = clock.Now;
            var rules = MemberScoring.Scorable(hazards);
            var models = (configuration.GetSection(OpenMeteoModelsOptions.Section).Get<OpenMeteoModelsOptions>() ?? new()).ModelList;
            var ensembles = (configuration.GetSection(OpenMeteoEnsembleOptions.Section).Get<OpenMeteoEnsembleOptions>() ?? new()).ModelList.Select(m => m.Name).ToList();
            const int leads = 3;
            var modelFields = models.SelectMany(m => rules.SelectMany(r => Enumerable.Range(0, leads).Select(d => ArchiveFields.Level(m, r.Slug, d)))).ToList();
            var ensembleFields = ensembles.SelectMany(m => rules.SelectMany(r => Enumerable.Range(0, leads).SelectMany(d =>
                r.ConfiguredLevels.Select(l => ArchiveFields.Probability(m, r.Slug, l, d)).Append(ArchiveFields.Judged(m, r.Slug, d))))).ToList();
            var (_, latestModels) = await ArchiveReads.LatestAsync(store, ArchiveFields.Models, district, modelFields, now, ct);
            var (_, latestEnsembles) = await ArchiveReads.LatestAsync(store, ArchiveFields.Ensemble, district, ensembleFields, now, ct);
            var result = new List<Agreement>();
            foreach (var rule in rules)
            {
                for (var d = 0; d < leads; d++)
                {
                    var levels = models.Where(m => latestModels.ContainsKey(ArchiveFields.Level(m, rule.Slug, d)))
                        .Select(m => new ModelLevel(m, SignalLevels.En((SignalLevel)(int)latestModels[ArchiveFields.Level(m, rule.Slug, d)]))).ToList();
                    var shares = ensembles.Where(m => latestEnsembles.ContainsKey(ArchiveFields.Judged(m, rule.Slug, d)))
                        .SelectMany(m => rule.ConfiguredLevels.Select(l => new EnsembleShare(m, SignalLevels.En(l),
                            latestEnsembles.GetValueOrDefault(ArchiveFields.Probability(m, rule.Slug, l, d)), (int)latestEnsembles[ArchiveFields.Judged(m, rule.Slug, d)]))).ToList();
                    if (levels.Count == 0 && shares.Count == 0)
                    {
                        continue;
                    }

                    var top = levels.Select(l => Parse(l.Level)).DefaultIfEmpty(SignalLevel.None).Max();
                    var agreeing = levels.Count(l => Parse(l.Level) >= top);
                    var (zh, en) = levels.Count == 0
                        ? ("最近一天无确定性模式运行", "no deterministic model run in the last day")
                        : top == SignalLevel.None
                        ? ($"{levels.Count}个模式均未达预警标准", $"none of {levels.Count} models reaches a level")
                        : ($"{levels.Count}个模式中{agreeing}个达到{rule.Definition.NameZh}{SignalLevels.Zh(top)}", $"{agreeing} of {levels.Count} models: {rule.Definition.NameEn} {SignalLevels.En(top)}");
                    result.Add(new Agreement(rule.Slug, d, levels, shares, zh, en));
                }
            }

            return Results.Ok(new { district, now, agreement = result });
        })
            .WithSummary("多模式一致性 / Model agreement")
            .WithDescription("For one district, per hazard and lead day: the level each deterministic model's rule reached in its latest run and each ensemble's share of members per level (runs of the last day). 404 for a district the bureau lacks.")
            .WithTags("dashboards")
            .Produces(200)
            .ProducesProblem(404);
        return app;
    }

    private static SignalLevel Parse(string level) => Enum.GetValues<SignalLevel>().First(l => SignalLevels.En(l) == level);
}
