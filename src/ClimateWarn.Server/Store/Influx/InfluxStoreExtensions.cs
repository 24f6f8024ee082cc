using System.Net.Http.Headers;
using System.Text;
using ClimateWarn.Core.TimeSeries;
using ClimateWarn.Server.Configuration;
using Microsoft.Extensions.Options;
using Refit;

namespace ClimateWarn.Server.Store.Influx;

public static class InfluxStoreExtensions
{
    /// <summary>Storage:Provider = Influx: the Refit client (standard resilience handler, Basic auth header), schema, writer and store.</summary>
    public static IServiceCollection AddInfluxStore(this IServiceCollection services, IConfiguration configuration, ResolvedPaths paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        services.AddValidatedOptions<InfluxOptions>(InfluxOptions.Section);
        if (configuration["Mode"] == "Replay")
        {
            // A replay writes 2021 into its own database, where forecast runs are kept for ever (docs/storage.md).
            services.PostConfigure<InfluxOptions>(o =>
            {
                o.Database = o.ReplayDatabase;
                o.KeepForecasts = true;
            });
        }

        var client = services.AddRefitGeneratedClient<IInfluxApi>(InfluxJsonContext.Default)
            .ConfigureHttpClient((sp, http) =>
            {
                var o = sp.GetRequiredService<IOptions<InfluxOptions>>().Value;
                http.BaseAddress = new Uri(o.Url);
                if (!string.IsNullOrEmpty(o.Username))
                {
                    var token = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{o.Username}:{o.Password}"));
                    http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", token);
                }
            });
        var resilience = configuration.GetSection(InfluxOptions.Section + ":Resilience");
        if (resilience.Exists())
        {
            client.AddStandardResilienceHandler(resilience);
        }
        else
        {
            client.AddStandardResilienceHandler();
        }

        services.AddSingleton<InfluxSchema>();
        services.AddSingleton<InfluxSender>();
        services.AddSingleton(sp => new InfluxSpool(
            Path.Combine(paths.Data, sp.GetRequiredService<IOptions<InfluxOptions>>().Value.SpoolDirectory),
            sp.GetRequiredService<IOptions<InfluxOptions>>().Value.SpoolMaxBytes));
        services.AddSingleton<InfluxWriter>();
        services.AddHostedService<InfluxStartup>();
        services.AddHostedService(sp => sp.GetRequiredService<InfluxWriter>());
        services.AddSingleton<ITimeSeriesStore, InfluxTimeSeriesStore>();
        return services;
    }
}

/// <summary>Creates the schema at start-up; an unreachable server is logged, not fatal (writes spool until it returns).</summary>
internal sealed partial class InfluxStartup(InfluxSchema schema, ILogger<InfluxStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await schema.EnsureAsync(cancellationToken);
        }
        catch (Exception ex) when (InfluxSender.IsTransient(ex, cancellationToken) || ex is InfluxQueryException)
        {
            LogSchemaFailed(logger, ex.Message);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 5005, Level = LogLevel.Error, Message = "InfluxDB schema could not be created now (writes will spool): {Reason}")]
    private static partial void LogSchemaFailed(ILogger logger, string reason);
}
