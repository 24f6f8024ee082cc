using ClimateWarn.Server.Configuration;
using ClimateWarn.Server.Ingest.OpenMeteo;
using Quartz;

namespace ClimateWarn.Server.Skill;

/// <summary>
/// The forecast archive judged (docs/ensembles.md): the skill table of every source against the observations, the models'
/// agreement beside warnings, the probabilities the pages show with their sources, and the calibration that may replace
/// the raw ensemble share once it wins on held-out pairs.
/// </summary>
public static class SkillSetup
{
    public static IServiceCollection AddSkill(this IServiceCollection services, IConfiguration configuration, bool scheduled)
    {
        services.AddSingleton<SkillTable>().AddSingleton<EnsembleCalibrator>();
        // OpenMeteo:Model = auto asks the skill table; registered before the source, which only adds the configured one if none is.
        services.AddSingleton<IDrivingModel, BestVerifiedModel>();
        services.AddValidatedOptions<CalibrationOptions>(CalibrationOptions.Section);
        services.AddValidatedOptions<ArchiveOptions>(ArchiveOptions.Section);
        services.AddSingleton<ArchiveRetention>();
        if (scheduled)
        {
            // A malformed cron is refused by the options' validation at start-up; Quartz must not see it first.
            var cron = (configuration.GetSection(CalibrationOptions.Section).Get<CalibrationOptions>() ?? new CalibrationOptions()).Cron;
            cron = CronExpression.TryParse(cron, out _) ? cron : new CalibrationOptions().Cron;
            var prune = (configuration.GetSection(ArchiveOptions.Section).Get<ArchiveOptions>() ?? new ArchiveOptions()).Cron;
            prune = CronExpression.TryParse(prune, out _) ? prune : new ArchiveOptions().Cron;
            services.AddQuartz(q =>
            {
                q.AddJob<CalibrateJob>(j => j.WithIdentity(CalibrateJob.Key));
                q.AddTrigger(t => t.ForJob(CalibrateJob.Key).WithIdentity("calibrate-ensembles-weekly")
                    .WithCronSchedule(cron, c => c.InTimeZone(ClimateWarn.Core.TimeZones.Shanghai).WithMisfireInstruction(CronTriggerMisfireInstruction.DoNothing)));
                q.AddJob<PruneArchiveJob>(j => j.WithIdentity(PruneArchiveJob.Key));
                q.AddTrigger(t => t.ForJob(PruneArchiveJob.Key).WithIdentity("prune-archive-daily")
                    .WithCronSchedule(prune, c => c.InTimeZone(ClimateWarn.Core.TimeZones.Shanghai).WithMisfireInstruction(CronTriggerMisfireInstruction.DoNothing)));
            });
        }

        return services;
    }

    public static IEndpointRouteBuilder MapSkillEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapSkill();
        app.MapAgreement();
        app.MapProbabilities();
        return app;
    }
}
