using ClimateWarn.Core.TimeSeries;
using ClimateWarn.Server.Configuration;
using ClimateWarn.Server.Store.Ops;
using ClimateWarn.Server.Store.Influx;

namespace ClimateWarn.Server.Store;

public static class StorageSetup
{
    /// <summary>Storage:Provider = Sqlite (embedded, default) | Influx; the ops database (ledger, dead letters) is always embedded.</summary>
    public static IServiceCollection AddClimateWarnStorage(this IServiceCollection services, IConfiguration configuration, ResolvedPaths paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var storage = configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new();
        // A cluster keeps the ledger, trials and dead letters in the shared PostgreSQL (ClusterSetup checks it is configured).
        var cluster = configuration.GetSection(ClusterOptions.Section).Get<ClusterOptions>() ?? new();
        var shared = configuration.GetSection(Relational.WarningsDatabaseOptions.Section).Get<Relational.WarningsDatabaseOptions>()?.ConnectionString;
        services.AddSingleton(cluster.Enabled && !string.IsNullOrWhiteSpace(shared)
            ? OpsDatabase.Postgres(shared)
            : new OpsDatabase(Path.Combine(paths.Data, storage.OpsFile)));
        switch (storage.Provider.ToUpperInvariant())
        {
            case "SQLITE":
                services.AddSingleton<ITimeSeriesStore>(new SqliteTimeSeriesStore(Path.Combine(paths.Data, storage.SqliteFile)));
                break;
            case "INFLUX":
                services.AddInfluxStore(configuration, paths);
                break;
            default:
                throw new StartupConfigurationException([$"Storage:Provider = '{storage.Provider}' is not one of Sqlite, Influx"]);
        }

        return services;
    }
}
