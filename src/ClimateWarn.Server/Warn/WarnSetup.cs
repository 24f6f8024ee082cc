using ClimateWarn.Server.Configuration;
using ClimateWarn.Server.Ingest;

namespace ClimateWarn.Server.Warn;

public static class WarnSetup
{
    /// <summary>The forecast cycle after every ingest, the warning engine, approvals, acknowledgements and escalation.</summary>
    public static IServiceCollection AddWarnings(this IServiceCollection services)
    {
        services.AddOptions<WarningOptions>().BindConfiguration(WarningOptions.Section).ValidateOnStart();
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<WarningOptions>, WarningOptionsValidator>();
        services.AddValidatedOptions<CapOptions>(CapOptions.Section);
        services.AddSingleton<CapSigner>();
        services.AddSingleton<WarningLog>().AddSingleton<WarningBoard>().AddSingleton<Approvals>().AddSingleton<ManualWarnings>().AddSingleton<Acknowledgements>();
        services.AddSingleton<ForecastCycle>();
        services.AddSingleton<IIngestListener>(sp => sp.GetRequiredService<ForecastCycle>());
        services.AddHostedService<EscalationService>();
        return services;
    }

    public static IEndpointRouteBuilder MapWarningEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapWarnings();
        app.MapCap();
        return app;
    }
}
