using ClimateWarn.Core.Hazards;
using ClimateWarn.Core.Places;
using ClimateWarn.Core.TimeSeries;
using ClimateWarn.Core.Warnings;
using ClimateWarn.Core;
using ClimateWarn.Server.Accounts;
using ClimateWarn.Server.Assess.Models;
using ClimateWarn.Server.Assess.Rules;
using ClimateWarn.Server.Assess;
using ClimateWarn.Server.Bureau;
using ClimateWarn.Server.Configuration;
using ClimateWarn.Server.Dashboards;
using ClimateWarn.Server.Deliver;
using ClimateWarn.Server.Ingest.OpenMeteo;
using ClimateWarn.Server.Assess.Indices;
using ClimateWarn.Server.Ingest.OpenMeteoAirQuality;
using ClimateWarn.Server.Ingest.OpenMeteoEnsemble;
using ClimateWarn.Server.Ingest.OpenMeteoModels;
using ClimateWarn.Server.Skill;
using ClimateWarn.Server.Ingest.OpenMeteoArchive;
using ClimateWarn.Server.Ingest.Replay;
using ClimateWarn.Server.Ingest;
using ClimateWarn.Server.Store.Ops;
using ClimateWarn.Server.Store.Relational;
using ClimateWarn.Server.Store;
using ClimateWarn.Server.Warn;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Quartz;

namespace ClimateWarn.Server.Hosting;

/// <summary>The composition root: configuration is read and validated before anything starts.</summary>
public static partial class ClimateWarnHost
{
    [LoggerMessage(EventId = 1010, Level = LogLevel.Warning, Message = "CAP polygons of district {District} {NameZh}: {Note}")]
    private static partial void LogCapPolygon(ILogger logger, string district, string nameZh, string note);

    /// <summary>The server run: refuses a configuration it cannot serve with <see cref="ExitCodes.ConfigurationError"/>.</summary>
    public static async Task<int> RunAsync(string[] args, Action<WebApplicationBuilder>? configure = null, TextWriter? error = null)
    {
        error ??= Console.Error;
        WebApplication app;
        try
        {
            app = Create(args, configure);
        }
        catch (Exception ex) when (ex is StartupConfigurationException || StartupDataException.Find(ex) is not null)
        {
            await error.WriteLineAsync(StartupDataException.Find(ex)?.Message ?? ex.Message);
            return ExitCodes.ConfigurationError;
        }

        await using (app)
        {
            try
            {
                await app.StartAsync();
            }
            catch (Exception ex) when (StartupDataException.Find(ex) is { } refused)
            {
                await error.WriteLineAsync(refused.Message);
                return ExitCodes.ConfigurationError;
            }
            catch (StartupConfigurationException ex)
            {
                // Refused while starting (a replay's data directory that holds later messages, say): one line, exit 78.
                await error.WriteLineAsync(ex.Message);
                return ExitCodes.ConfigurationError;
            }
            catch (OperationCanceledException)
            {
                // A service died while the others were still starting and the host stopped: reported below.
            }

            await app.WaitForShutdownAsync();
            // A background service that died (a full disk under the outbox, say) stopped the host: that is no clean exit,
            // so say which and why, and exit non-zero for the service manager to restart it (Restart=on-failure).
            var failed = app.Services.GetServices<IHostedService>().OfType<BackgroundService>().FirstOrDefault(s => s.ExecuteTask is { IsFaulted: true });
            if (failed?.ExecuteTask?.Exception?.GetBaseException() is { } died)
            {
                await error.WriteLineAsync($"ClimateWarn stopped: {failed.GetType().Name} failed: {died.Message}");
                return ExitCodes.ServiceFailed;
            }

            return ExitCodes.Success;
        }
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

        builder.Services.AddHazards(BuiltInHazards.All);
        configure?.Invoke(builder);
        var configuration = builder.Configuration;
        var paths = new ResolvedPaths(configuration.GetSection(PathOptions.Section).Get<PathOptions>() ?? new(), builder.Environment.ContentRootPath);
        var places = PlacesLoader.Load(paths.Config);
        var services = builder.Services;
        var registry = services.Registry();
        var hazards = HazardConfigLoader.Load(paths.Config, configuration.GetSection(HazardOptions.Section).Get<HazardOptions>()?.Table ?? new HazardOptions().Table, registry);
        HazardConfigLoader.CheckDistricts(hazards, places);
        var guidance = GuidanceLoader.Load(paths.Config, hazards.Table);
        services.AddSingleton(paths).AddSingleton(places).AddSingleton(registry).AddSingleton(hazards).AddSingleton(hazards.Table).AddSingleton(guidance);
        services.AddSingleton(new WarningComposer(places, guidance, registry, Core.TimeZones.Shanghai, TemplateLoader.Load(paths.Config, hazards.Table)));
        // People's clock; tests put a fake one in first. The pipeline's clock is the replay's in a replay (PipelineClock).
        services.TryAddSingleton(TimeProvider.System);
        services.AddDashboards(paths.Config, guidance);
        services.AddSkill(configuration, scheduled: !replay);
        services.AddClimateWarnStorage(configuration, paths);
        services.AddWarningsDatabase(configuration, paths);
        services.AddAccounts();
        // First among the hosted services: migrations, seed accounts and the board's state before anything delivers.
        services.AddHostedService<StartupInitializer>();
        services.AddIngest();
        services.AddAssessment(configuration, paths.Config, scheduled: !replay);
        services.AddWarnings();
        Products.ProductEndpoints.AddProducts(services);
        services.AddDelivery();
        services.AddClimateWarnHealth();
        services.AddProblemDetails();
        services.AddApiDocs();
        services.AddWebSecurity();
        BadRequestHandler.Add(services);
        services.AddExceptionHandler<UnavailableHandler>();
        services.ConfigureHttpJsonOptions(o => InputJson.Configure(WarningJson.Configure(o.SerializerOptions)));
        // Requests are small (a draft edit, a subscription): 1 MB unless configured, refused with 413 beyond it.
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = configuration.GetValue<long?>("Kestrel:Limits:MaxRequestBodySize") ?? 1_048_576);
        services.AddQuartz();
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        services.AddCluster(configuration);
        if (replay)
        {
            services.AddReplaySource(paths, places);
        }
        else
        {
            services.TryAddSingleton(sp => new PipelineClock(sp.GetRequiredService<TimeProvider>()));
            services.AddOpenMeteoSource(configuration);
            services.AddOpenMeteoArchiveSource(configuration, IndicesConfig.Load(paths.Config).HistoryYears);
            services.AddOpenMeteoAirQualitySource(configuration);
            services.AddOpenMeteoEnsembleSource(configuration);
            services.AddOpenMeteoModelsSource(configuration);
        }

        var app = builder.Build();
        ValidateOptions(app.Services);
        // Models load once, before anything listens: a model for another input schema refuses start-up.
        _ = app.Services.GetServices<IRiskScorer>().ToList();
        // A CAP signing certificate that cannot be read refuses start-up now, not at the first document.
        _ = app.Services.GetRequiredService<Warn.CapSigner>();
        // What the CAP polygons needed (a boundary repaired, a ring simplified): said once, with the district.
        var capLog = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("ClimateWarn.Server.Warn.CapPolygons");
        foreach (var district in app.Services.GetRequiredService<PlaceCatalog>().Districts)
        {
            foreach (var note in Core.Cap.CapPolygons.For(district.Boundary).Notes)
            {
                LogCapPolygon(capLog, district.Code, district.NameZh, note);
            }
        }
        app.UseWebSecurity();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.UseMiddleware<SameOriginMiddleware>();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.MapAccounts();
        app.MapPlaces();
        app.MapAssessment();
        app.MapWarningEndpoints();
        Products.ProductEndpoints.MapProducts(app);
        app.MapDelivery();
        app.MapClimateWarnHealth();
        // The operators' records; Store cannot know Accounts (folders form no cycle), so the rule is applied here.
        app.MapGroup(string.Empty).RequireOperatorOrAdmin().MapOps();
        app.MapGroup(string.Empty).RequireOperatorOrAdmin().MapCluster();
        app.MapDashboards();
        app.MapSkillEndpoints();
        app.MapApiDocs();
        if (replay)
        {
            app.MapReplay();
        }

        return app;
    }

    /// <summary>Every options class bound with ValidateOnStart is checked now: a bad value refuses start-up naming the key and the value.</summary>
    private static void ValidateOptions(IServiceProvider services)
    {
        try
        {
            services.GetService<Microsoft.Extensions.Options.IStartupValidator>()?.Validate();
        }
        catch (Exception ex) when (Problems(ex) is { Count: > 0 } problems)
        {
            throw new StartupConfigurationException(problems);
        }
    }

    /// <summary>
    /// The failures of the options' start-up validation (several at once come as an AggregateException), and the binder's
    /// own words for a value it cannot convert ("Failed to convert configuration value 'abc' at 'Warnings:HoldTime' …",
    /// naming value and key). Anything else is not a configuration problem: null.
    /// </summary>
    private static List<string>? Problems(Exception ex)
    {
        var all = ex is AggregateException aggregate ? aggregate.Flatten().InnerExceptions : [ex];
        var problems = new List<string>();
        foreach (var e in all)
        {
            switch (e)
            {
                case Microsoft.Extensions.Options.OptionsValidationException invalid:
                    problems.AddRange(invalid.Failures);
                    break;
                case InvalidOperationException bind when bind.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal):
                    problems.Add(bind.Message);
                    break;
                default:
                    return null;
            }
        }

        return problems;
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

/// <summary>Restores the warning board from its log and registers the sources before jobs run.</summary>
internal sealed class StartupInitializer(WarningBoard board, SourceHealth health, IEnumerable<IForecastSource> sources, IServiceProvider services, ResolvedPaths paths, PlaceCatalog places) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // Before anything is written: the data directory is this bureau's.
        DataDirectoryOwner.Claim(paths.Data, places.City);
        foreach (var source in sources)
        {
            health.Expect(source.Name);
        }

        // Nodes of a cluster starting together migrate and seed one after the other (one node: an in-process lock).
        await using var held = await services.GetRequiredService<IClusterLock>().AcquireAsync("startup", cancellationToken);
        await board.InitializeAsync(cancellationToken);
        await AccountsSetup.SeedAsync(services, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

}
