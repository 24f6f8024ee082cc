using ClimateWarn.Server.Configuration;
using ClimateWarn.Server.Ingest.OpenMeteo;
using Quartz;

namespace ClimateWarn.Server.Ingest.OpenMeteoModels;

public static class OpenMeteoModelsSourceExtensions
{
    /// <summary>The several-models source on its own cron (OpenMeteoModels:Cron) through the forecast API's client, unless disabled.</summary>
    public static IServiceCollection AddOpenMeteoModelsSource(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(OpenMeteoModelsOptions.Section).Get<OpenMeteoModelsOptions>() ?? new OpenMeteoModelsOptions();
        if (!options.Enabled)
        {
            return services;
        }

        services.AddOpenMeteoClient(configuration);
        services.AddValidatedOptions<OpenMeteoModelsOptions>(OpenMeteoModelsOptions.Section);
        // A malformed cron is refused by the options' validation at start-up; Quartz must not see it first.
        return services.AddScheduledSource<OpenMeteoModelsSource>(OpenMeteoModelsSource.SourceName,
            CronExpression.TryParse(options.Cron, out _) ? options.Cron : new OpenMeteoModelsOptions().Cron, options.RunAtStartup);
    }
}
