using ClimateWarn.Server.Accounts;
using ClimateWarn.Server.Assess;
using ClimateWarn.Server.Assess.Models;
using ClimateWarn.Server.Assess.Rules;
using ClimateWarn.Server.Bureau;
using ClimateWarn.Server.Configuration;
using ClimateWarn.Server.Dashboards;
using ClimateWarn.Server.Ingest.Import;
using ClimateWarn.Server.Skill;
using ClimateWarn.Server.Store;
using ClimateWarn.Server.Store.Relational;

namespace ClimateWarn.Server.Hosting;

/// <summary>
/// The host the verbs run in (<see cref="VerbHost"/>): the same configuration, storage, places and accounts as the server,
/// without Kestrel or jobs. Stopping the host flushes the store's write queue.
/// </summary>
internal static class VerbsHost
{
    public static async Task<int> RunAsync(IReadOnlyList<string> settings, Action<IConfigurationBuilder>? configure, TextWriter error,
        Func<IServiceProvider, CancellationToken, Task<int>> work, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [.. settings] });
        configure?.Invoke(builder.Configuration);
        builder.Logging.SetMinimumLevel(LogLevel.Warning).AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning);
        IHost host;
        try
        {
            var paths = new ResolvedPaths(builder.Configuration.GetSection(PathOptions.Section).Get<PathOptions>() ?? new(), builder.Environment.ContentRootPath);
            builder.Services.AddSingleton(paths);
            var places = PlacesLoader.Load(paths.Config);
            DataDirectoryOwner.Claim(paths.Data, places.City);
            builder.Services.AddSingleton(places);
            var hazards = HazardConfigLoader.Load(paths.Config, builder.Configuration.GetSection(HazardOptions.Section).Get<HazardOptions>()?.Table ?? new HazardOptions().Table);
            builder.Services.AddSingleton(hazards).AddSingleton(hazards.Table);
            builder.Services.AddSingleton(TimeProvider.System).AddSingleton(new PipelineClock(TimeProvider.System));
            builder.Services.AddClimateWarnStorage(builder.Configuration, paths);
            builder.Services.AddSingleton<HistoryImporter>().AddSingleton<ReanalysisRetrainer>();
            builder.Services.AddWarningsDatabase(builder.Configuration, paths);
            builder.Services.AddAccounts();
            // `verify skill`: the archive judged against the observations, without the assessment's models.
            builder.Services.AddSingleton<ObservedHazards>().AddMemoryCache().AddSingleton<VerificationPages>().AddSingleton<SkillTable>()
                .AddRiskScorers();
            host = builder.Build();
        }
        catch (StartupConfigurationException ex)
        {
            await error.WriteLineAsync(ex.Message);
            return ExitCodes.ConfigurationError;
        }

        using (host)
        {
            await host.StartAsync(cancellationToken);
            var code = await work(host.Services, cancellationToken);
            await host.StopAsync(CancellationToken.None);
            return code;
        }
    }
}
