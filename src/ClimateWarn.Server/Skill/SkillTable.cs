using System.Collections.Concurrent;
using System.Globalization;
using ClimateWarn.Core;
using ClimateWarn.Core.Ensembles;
using ClimateWarn.Core.Hazards;
using ClimateWarn.Core.Places;
using ClimateWarn.Core.TimeSeries;
using ClimateWarn.Core.Verification;
using SkillScores = ClimateWarn.Core.Verification.Skill;
using ClimateWarn.Core.Warnings;
using ClimateWarn.Risk.Calibration;
using ClimateWarn.Server.Assess;
using ClimateWarn.Server.Configuration;
using ClimateWarn.Server.Dashboards;
using ClimateWarn.Server.Ingest.OpenMeteoEnsemble;
using ClimateWarn.Server.Ingest.OpenMeteoModels;

namespace ClimateWarn.Server.Skill;

/// <summary>
/// One line of the skill table: a source (kind "ensemble": an ensemble's share of members; "model": one deterministic
/// model's rule; "ml": an ML model's probability of its rule event, lead day = target day after the run's date), a hazard,
/// a level and a lead day, over the pairs whose lead day has been observed. Undefined scores are null (nothing happened:
/// no POD), never a perfect 1.
/// </summary>
public sealed record SkillRow(
    string Kind, string Model, string Hazard, string Level, int LeadDay, int Pairs, int Events,
    int Hits, int FalseAlarms, int Misses, int CorrectNegatives,
    double? Pod, double? Far, double? Csi, double? Bias, double? Brier, double? BrierSkill, double? RocArea,
    IReadOnlyList<ReliabilityBin> Reliability);

/// <summary>One week of one source, every hazard, level and lead pooled: the trend the ops page draws.</summary>
public sealed record SkillTrend(string Kind, string Model, DateOnly Week, int Pairs, double? Brier, double? Csi);

/// <summary>One warning issued: did the observations reach its level in its districts, and how long before the onset was it issued.</summary>
public sealed record WarningOutcome(string Id, string Hazard, string Level, string District, DateTimeOffset IssuedAt, bool? Verified, string? ObservedLevel, double? LeadHours);

public sealed record SkillReport(DateTimeOffset Now, DateTimeOffset From, int Days, IReadOnlyList<SkillRow> Rows, IReadOnlyList<SkillTrend> Trend,
    IReadOnlyList<WarningOutcome> Warnings, string NoteZh, string NoteEn);

/// <summary>
/// Live verification (docs/ensembles.md): every run in the archive paired with what was observed. A run at R says, for
/// lead day d, what the rules would raise when asked at R + 24·d h; the observations of that day are asked the same way
/// (<see cref="ObservedHazards.ObserveLevelsAsync"/>), so forecast and outcome are the same event. A lead day not yet over,
/// or observed for fewer than <see cref="MinObservedHours"/> hours, is left out, never counted as "no hazard". Warnings
/// issued in the window are each judged against their own validity.
/// </summary>
public sealed class SkillTable(
    ITimeSeriesStore store,
    PlaceCatalog places,
    HazardTable hazards,
    ObservedHazards assessor,
    VerificationPages warnings,
    PipelineClock clock,
    IConfiguration configuration,
    IEnumerable<Assess.Models.IRiskScorer> scorers)
{
    /// <summary>The target days after the run's date an ML model's probability is archived for (frost: up to 72 h from its 20:00 issue).</summary>
    public const int MaxMlDays = 3;

    public const int MinObservedHours = 18;
    public const int MaxLeadDays = 7;

    // Observed levels of windows that ended two days ago or more: late observations have arrived, the answer stays.
    private readonly ConcurrentDictionary<(string District, DateTimeOffset From), (int Hours, IReadOnlyDictionary<string, SignalLevel> Levels)> _observed = new();

    public async Task<SkillReport> ComputeAsync(int days, CancellationToken cancellationToken)
    {
        var now = clock.Now;
        var from = now.AddDays(-days);
        var rules = MemberScoring.Scorable(hazards);
        var ensembleModels = (configuration.GetSection(OpenMeteoEnsembleOptions.Section).Get<OpenMeteoEnsembleOptions>() ?? new()).ModelList.Select(m => m.Name).ToList();
        var models = (configuration.GetSection(OpenMeteoModelsOptions.Section).Get<OpenMeteoModelsOptions>() ?? new()).ModelList;
        var pairs = new Dictionary<(string Kind, string Model, string Hazard, SignalLevel Level, int Lead), List<(double P, bool O, DateTimeOffset Run)>>();
        foreach (var district in places.Districts)
        {
            await PairAsync(district, ArchiveFields.Ensemble, "ensemble", ensembleModels, rules, from, now, pairs, cancellationToken);
            await PairAsync(district, ArchiveFields.Models, "model", models, rules, from, now, pairs, cancellationToken);
            await PairMlAsync(district, rules, from, now, pairs, cancellationToken);
        }

        var rows = pairs.OrderBy(p => p.Key.Kind, StringComparer.Ordinal).ThenBy(p => p.Key.Model, StringComparer.Ordinal).ThenBy(p => p.Key.Hazard, StringComparer.Ordinal)
            .ThenBy(p => p.Key.Level).ThenBy(p => p.Key.Lead)
            .Select(p => Row(p.Key.Kind, p.Key.Model, p.Key.Hazard, p.Key.Level, p.Key.Lead, p.Value)).ToList();
        var trend = pairs.GroupBy(p => (p.Key.Kind, p.Key.Model))
            .SelectMany(g => g.SelectMany(p => p.Value.Select(v => (v.P, v.O, Week: WeekOf(v.Run))))
                .GroupBy(v => v.Week).OrderBy(w => w.Key)
                .Select(w =>
                {
                    var s = SkillScores.Of([.. w.Select(v => v.P)], [.. w.Select(v => v.O)]);
                    return new SkillTrend(g.Key.Kind, g.Key.Model, w.Key, s.Pairs, Finite(s.Brier), Finite(s.Table.Csi));
                }))
            .ToList();
        var outcomes = await WarningsAsync(from, now, cancellationToken);
        return new SkillReport(now, from, days, rows, trend, outcomes,
            "每条为一次预报运行的一个预报日与实况的配对；实况不足18小时或预报日未结束的不计入。集合概率≥0.5视为“发布”。",
            "Each pair is one run's lead day against what was observed; a lead day not yet over or observed for under 18 hours is left out. An ensemble share of 0.5 or more counts as \"warned\".");
    }

    private async Task PairAsync(District district, string measurement, string kind, IReadOnlyList<string> models, IReadOnlyList<HazardRule> rules,
        DateTimeOffset from, DateTimeOffset now, Dictionary<(string, string, string, SignalLevel, int), List<(double, bool, DateTimeOffset)>> pairs, CancellationToken cancellationToken)
    {
        if (models.Count == 0)
        {
            return;
        }

        var fields = new List<string>();
        foreach (var model in models)
        {
            foreach (var rule in rules)
            {
                for (var d = 0; d < MaxLeadDays; d++)
                {
                    if (kind == "ensemble")
                    {
                        fields.Add(ArchiveFields.Judged(model, rule.Slug, d));
                        fields.AddRange(rule.ConfiguredLevels.Select(l => ArchiveFields.Probability(model, rule.Slug, l, d)));
                    }
                    else
                    {
                        fields.Add(ArchiveFields.Level(model, rule.Slug, d));
                    }
                }
            }
        }

        var values = await store.ReadAsync(new TimeSeriesQuery(measurement, [district.Code], fields, from, now), cancellationToken);
        foreach (var run in values.GroupBy(v => v.Timestamp).OrderBy(g => g.Key))
        {
            var stored = run.ToDictionary(v => v.Field, v => v.Value, StringComparer.Ordinal);
            for (var d = 0; d < MaxLeadDays; d++)
            {
                var dayFrom = run.Key.AddHours(24 * d);
                var dayTo = dayFrom.AddHours(24);
                if (dayTo > now)
                {
                    break;
                }

                var observed = await ObservedAsync(district, rules, dayFrom, dayTo, now, cancellationToken);
                if (observed.Hours < MinObservedHours)
                {
                    continue;
                }

                foreach (var model in models)
                {
                    foreach (var rule in rules)
                    {
                        var happened = observed.Levels.GetValueOrDefault(rule.Slug);
                        foreach (var level in rule.ConfiguredLevels)
                        {
                            double? p = kind == "ensemble"
                                ? stored.ContainsKey(ArchiveFields.Judged(model, rule.Slug, d)) ? stored.GetValueOrDefault(ArchiveFields.Probability(model, rule.Slug, level, d)) : null
                                : stored.TryGetValue(ArchiveFields.Level(model, rule.Slug, d), out var reached) ? (reached >= (int)level ? 1 : 0) : null;
                            if (p is { } probability)
                            {
                                var key = (kind, model, rule.Slug, level, d);
                                if (!pairs.TryGetValue(key, out var list))
                                {
                                    list = [];
                                    pairs[key] = list;
                                }

                                list.Add((probability, happened >= level, run.Key));
                            }
                        }
                    }
                }
            }
        }
    }

    /// <summary>
    /// The ML models' archived probabilities (<see cref="ArchiveFields.MlModels"/>) against their rule event observed over
    /// the whole target day (Beijing). A model scored every hour says the same thing many times about one day: per target
    /// day and lead, the last run before the day ends is its forecast (one pair), so an hourly model weighs no more than a
    /// six-hourly ensemble.
    /// </summary>
    private async Task PairMlAsync(District district, IReadOnlyList<HazardRule> rules, DateTimeOffset from, DateTimeOffset now,
        Dictionary<(string, string, string, SignalLevel, int), List<(double, bool, DateTimeOffset)>> pairs, CancellationToken cancellationToken)
    {
        var events = scorers.Where(s => s.RuleEvent is not null).Select(s => (s.Model, s.RuleEvent!.Value.Hazard, s.RuleEvent!.Value.Level)).ToList();
        var fields = events.SelectMany(e => Enumerable.Range(0, MaxMlDays + 1).Select(d => ArchiveFields.MlProbability(e.Model, e.Hazard, e.Level, d))).ToList();
        if (fields.Count == 0)
        {
            return;
        }

        var latest = new Dictionary<(string Model, string Hazard, SignalLevel Level, int Offset, DateOnly Target), (double P, DateTimeOffset Run)>();
        foreach (var v in await store.ReadAsync(new TimeSeriesQuery(ArchiveFields.MlModels, [district.Code], fields, from, now), cancellationToken))
        {
            var runDay = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(v.Timestamp, TimeZones.Shanghai).DateTime);
            foreach (var e in events)
            {
                for (var d = 0; d <= MaxMlDays; d++)
                {
                    if (v.Field == ArchiveFields.MlProbability(e.Model, e.Hazard, e.Level, d))
                    {
                        var key = (e.Model, e.Hazard, e.Level, d, runDay.AddDays(d));
                        if (!latest.TryGetValue(key, out var known) || known.Run < v.Timestamp)
                        {
                            latest[key] = (v.Value, v.Timestamp);
                        }
                    }
                }
            }
        }

        foreach (var ((model, hazard, level, offset, target), (p, run)) in latest.OrderBy(x => x.Value.Run))
        {
            var dayFrom = new DateTimeOffset(target.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(8));
            if (dayFrom.AddHours(24) > now || rules.FirstOrDefault(r => r.Slug == hazard) is null)
            {
                continue;
            }

            var observed = await ObservedAsync(district, rules, dayFrom, dayFrom.AddHours(24), now, cancellationToken);
            if (observed.Hours < MinObservedHours)
            {
                continue;
            }

            var key = ("ml", model, hazard, level, offset);
            if (!pairs.TryGetValue(key, out var list))
            {
                list = [];
                pairs[key] = list;
            }

            list.Add((p, observed.Levels.GetValueOrDefault(hazard) >= level, run));
        }
    }

    /// <summary>
    /// The calibration's training rows (<see cref="CalibrationInput"/>), per hazard: for every ensemble run, lead day, level
    /// and district already observed, the ensembles' mean share and spread, the share of deterministic models reaching the
    /// level in the nearest model run at or before it (within six hours; the mean share when none ran), and what happened.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, List<(DateTimeOffset Run, CalibrationInput Input)>>> CalibrationRowsAsync(int days, CancellationToken cancellationToken)
    {
        var now = clock.Now;
        var from = now.AddDays(-days);
        var rules = MemberScoring.Scorable(hazards);
        var ensembleModels = (configuration.GetSection(OpenMeteoEnsembleOptions.Section).Get<OpenMeteoEnsembleOptions>() ?? new()).ModelList.Select(m => m.Name).ToList();
        var models = (configuration.GetSection(OpenMeteoModelsOptions.Section).Get<OpenMeteoModelsOptions>() ?? new()).ModelList;
        var rows = rules.ToDictionary(r => r.Slug, _ => new List<(DateTimeOffset, CalibrationInput)>(), StringComparer.Ordinal);
        foreach (var district in places.Districts)
        {
            var ensembleFields = ensembleModels.SelectMany(m => rules.SelectMany(r => Enumerable.Range(0, MaxLeadDays).SelectMany(d =>
                r.ConfiguredLevels.Select(l => ArchiveFields.Probability(m, r.Slug, l, d)).Append(ArchiveFields.Judged(m, r.Slug, d))))).ToList();
            var modelFields = models.SelectMany(m => rules.SelectMany(r => Enumerable.Range(0, MaxLeadDays).Select(d => ArchiveFields.Level(m, r.Slug, d)))).ToList();
            if (ensembleFields.Count == 0)
            {
                continue;
            }

            var ensembleRuns = (await store.ReadAsync(new TimeSeriesQuery(ArchiveFields.Ensemble, [district.Code], ensembleFields, from, now), cancellationToken))
                .GroupBy(v => v.Timestamp).OrderBy(g => g.Key).ToList();
            var modelRuns = modelFields.Count == 0 ? []
                : (await store.ReadAsync(new TimeSeriesQuery(ArchiveFields.Models, [district.Code], modelFields, from.AddHours(-6), now), cancellationToken))
                    .GroupBy(v => v.Timestamp).OrderBy(g => g.Key).Select(g => (Run: g.Key, Fields: g.ToDictionary(v => v.Field, v => v.Value, StringComparer.Ordinal))).ToList();
            foreach (var run in ensembleRuns)
            {
                var stored = run.ToDictionary(v => v.Field, v => v.Value, StringComparer.Ordinal);
                var nearest = modelRuns.LastOrDefault(m => m.Run <= run.Key && m.Run > run.Key.AddHours(-6)).Fields;
                for (var d = 0; d < MaxLeadDays; d++)
                {
                    var dayFrom = run.Key.AddHours(24 * d);
                    if (dayFrom.AddHours(24) > now)
                    {
                        break;
                    }

                    var observed = await ObservedAsync(district, rules, dayFrom, dayFrom.AddHours(24), now, cancellationToken);
                    if (observed.Hours < MinObservedHours)
                    {
                        continue;
                    }

                    foreach (var rule in rules)
                    {
                        var judged = ensembleModels.Where(m => stored.ContainsKey(ArchiveFields.Judged(m, rule.Slug, d))).ToList();
                        if (judged.Count == 0)
                        {
                            continue;
                        }

                        foreach (var level in rule.ConfiguredLevels)
                        {
                            var shares = judged.Select(m => stored.GetValueOrDefault(ArchiveFields.Probability(m, rule.Slug, level, d))).ToList();
                            var reached = nearest is null ? [] : models.Where(m => nearest.ContainsKey(ArchiveFields.Level(m, rule.Slug, d)))
                                .Select(m => nearest[ArchiveFields.Level(m, rule.Slug, d)] >= (int)level ? 1.0 : 0.0).ToList();
                            rows[rule.Slug].Add((run.Key, new CalibrationInput
                            {
                                Share = (float)shares.Average(), Spread = (float)(shares.Max() - shares.Min()),
                                Models = (float)(reached.Count > 0 ? reached.Average() : shares.Average()), LeadDay = d, Level = (int)level,
                                Label = observed.Levels.GetValueOrDefault(rule.Slug) >= level,
                            }));
                        }
                    }
                }
            }
        }

        return rows;
    }

    private async Task<(int Hours, IReadOnlyDictionary<string, SignalLevel> Levels)> ObservedAsync(District district, IReadOnlyList<HazardRule> rules,
        DateTimeOffset from, DateTimeOffset to, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (_observed.TryGetValue((district.Code, from), out var known))
        {
            return known;
        }

        var observed = await assessor.ObserveLevelsAsync(district, rules, from, to, cancellationToken);
        if (to <= now.AddDays(-2))
        {
            _observed[(district.Code, from)] = observed;
        }

        return observed;
    }

    /// <summary>Each warning whose first message falls in the window: verified when the observations reached its level, with the hours from issue to the observed onset.</summary>
    private async Task<IReadOnlyList<WarningOutcome>> WarningsAsync(DateTimeOffset from, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var result = new List<WarningOutcome>();
        long? before = null;
        for (var page = 0; page < 10; page++)
        {
            var chunk = await warnings.GetAsync(before, VerificationPages.MaxPage, cancellationToken);
            foreach (var group in chunk.Warnings)
            {
                var issued = group.Where(m => m.Action != WarningAction.Lifted).ToList();
                if (issued.Count == 0 || issued[0].UpdatedAt < from)
                {
                    continue;
                }

                var validFrom = issued.Min(m => m.ValidFrom);
                var lifted = group.FirstOrDefault(m => m.Action == WarningAction.Lifted)?.UpdatedAt;
                var validTo = new[] { issued.Max(m => m.ValidTo), lifted ?? DateTimeOffset.MaxValue, now }.Min();
                var level = issued.Max(m => m.Level);
                foreach (var code in issued[^1].Districts)
                {
                    if (!places.TryGetDistrict(code, out var district) || validFrom >= now)
                    {
                        continue;
                    }

                    var (hours, observed) = await assessor.ObserveAsync(district, issued[0].Hazard, validFrom, validTo, cancellationToken);
                    var verified = hours == 0 ? (bool?)null : observed is not null && observed.Level >= level;
                    result.Add(new WarningOutcome(group[0].Id, issued[0].Hazard, SignalLevels.En(level), code, issued[0].UpdatedAt, verified,
                        observed is null ? null : SignalLevels.En(observed.Level),
                        observed is null ? null : Math.Round((observed.From - issued[0].UpdatedAt).TotalHours, 1)));
                }
            }

            if (chunk.NextBeforeSeq is not { } next || chunk.Warnings.Count == 0)
            {
                break;
            }

            before = next;
        }

        return result;
    }

    private static SkillRow Row(string kind, string model, string hazard, SignalLevel level, int lead, List<(double P, bool O, DateTimeOffset Run)> pairs)
    {
        var s = SkillScores.Of([.. pairs.Select(p => p.P)], [.. pairs.Select(p => p.O)]);
        return new SkillRow(kind, model, hazard, SignalLevels.En(level), lead, s.Pairs, s.Events,
            s.Table.Hits, s.Table.FalseAlarms, s.Table.Misses, s.Table.CorrectNegatives,
            Finite(s.Table.Pod), Finite(s.Table.Far), Finite(s.Table.Csi), Finite(s.Table.Bias), Finite(s.Brier), Finite(s.BrierSkill), Finite(s.RocArea),
            kind is "ensemble" or "ml" ? [.. s.Reliability.Where(b => b.Count > 0)] : []);
    }

    private static double? Finite(double v) => double.IsFinite(v) ? Math.Round(v, 4) : null;

    /// <summary>The Monday (Beijing time) of the run's week.</summary>
    private static DateOnly WeekOf(DateTimeOffset run)
    {
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(run, TimeZones.Shanghai).DateTime);
        return day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
    }
}

public static class SkillEndpoint
{
    public static IEndpointRouteBuilder MapSkill(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/skill", async (int? days, SkillTable skill, CancellationToken ct) =>
        {
            if (days is < 1 or > 366)
            {
                return Results.Problem(statusCode: 400, title: "参数无效 Invalid parameter", detail: "days must be between 1 and 366.");
            }

            return Results.Ok(await skill.ComputeAsync(days ?? 30, ct));
        })
            .WithSummary("预报技巧 / Forecast skill")
            .WithDescription(string.Create(CultureInfo.InvariantCulture,
                $"The archive's runs against the observations, per source (ensemble share or a model's rule), hazard, level and lead day: contingency table, POD, FAR, CSI, bias, Brier score and skill, ROC area, reliability; weekly trend; each warning issued with whether it verified and its lead time. ?days=1–366 (default 30); pairs need {SkillTable.MinObservedHours} observed hours."))
            .WithTags("dashboards")
            .Produces<SkillReport>(200)
            .ProducesProblem(400);
        return app;
    }
}
