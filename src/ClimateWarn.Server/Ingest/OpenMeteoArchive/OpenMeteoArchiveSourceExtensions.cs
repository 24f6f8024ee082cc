using ClimateWarn.Server.Configuration;
using ClimateWarn.Server.Ingest.OpenMeteo;
using Microsoft.Extensions.Options;
using Quartz;
using Refit;

namespace ClimateWarn.Server.Ingest.OpenMeteoArchive;

public static class OpenMeteoArchiveSourceExtensions
{
    /// <summary>
    /// The ERA5 daily-history source on its own cron (OpenMeteoArchive:Cron), unless OpenMeteoArchive:Enabled is false.
    /// <paramref name="defaultHistoryYears"/> is config/indices.json's historyYears, used when HistoryYears is 0.
    /// </summary>
    public static IServiceCollection AddOpenMeteoArchiveSource(this IServiceCollection services, IConfiguration configuration, int defaultHistoryYears)
    {
        var options = configuration.GetSection(OpenMeteoArchiveOptions.Section).Get<OpenMeteoArchiveOptions>() ?? new OpenMeteoArchiveOptions();
        if (!options.Enabled)
        {
            return services;
        }

        services.AddValidatedOptions<OpenMeteoArchiveOptions>(OpenMeteoArchiveOptions.Section);
        services.PostConfigure<OpenMeteoArchiveOptions>(o => o.HistoryYears = o.HistoryYears == 0 ? defaultHistoryYears : o.HistoryYears);
        services.AddRefitGeneratedClient<IOpenMeteoArchiveApi>(OpenMeteoArchiveJsonContext.Default)
            .ConfigureHttpClient((sp, client) => client.BaseAddress = new Uri(sp.GetRequiredService<IOptions<OpenMeteoArchiveOptions>>().Value.BaseUrl))
            .AddResilienceFrom(configuration, OpenMeteoArchiveOptions.Section);

        // A malformed cron is refused by the options' validation at start-up; Quartz must not see it first.
        return services.AddScheduledSource<OpenMeteoArchiveSource>(OpenMeteoArchiveSource.SourceName,
            CronExpression.TryParse(options.Cron, out _) ? options.Cron : new OpenMeteoArchiveOptions().Cron, options.RunAtStartup);
    }
}
