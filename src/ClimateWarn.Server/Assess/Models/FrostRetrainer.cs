using System.ComponentModel.DataAnnotations;
using ClimateWarn.Core.Hazards.Frost;
using System.Globalization;
using ClimateWarn.Core;
using ClimateWarn.Core.TimeSeries;
using ClimateWarn.Core.Verification;
using ClimateWarn.Risk.Cards;
using ClimateWarn.Risk.Frost;
using ClimateWarn.Server.Accounts;
using ClimateWarn.Risk.Models;
using ClimateWarn.Server.Assess.Rules;
using ClimateWarn.Server.Configuration;
using ClimateWarn.Server.Ingest.IsdLite;
using ClimateWarn.Server.Store.Ops;
using Microsoft.Extensions.Options;
using Quartz;
using TimeZones = ClimateWarn.Core.TimeZones;

namespace ClimateWarn.Server.Assess.Models;

public sealed class RetrainOptions
{
    public const string Section = "Models";

    /// <summary>Quartz cron in Asia/Shanghai; default Mondays 03:00.</summary>
    [Required]
    [Cron]
    public string RetrainCron { get; set; } = "0 0 3 ? * MON";

    /// <summary>The latest days of the archive held out to compare the current model and the challenger.</summary>
    [Range(1, 3650)]
    public int HeldOutDays { get; set; } = 30;

    /// <summary>
    /// The weekly run also retrains heavy-rain, flood and drought on the ERA5 days the archive source stored (when that
    /// source is enabled): <see cref="ReanalysisRetrainer"/>.
    /// </summary>
    public bool RetrainFromArchive { get; set; } = true;
}

/// <summary>
/// The retraining loop: trains a challenger on the station archive the system has imported, holding out its latest
/// days, scores the current model on the same held-out cases, and promotes the challenger only if its 24 h Brier score
/// is lower. Both results are kept (ops database, GET /api/ops/models); a promoted model is written beside its card
/// and the scorer reloads it.
/// </summary>
public sealed partial class FrostRetrainer(ITimeSeriesStore store, OpsDatabase ops, FrostRiskScorer scorer, ResolvedPaths paths,
    HazardConfiguration hazards, TimeProvider time, IOptions<RetrainOptions> retrainOptions, ILogger<FrostRetrainer> logger)
{
    public async Task<ModelTrial> RunAsync(CancellationToken cancellationToken)
    {
        var options = retrainOptions.Value;
        var records = await StoreStations.ReadAsync(store, ops, cancellationToken);
        var current = FrostModel.Load(Path.Combine(paths.Models, "frost", "model.zip"));
        ModelTrial trial;
        if (records.Count == 0 || records.All(r => r.Readings.Count == 0))
        {
            trial = new ModelTrial(time.GetUtcNow(), "frost", current.Version, double.NaN, null, double.NaN, 0, false, "no imported station records in the store");
        }
        else
        {
            var last = records.Max(r => FrostCases.LocalDate(r.Readings[^1].Time, TimeZones.Shanghai));
            var testFrom = last.AddDays(-options.HeldOutDays);
            var thresholds = hazards.Table.Thresholds<FrostThresholds>(FrostHazard.Id);
            var held = records.SelectMany(r => FrostCases.From(r, thresholds, TimeZones.Shanghai))
                .Where(c => c.LeadHours == 24 && c.InSeason && FrostCases.LocalDate(c.IssueTime, TimeZones.Shanghai) >= testFrom).ToList();
            if (held.Count == 0)
            {
                trial = new ModelTrial(time.GetUtcNow(), "frost", current.Version, double.NaN, null, double.NaN, 0, false,
                    string.Create(CultureInfo.InvariantCulture, $"no in-season cases in the held-out window from {testFrom:yyyy-MM-dd}"));
            }
            else
            {
                var challenger = FrostRiskTrainer.Train(records, thresholds, TimeZones.Shanghai, testFrom, "NOAA ISD-Lite (3-hourly SYNOP), as imported into the store",
                    [.. records.Select(r => "station:" + r.Station)]);
                var currentBrier = ProbabilityScores.Brier([.. held.Select(c => (double)current.Probability(c.Input))], [.. held.Select(c => c.Event)]);
                var challengerBrier = challenger.Card.HeldOut.Single(s => s.Forecaster == "model" && s.LeadHours == 24).Brier;
                var promote = challengerBrier < currentBrier;
                trial = new ModelTrial(time.GetUtcNow(), "frost", current.Version, currentBrier, challenger.Card.Version, challengerBrier, held.Count, promote,
                    promote ? "challenger's Brier score is lower on the held-out window" : "challenger does not beat the current model");
                if (promote)
                {
                    await ModelFiles.WriteAsync(paths.Models, challenger, cancellationToken);
                    scorer.Reload();
                }
            }
        }

        await ops.RecordTrialAsync(trial, cancellationToken);
        LogTrial(logger, trial.CurrentVersion, trial.CurrentBrier, trial.ChallengerVersion, trial.ChallengerBrier, trial.Promoted, trial.Reason);
        return trial;
    }

    [LoggerMessage(EventId = 6003, Level = LogLevel.Information, Message = "Frost retraining: current {Current} (Brier {CurrentBrier}), challenger {Challenger} (Brier {ChallengerBrier}), promoted {Promoted}: {Reason}")]
    private static partial void LogTrial(ILogger logger, string current, double currentBrier, string? challenger, double challengerBrier, bool promoted, string reason);
}

[DisallowConcurrentExecution]
public sealed class RetrainModelsJob(FrostRetrainer retrainer, ReanalysisRetrainer reanalysis, IOptions<RetrainOptions> options, IConfiguration configuration) : IJob
{
    public static readonly JobKey Key = new("retrain-models");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        await retrainer.RunAsync(cancellationToken);
        var archive = configuration.GetSection(Ingest.OpenMeteoArchive.OpenMeteoArchiveOptions.Section).Get<Ingest.OpenMeteoArchive.OpenMeteoArchiveOptions>()
            ?? new Ingest.OpenMeteoArchive.OpenMeteoArchiveOptions();
        if (options.Value.RetrainFromArchive && archive.Enabled)
        {
            foreach (var hazard in ClimateWarn.Risk.Synthetic.SyntheticHazards.Names)
            {
                await reanalysis.RunAsync(hazard, cancellationToken);
            }
        }
    }
}

public static class ModelsSetup
{
    public static IServiceCollection AddModelRetraining(this IServiceCollection services, IConfiguration configuration, bool scheduled)
    {
        services.AddValidatedOptions<RetrainOptions>(RetrainOptions.Section);
        services.AddSingleton<FrostRetrainer>().AddSingleton<ReanalysisRetrainer>();
        if (scheduled)
        {
            // A malformed cron is refused by the options' validation at start-up; Quartz must not see it first.
            var cron = (configuration.GetSection(RetrainOptions.Section).Get<RetrainOptions>() ?? new RetrainOptions()).RetrainCron;
            cron = CronExpression.TryParse(cron, out _) ? cron : new RetrainOptions().RetrainCron;
            services.AddQuartz(q =>
            {
                q.AddJob<RetrainModelsJob>(j => j.WithIdentity(RetrainModelsJob.Key));
                q.AddTrigger(t => t.ForJob(RetrainModelsJob.Key).WithIdentity("retrain-models-weekly")
                    .WithCronSchedule(cron, c => c.InTimeZone(TimeZones.Shanghai).WithMisfireInstruction(CronTriggerMisfireInstruction.DoNothing)));
            });
        }

        return services;
    }

    public static IEndpointRouteBuilder MapModels(this IEndpointRouteBuilder app)
    {
        // Every model with its card and the card's synthetic flag, so the operator view can say which are not fit for operations.
        app.MapGet("/api/ops/models", async (IEnumerable<IRiskScorer> scorers, ResolvedPaths paths, OpsDatabase ops, CancellationToken ct) =>
        {
            var models = new List<object>();
            foreach (var (hazard, version) in scorers.Select(s => (s.Model, s.Version)))
            {
                var card = ModelCard.FromJson(await File.ReadAllTextAsync(Path.Combine(paths.Models, hazard, "card.json"), ct));
                // Whether the server uses it: the card's out-of-sample decision (a synthetic model is never used for warnings).
                var used = card.Use is { Used: true } && !card.Data.Synthetic;
                models.Add(new { hazard, version, synthetic = card.Data.Synthetic, reanalysis = card.Data.Reanalysis, used, usedLeads = card.Use?.Leads ?? [],
                    useReasonZh = card.Use?.ReasonZh ?? (card.Data.Synthetic ? "合成数据训练，不用于业务" : "说明卡没有站点外检验结论，不使用"),
                    useReasonEn = card.Use?.ReasonEn ?? (card.Data.Synthetic ? "trained on synthetic weather: not used operationally" : "the card has no out-of-sample decision: not used"), card });
            }

            // The cards' own options: a score that is undefined on the held-out data (FAR with no warning) is written "NaN".
            return Results.Json(new { models, trials = await ops.TrialsAsync(50, ct) }, ModelCard.Json);
        }).RequireOperatorOrAdmin()
            .WithSummary("模型 / Models")
            .WithDescription("Each model (frost, heavy-rain, flood, drought) with its version, synthetic flag and card (data, features, skill), and the retraining trials (current vs challenger Brier score on the held-out window, promoted or not).")
            .WithTags("ops")
            .Produces(200);
        return app;
    }
}
