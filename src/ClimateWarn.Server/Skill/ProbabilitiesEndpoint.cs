using ClimateWarn.Core.Ensembles;
using ClimateWarn.Core.Hazards;
using ClimateWarn.Core.Places;
using ClimateWarn.Core.TimeSeries;
using ClimateWarn.Risk.Cards;
using ClimateWarn.Server.Assess;
using ClimateWarn.Server.Assess.Models;
using ClimateWarn.Server.Configuration;
using ClimateWarn.Server.Ingest.OpenMeteoEnsemble;
using Microsoft.Extensions.Caching.Memory;

namespace ClimateWarn.Server.Skill;

/// <summary>
/// Where a probability comes from, shown beside it on every page: an ensemble's raw share of members, or a model trained
/// on real records; calibrated or raw; and its verified skill where the archive (ensembles) or the card (models) has it.
/// </summary>
public sealed record ProbabilitySource(string Id, string Kind, string NameZh, string NameEn, bool Calibrated, string NoteZh, string NoteEn, DateTimeOffset? Run, int? Members);

/// <summary>What the verification says of one source for one hazard, level and lead: pairs, events, Brier skill (null when unknown).</summary>
public sealed record VerifiedSkill(int Pairs, int Events, double? BrierSkill, string From);

public sealed record ProbabilityItem(string Hazard, string Level, int LeadDay, double Probability, string Source, VerifiedSkill? Skill);

/// <summary>
/// GET /api/probabilities?district=: every probability the public pages may show for a district, each naming its source.
/// The ensembles' latest run (the share of members meeting each level per lead day, raw) and the models trained on real
/// records (frost); models trained on SYNTHETIC weather are left out here — they stay, labelled, on /ops and in /api/risk.
/// </summary>
public static class ProbabilitiesEndpoint
{
    private static readonly TimeSpan SkillKept = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Where a calibration has won (<see cref="EnsembleCalibrator"/>), its probability from the same latest runs: the
    /// ensembles' mean share and spread and the deterministic models' agreement, per level and lead day.
    /// </summary>
    private static async Task<IReadOnlyList<ProbabilityItem>> CalibratedAsync(string district, IReadOnlyList<HazardRule> rules, IReadOnlyList<ProbabilityItem> raw,
        EnsembleCalibrator calibrator, ITimeSeriesStore store, DateTimeOffset now, IConfiguration configuration, List<ProbabilitySource> sources, CancellationToken ct)
    {
        var current = calibrator.Current;
        var result = new List<ProbabilityItem>();
        if (current.Count == 0)
        {
            return result;
        }

        var models = (configuration.GetSection(Ingest.OpenMeteoModels.OpenMeteoModelsOptions.Section).Get<Ingest.OpenMeteoModels.OpenMeteoModelsOptions>() ?? new()).ModelList;
        var fields = models.SelectMany(m => rules.SelectMany(r => Enumerable.Range(0, SkillTable.MaxLeadDays).Select(d => ArchiveFields.Level(m, r.Slug, d)))).ToList();
        var (_, levels) = await ArchiveReads.LatestAsync(store, ArchiveFields.Models, district, fields, now, ct);
        foreach (var rule in rules.Where(r => current.ContainsKey(r.Slug)))
        {
            var (version, predict) = current[rule.Slug];
            var ensembles = raw.Where(i => i.Hazard == rule.Slug && i.Source.StartsWith("ensemble:", StringComparison.Ordinal)).ToList();
            foreach (var group in ensembles.GroupBy(i => (i.Level, i.LeadDay)))
            {
                var level = Enum.GetValues<SignalLevel>().First(l => SignalLevels.En(l) == group.Key.Level);
                var reached = models.Where(m => levels.ContainsKey(ArchiveFields.Level(m, rule.Slug, group.Key.LeadDay)))
                    .Select(m => levels[ArchiveFields.Level(m, rule.Slug, group.Key.LeadDay)] >= (int)level ? 1.0 : 0.0).ToList();
                var shares = group.Select(i => i.Probability).ToList();
                var p = predict(new Risk.Calibration.CalibrationInput
                {
                    Share = (float)shares.Average(), Spread = (float)(shares.Max() - shares.Min()), Models = (float)(reached.Count > 0 ? reached.Average() : shares.Average()),
                    LeadDay = group.Key.LeadDay, Level = (int)level,
                });
                result.Add(new ProbabilityItem(rule.Slug, group.Key.Level, group.Key.LeadDay, Math.Round(p, 3), "calibrated:" + rule.Slug, null));
            }

            if (result.Any(i => i.Hazard == rule.Slug))
            {
                sources.Add(new ProbabilitySource("calibrated:" + rule.Slug, "calibrated", $"{rule.Definition.NameZh}集合校准概率（逻辑回归 {version}）",
                    $"{rule.Definition.NameEn} calibrated ensemble probability (logistic regression {version})", Calibrated: true,
                    "由本站存档的预报与实况配对训练，检验期内Brier评分优于原始成员比例后才采用", "trained on this server's archived forecast–observation pairs; used only after it beat the raw share on held-out pairs",
                    now, null));
            }
        }

        return result;
    }

    public static IEndpointRouteBuilder MapProbabilities(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/probabilities", async (string? district, PlaceCatalog places, HazardTable hazards, ITimeSeriesStore store, RiskBoard board,
            IEnumerable<IRiskScorer> scorers, ResolvedPaths paths, SkillTable skill, EnsembleCalibrator calibrator, IMemoryCache cache, PipelineClock clock,
            IConfiguration configuration, CancellationToken ct) =>
        {
            if (district is null || !places.TryGetDistrict(district, out _))
            {
                return Results.Problem(statusCode: 404, title: "未知区县 Unknown district", detail: $"'{district}' is not a district of this bureau.");
            }

            var now = clock.Now;
            var rules = MemberScoring.Scorable(hazards);
            var report = await cache.GetOrCreateAsync((nameof(ProbabilitiesEndpoint), now.UtcTicks / SkillKept.Ticks), e =>
            {
                e.Size = 1;
                e.AbsoluteExpirationRelativeToNow = SkillKept;
                return skill.ComputeAsync(30, ct);
            });
            var sources = new List<ProbabilitySource>();
            var items = new List<ProbabilityItem>();
            var ensembleOptions = configuration.GetSection(OpenMeteoEnsembleOptions.Section).Get<OpenMeteoEnsembleOptions>() ?? new();
            foreach (var (model, expected) in ensembleOptions.ModelList)
            {
                var fields = rules.SelectMany(r => Enumerable.Range(0, SkillTable.MaxLeadDays).SelectMany(d =>
                    r.ConfiguredLevels.Select(l => ArchiveFields.Probability(model, r.Slug, l, d)).Append(ArchiveFields.Judged(model, r.Slug, d)))).Append(ArchiveFields.Members(model)).ToList();
                var (run, latest) = await ArchiveReads.LatestAsync(store, ArchiveFields.Ensemble, district, fields, now, ct);
                var id = "ensemble:" + model;
                var found = false;
                foreach (var rule in rules)
                {
                    for (var d = 0; d < SkillTable.MaxLeadDays; d++)
                    {
                        if (!latest.ContainsKey(ArchiveFields.Judged(model, rule.Slug, d)))
                        {
                            continue;
                        }

                        foreach (var level in rule.ConfiguredLevels)
                        {
                            found = true;
                            var row = report?.Rows.FirstOrDefault(x => x.Kind == "ensemble" && x.Model == model && x.Hazard == rule.Slug && x.Level == SignalLevels.En(level) && x.LeadDay == d);
                            items.Add(new ProbabilityItem(rule.Slug, SignalLevels.En(level), d, latest.GetValueOrDefault(ArchiveFields.Probability(model, rule.Slug, level, d)), id,
                                row is null ? null : new VerifiedSkill(row.Pairs, row.Events, row.BrierSkill, "archive")));
                        }
                    }
                }

                if (found)
                {
                    var members = latest.TryGetValue(ArchiveFields.Members(model), out var m) ? (int)m : expected;
                    sources.Add(new ProbabilitySource(id, "ensemble", $"{model} 集合预报（{members}个成员）", $"{model} ensemble ({members} members)", Calibrated: false,
                        "原始成员比例：达到该级预警标准的成员所占比例，未经校准", "raw share of members meeting the level's criterion, not calibrated", run, members));
                }
            }

            items.AddRange(await CalibratedAsync(district, rules, items, calibrator, store, now, configuration, sources, ct));
            var assessment = board.For(district);
            foreach (var scorer in scorers)
            {
                var card = ModelCard.FromJson(await File.ReadAllTextAsync(Path.Combine(paths.Models, scorer.Model, "card.json"), ct));
                // A model trained on synthetic weather never reaches a public page.
                var scores = card.Data.Synthetic ? [] : (assessment?.DistrictScores() ?? []).Select(x => x.Score)
                    .Where(s => s.Model == scorer.Model && !s.Synthetic && s.RuleHazard is not null && s.RuleLevel is not null && s.LeadHours is > 0 and <= 24 * SkillTable.MaxLeadDays)
                    .ToList();
                if (scores.Count == 0)
                {
                    continue;
                }

                var id = "model:" + scorer.Model;
                sources.Add(new ProbabilitySource(id, "model", $"{scorer.Model} 模型 {scorer.Version}（{card.Data.Source}训练）", $"{scorer.Model} model {scorer.Version} (trained on {card.Data.Source})",
                    Calibrated: false, "机器学习模型概率，未经校准；技巧为说明卡中的独立检验", "machine-learning probability, not calibrated; skill from its card's held-out test", assessment?.AssessedAt, null));
                foreach (var byDay in scores.GroupBy(s => (s.LeadHours - 1) / 24))
                {
                    var best = byDay.MaxBy(s => s.Probability)!;
                    var held = card.HeldOut.FirstOrDefault(h => h.Forecaster == "model" && h.LeadHours == best.LeadHours);
                    items.Add(new ProbabilityItem(best.RuleHazard!, SignalLevels.En(best.RuleLevel!.Value), byDay.Key, Math.Round(best.Probability, 3), id,
                        held is null ? null : new VerifiedSkill(held.Cases, held.Events, double.IsFinite(held.BrierSkillVsClimatology) ? Math.Round(held.BrierSkillVsClimatology, 3) : null, "card")));
                }
            }

            return Results.Ok(new { district, now, sources, items });
        })
            .WithSummary("灾害概率及其来源 / Probabilities with their sources")
            .WithDescription("For one district: each probability the public pages show (hazard, level, lead day 0–2), with its source (an ensemble's raw share of members from its latest run, or a model trained on real records), whether calibrated, and its verified skill where known (the archive's verification for ensembles, the card's held-out test for models). Models trained on synthetic weather are not listed. 404 for an unknown district.")
            .WithTags("dashboards")
            .Produces(200)
            .ProducesProblem(404);
        return app;
    }
}
