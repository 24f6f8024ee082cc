using Microsoft.Extensions.Options;
using Quartz;
using Refit;

namespace ClimateWarn.Server.Ingest.OpenMeteo;

public static class OpenMeteoSourceExtensions
{
    /// <summary>The live source: the Open-Meteo client, and IngestForecastJob on its cron.</summary>
    public static IServiceCollection AddOpenMeteoSource(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOpenMeteoClient(configuration);
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

    /// <summary>A Refit client with the standard resilience handler (retries 429, 5xx and timeouts; settings under OpenMeteo:Resilience).</summary>
    public static IServiceCollection AddOpenMeteoClient(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<OpenMeteoOptions>().BindConfiguration(OpenMeteoOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var client = services.AddRefitGeneratedClient<IOpenMeteoApi>(OpenMeteoJsonContext.Default)
            .ConfigureHttpClient((sp, client) => client.BaseAddress = new Uri(sp.GetRequiredService<IOptions<OpenMeteoOptions>>().Value.BaseUrl));
        var resilience = configuration.GetSection(OpenMeteoOptions.Section + ":Resilience");
        if (resilience.Exists())
        {
            client.AddStandardResilienceHandler(resilience);
        }
        else
        {
            client.AddStandardResilienceHandler();
        }
        services.AddSingleton<IForecastSource, OpenMeteoForecastSource>();
        return services;
    }
}
