using ClimateWarn.Server.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Quartz;
using Refit;

namespace ClimateWarn.Server.Ingest.OpenMeteo;

public static class OpenMeteoSourceExtensions
{
    /// <summary>The live source: the Open-Meteo client, and its ingest job on its own cron (OpenMeteo:Cron).</summary>
    public static IServiceCollection AddOpenMeteoSource(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOpenMeteoClient(configuration);
        var options = configuration.GetSection(OpenMeteoOptions.Section).Get<OpenMeteoOptions>() ?? new OpenMeteoOptions();
        // A malformed cron is refused by the options' validation at start-up; Quartz must not see it first.
        return services.AddScheduledSource<OpenMeteoForecastSource>(OpenMeteoMapper.SourceName,
            CronExpression.TryParse(options.Cron, out _) ? options.Cron : new OpenMeteoOptions().Cron, options.RunAtStartup);
    }

    /// <summary>A Refit client with the standard resilience handler (retries 429, 5xx and timeouts; settings under OpenMeteo:Resilience).</summary>
    public static IServiceCollection AddOpenMeteoClient(this IServiceCollection services, IConfiguration configuration)
    {
        // The forecast source and the several-models source share one client.
        if (services.Any(s => s.ServiceType == typeof(OpenMeteoForecastSource)))
        {
            return services;
        }

        services.AddValidatedOptions<OpenMeteoOptions>(OpenMeteoOptions.Section);
        var client = services.AddRefitGeneratedClient<IOpenMeteoApi>(OpenMeteoJsonContext.Default)
            .ConfigureHttpClient((sp, client) => client.BaseAddress = new Uri(sp.GetRequiredService<IOptions<OpenMeteoOptions>>().Value.BaseUrl));
        client.AddResilienceFrom(configuration, OpenMeteoOptions.Section);
        services.TryAddSingleton<IDrivingModel, ConfiguredDrivingModel>();
        services.TryAddSingleton<OpenMeteoForecastSource>();
        return services;
    }

    /// <summary>The standard resilience handler, with the settings under &lt;section&gt;:Resilience when there are any.</summary>
    public static IHttpClientBuilder AddResilienceFrom(this IHttpClientBuilder client, IConfiguration configuration, string section)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var resilience = configuration.GetSection(section + ":Resilience");
        if (resilience.Exists())
        {
            client.AddStandardResilienceHandler(resilience);
        }
        else
        {
            client.AddStandardResilienceHandler();
        }

        return client;
    }
}
