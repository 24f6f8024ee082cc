using ClimateWarn.Core;
using ClimateWarn.Core.Places;
using ClimateWarn.Core.TimeSeries;
using ClimateWarn.Core.Warnings;
using ClimateWarn.Server.Accounts;
using ClimateWarn.Server.Assess;
using ClimateWarn.Server.Assess.Models;
using ClimateWarn.Server.Assess.Rules;
using ClimateWarn.Server.Bureau;
using ClimateWarn.Server.Configuration;
using ClimateWarn.Server.Deliver;
using ClimateWarn.Server.Ingest;
using ClimateWarn.Server.Store;
using ClimateWarn.Server.Store.Relational;
using ClimateWarn.Server.Warn;
using ClimateWarn.Server.Ingest.OpenMeteo;
using ClimateWarn.Server.Ingest.Replay;
using ClimateWarn.Server.Store.Ops;
using ClimateWarn.Server.Assess.Indices;
using ClimateWarn.Server.Dashboards;

namespace ClimateWarn.Server.Hosting;

/// <summary>The composition root: configuration is read and validated before anything starts.</summary>
public static class ClimateWarnHost
{
    /// <summary>The server run: refuses a configuration it cannot serve with <see cref="ExitCodes.ConfigurationError"/>.</summary>
    public static async Task<int> RunAsync(string[] args, Action<WebApplicationBuilder>? configure = null, TextWriter? error = null)
    {
        WebApplication app;
        try
        {
            app = Create(args, configure);
        }
        catch (StartupConfigurationException ex)
        {
            await (error ?? Console.Error).WriteLineAsync(ex.Message);
            return ExitCodes.ConfigurationError;
        }

        await app.RunAsync();
        return ExitCodes.Success;
    }

    /// <param name="args">`--replay` and configuration settings (`--Section:Key=value` or `--Section:Key value`); nothing else.</param>
    /// <param name="configure">Runs after the command line is read: the tests' settings win.</param>
    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        var (settings, rest, problem) = ConfigurationArguments.Split(args);
        if (problem is not null || rest.Any(a => a != "--replay"))
        {
            throw new ArgumentException(problem ?? $"the server takes --replay and configuration settings, not '{rest.First(a => a != "--replay")}'", nameof(args));
        }

        var replay = rest.Contains("--replay");
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = [.. settings],
            WebRootPath = FindWebRoot(),
        });
        if (replay)
        {
            builder.Configuration["Mode"] = "Replay";
        }

        configure?.Invoke(builder);
        var paths = new ResolvedPaths(builder.Configuration.GetSection(PathOptions.Section).Get<PathOptions>() ?? new(), builder.Environment.ContentRootPath);
        var places = PlacesLoader.Load(paths.Config);
        var hazards = HazardConfigLoader.Load(paths.Config, builder.Configuration.GetSection(HazardOptions.Section).Get<HazardOptions>()?.Table ?? new HazardOptions().Table);
        var guidance = GuidanceLoader.Load(paths.Config, hazards.Table);
        var storage = builder.Configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new();
        var services = builder.Services;
        services.AddSingleton(paths).AddSingleton(places).AddSingleton(hazards).AddSingleton(guidance);
        services.AddSingleton(new WarningComposer(places, guidance, TimeZones.Shanghai));
        services.AddDashboards(paths.Config, guidance);
        services.AddClimateWarnStorage(builder.Configuration, paths);
        services.AddWarningsDatabase(builder.Configuration, paths);
        services.AddAccounts();
        // First among the hosted services: migrations, seed accounts and the board's state before anything delivers.
        services.AddHostedService<StartupInitializer>();
        services.AddSingleton<WarningLog>().AddSingleton<Outbox>().AddSingleton<Approvals>().AddSingleton<Acknowledgements>().AddSingleton<Devices>();
        services.AddOptions<DeliveryOptions>().BindConfiguration(DeliveryOptions.Section);
        services.AddOptions<WarningOptions>().BindConfiguration(WarningOptions.Section);
        services.AddHttpClient(DeliveryDispatcher.HttpClientName, c => c.Timeout = Timeout.InfiniteTimeSpan); // per attempt: Delivery:AttemptTimeout
        services.AddSingleton<DeliveryDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<DeliveryDispatcher>());
        services.AddOptions<WatchOptions>().BindConfiguration(WatchOptions.Section);
        services.AddSingleton<Watches>();
        services.AddSingleton<WarningBoard>().AddSingleton<RiskBoard>().AddSingleton<SourceHealth>().AddSingleton<ForecastPipeline>();
        services.AddSingleton<FrostRiskScorer>().AddHazardScorers();
        services.AddDroughtIndices(paths.Config, scheduled: !replay);
        services.AddModelRetraining(builder.Configuration, scheduled: !replay);
        services.AddHostedService<EscalationService>().AddHostedService<HubRelay>();
        services.AddClimateWarnHealth();
        services.AddProblemDetails();
        BadRequestHandler.Add(services);
        services.ConfigureHttpJsonOptions(o => WarningJson.Configure(o.SerializerOptions));
        services.AddSignalR().AddJsonProtocol(o => WarningJson.Configure(o.PayloadSerializerOptions));
        if (replay)
        {
            services.AddReplaySource(paths, places);
        }
        else
        {
            services.AddSingleton(TimeProvider.System);
            services.AddOpenMeteoSource(builder.Configuration);
        }

        var app = builder.Build();
        // Models load once, before anything listens: a model for another input schema refuses start-up.
        app.Services.GetRequiredService<FrostRiskScorer>();
        _ = app.Services.GetServices<IHazardRiskScorer>().ToList();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapAccounts();
        app.MapPlaces();
        app.MapWarnings();
        app.MapRisk();
        app.MapClimateWarnHealth();
        app.MapOps();
        app.MapDroughtIndices();
        app.MapCap();
        app.MapModels();
        app.MapDashboards();
        if (replay)
        {
            app.MapReplay();
        }

        return app;
    }

    /// <summary>Published: wwwroot beside the binary. From a clone (dotnet run, tests): the project's own wwwroot.</summary>
    private static string FindWebRoot()
    {
        var published = Path.Combine(AppContext.BaseDirectory, "wwwroot");
        if (Directory.Exists(published))
        {
            return published;
        }

        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "src", "ClimateWarn.Server", "wwwroot");
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }

                if (File.Exists(Path.Combine(dir.FullName, "ClimateWarn.Server.csproj")))
                {
                    return Path.Combine(dir.FullName, "wwwroot");
                }
            }
        }

        return published;
    }
}

/// <summary>Restores the warning board from its log and registers the source before jobs run.</summary>
internal sealed class StartupInitializer(WarningBoard board, SourceHealth health, IForecastSource source, IServiceProvider services) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        health.Expect(source.Name);
        await board.InitializeAsync(cancellationToken);
        await AccountsSetup.SeedAsync(services, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
