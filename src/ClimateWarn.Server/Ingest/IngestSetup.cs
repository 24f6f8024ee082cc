using Microsoft.Extensions.DependencyInjection.Extensions;
using Quartz;

namespace ClimateWarn.Server.Ingest;

/// <summary>Sources side by side: each registered source has its own Quartz job and schedule, health entry and ledger rows.</summary>
public static class IngestSetup
{
    /// <summary>What every source shares: the ingest run (store, ledger, health, listeners) and the sources' health.</summary>
    public static IServiceCollection AddIngest(this IServiceCollection services)
    {
        services.AddSingleton<SourceHealth>();
        services.AddSingleton<Ingestor>();
        return services;
    }

    /// <summary>
    /// Registers <typeparamref name="TSource"/> and its <see cref="IngestJob"/> on <paramref name="cron"/> (Quartz, Asia/Shanghai).
    /// A missed run (server down, long GC) runs once as soon as possible, not once per missed schedule.
    /// </summary>
    public static IServiceCollection AddScheduledSource<TSource>(this IServiceCollection services, string name, string cron, bool runAtStartup)
        where TSource : class, IForecastSource
    {
        services.TryAddSingleton<TSource>();
        services.AddSingleton<IForecastSource>(sp => sp.GetRequiredService<TSource>());
        var key = IngestJob.KeyFor(name);
        services.AddQuartz(q =>
        {
            q.AddJob<IngestJob>(j => j.WithIdentity(key).UsingJobData(IngestJob.SourceKey, name));
            q.AddTrigger(t => t.ForJob(key).WithIdentity(key.Name + ":cron")
                .WithCronSchedule(cron, c => c.InTimeZone(Core.TimeZones.Shanghai).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed)));
            if (runAtStartup)
            {
                q.RunAtStartup(key);
            }
        });
        return services;
    }
}
