using ClimateWarn.Server.Configuration;
using ClimateWarn.Server.Ingest.OpenMeteo;
using Microsoft.Extensions.Options;
using Quartz;
using Refit;

namespace ClimateWarn.Server.Ingest.OpenMeteoAirQuality;

public static class OpenMeteoAirQualitySourceExtensions
{
    /// <summary>The CAMS particles source on its own cron (OpenMeteoAirQuality:Cron), unless OpenMeteoAirQuality:Enabled is false.</summary>
    public static IServiceCollection AddOpenMeteoAirQualitySource(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(OpenMeteoAirQualityOptions.Section).Get<OpenMeteoAirQualityOptions>() ?? new OpenMeteoAirQualityOptions();
        if (!options.Enabled)
        {
            return services;
        }

        services.AddValidatedOptions<OpenMeteoAirQualityOptions>(OpenMeteoAirQualityOptions.Section);
        services.AddRefitGeneratedClient<IOpenMeteoAirQualityApi>(OpenMeteoAirQualityJsonContext.Default)
            .ConfigureHttpClient((sp, client) => client.BaseAddress = new Uri(sp.GetRequiredService<IOptions<OpenMeteoAirQualityOptions>>().Value.BaseUrl))
            .AddResilienceFrom(configuration, OpenMeteoAirQualityOptions.Section);

        // A malformed cron is refused by the options' validation at start-up; Quartz must not see it first.
        return services.AddScheduledSource<OpenMeteoAirQualitySource>(OpenMeteoAirQualitySource.SourceName,
            CronExpression.TryParse(options.Cron, out _) ? options.Cron : new OpenMeteoAirQualityOptions().Cron, options.RunAtStartup);
    }
}
