using ClimateWarn.Server.Configuration;
using ClimateWarn.Server.Ingest.OpenMeteo;
using Microsoft.Extensions.Options;
using Quartz;
using Refit;

namespace ClimateWarn.Server.Ingest.OpenMeteoEnsemble;

public static class OpenMeteoEnsembleSourceExtensions
{
    /// <summary>The ensemble source on its own cron (OpenMeteoEnsemble:Cron), unless OpenMeteoEnsemble:Enabled is false.</summary>
    public static IServiceCollection AddOpenMeteoEnsembleSource(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(OpenMeteoEnsembleOptions.Section).Get<OpenMeteoEnsembleOptions>() ?? new OpenMeteoEnsembleOptions();
        if (!options.Enabled)
        {
            return services;
        }

        services.AddValidatedOptions<OpenMeteoEnsembleOptions>(OpenMeteoEnsembleOptions.Section);
        services.AddRefitGeneratedClient<IOpenMeteoEnsembleApi>(OpenMeteoEnsembleJsonContext.Default)
            .ConfigureHttpClient((sp, client) => client.BaseAddress = new Uri(sp.GetRequiredService<IOptions<OpenMeteoEnsembleOptions>>().Value.BaseUrl))
            .AddResilienceFrom(configuration, OpenMeteoEnsembleOptions.Section);

        // A malformed cron is refused by the options' validation at start-up; Quartz must not see it first.
        return services.AddScheduledSource<OpenMeteoEnsembleSource>(OpenMeteoEnsembleSource.SourceName,
            CronExpression.TryParse(options.Cron, out _) ? options.Cron : new OpenMeteoEnsembleOptions().Cron, options.RunAtStartup);
    }
}
