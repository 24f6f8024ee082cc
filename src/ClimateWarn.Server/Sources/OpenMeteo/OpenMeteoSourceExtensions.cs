using ClimateWarn.Server.Pipeline;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Quartz;
using Refit;

namespace ClimateWarn.Server.Sources.OpenMeteo;

public static class OpenMeteoSourceExtensions
{
    /// <summary>The live source: a Refit client with the standard resilience handler, and IngestForecastJob on its cron.</summary>
    public static IServiceCollection AddOpenMeteoSource(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<OpenMeteoOptions>().BindConfiguration(OpenMeteoOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddRefitClient<IOpenMeteoApi>()
            .ConfigureHttpClient((sp, client) => client.BaseAddress = new Uri(sp.GetRequiredService<IOptions<OpenMeteoOptions>>().Value.BaseUrl))
            .AddStandardResilienceHandler(configuration.GetSection(OpenMeteoOptions.Section + ":Resilience"));
        services.AddSingleton<IForecastSource, OpenMeteoForecastSource>();

        var options = configuration.GetSection(OpenMeteoOptions.Section).Get<OpenMeteoOptions>() ?? new OpenMeteoOptions();
        services.AddQuartz(q =>
        {
            q.AddJob<IngestForecastJob>(j => j.WithIdentity(IngestForecastJob.Key));
            q.AddTrigger(t => t.ForJob(IngestForecastJob.Key).WithIdentity("ingest-forecast-cron")
                .WithCronSchedule(options.Cron, c => c.InTimeZone(Core.TimeZones.Shanghai)
                    // A missed hour (server down, long GC) runs once as soon as possible, not once per missed hour.
                    .WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed)));
            if (options.RunAtStartup)
            {
                q.RunAtStartup(IngestForecastJob.Key);
            }
        });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        return services;
    }
}
