

using ClimateWarn.Server.Accounts;
using ClimateWarn.Server.Assess.Models;
using ClimateWarn.Server.Assess.Rules;
using ClimateWarn.Server.Bureau;
using ClimateWarn.Server.Configuration;
using ClimateWarn.Server.Ingest.Import;
using ClimateWarn.Server.Store.Ops;
using ClimateWarn.Server.Store;
using ClimateWarn.Server.Store.Relational;

namespace ClimateWarn.Server.Hosting;

/// <summary>
/// Command verbs (`dotnet run --project src/ClimateWarn.Server -- import …`): the same configuration, storage and
/// places as the server, in a host without Kestrel or jobs. Stopping the host flushes the store's write queue.
/// </summary>
public static class Commands
{
    public const int Usage = 2;

    public static readonly IReadOnlyDictionary<string, Func<IServiceProvider, string[], TextWriter, CancellationToken, Task<int>>> Verbs =
        new Dictionary<string, Func<IServiceProvider, string[], TextWriter, CancellationToken, Task<int>>>(StringComparer.Ordinal)
        {
            ["import"] = ImportCommand.RunAsync,
            ["reconcile"] = ReconcileCommand.RunAsync,
            ["train"] = TrainCommand.RunAsync,
            ["verify"] = VerifyCommand.RunAsync,
            ["users"] = UsersCommand.RunAsync,
        };

    public static async Task<int> RunAsync(Func<IServiceProvider, string[], TextWriter, CancellationToken, Task<int>> verb, string[] args,
        Action<IConfigurationBuilder>? configure = null, TextWriter? output = null)
    {
        ArgumentNullException.ThrowIfNull(verb);
        ArgumentNullException.ThrowIfNull(args);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [.. args.Where(a => a.StartsWith("--", StringComparison.Ordinal) && a.Contains('=', StringComparison.Ordinal))] });
        configure?.Invoke(builder.Configuration);
        builder.Logging.SetMinimumLevel(LogLevel.Warning).AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning);
        IHost host;
        try
        {
            var paths = new ResolvedPaths(builder.Configuration.GetSection(PathOptions.Section).Get<PathOptions>() ?? new(), builder.Environment.ContentRootPath);
            builder.Services.AddSingleton(paths);
            builder.Services.AddSingleton(PlacesLoader.Load(paths.Config));
            builder.Services.AddSingleton(HazardConfigLoader.Load(paths.Config, builder.Configuration.GetSection(HazardOptions.Section).Get<HazardOptions>()?.Table ?? new HazardOptions().Table));
            builder.Services.AddSingleton(TimeProvider.System).AddSingleton(new PipelineClock(TimeProvider.System));
            builder.Services.AddClimateWarnStorage(builder.Configuration, paths);
            builder.Services.AddSingleton<HistoryImporter>();
            builder.Services.AddWarningsDatabase(builder.Configuration, paths);
            builder.Services.AddAccounts();
            host = builder.Build();
        }
        catch (StartupConfigurationException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return ClimateWarnHost.ConfigurationError;
        }

        using (host)
        {
            await host.StartAsync();
            var code = await verb(host.Services, [.. args.Where(a => !(a.StartsWith("--", StringComparison.Ordinal) && a.Contains('=', StringComparison.Ordinal)))],
                output ?? Console.Out, CancellationToken.None);
            await host.StopAsync();
            return code;
        }
    }
}
