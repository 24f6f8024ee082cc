using ClimateWarn.Server.Configuration;
using ClimateWarn.Server.Store;
using ClimateWarn.Server.Store.Relational;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using Quartz;
using StackExchange.Redis;

namespace ClimateWarn.Server.Hosting;

/// <summary>
/// Cluster mode (<c>Cluster:Enabled</c>, docs/operations.md) on existing engines only: PostgreSQL holds every piece of
/// state (the warnings database, the ops ledger, Quartz's job store, the Data Protection key ring), Quartz runs
/// clustered on it (each schedule fires on one node; a dead node's next firings move to a live one), SignalR fans out
/// through Redis, the outbox is claimed row by row (<see cref="Outbox"/>), and the board's decisions and the
/// escalation check take a PostgreSQL advisory lock (<see cref="PostgresClusterLock"/>). Off: one node, nothing here.
/// </summary>
public static class ClusterSetup
{
    public static IServiceCollection AddCluster(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<ClusterOptions>(ClusterOptions.Section);
        var cluster = configuration.GetSection(ClusterOptions.Section).Get<ClusterOptions>() ?? new();
        if (!cluster.Enabled)
        {
            services.AddSingleton<IClusterLock, LocalClusterLock>();
            return services;
        }

        var database = configuration.GetSection(WarningsDatabaseOptions.Section).Get<WarningsDatabaseOptions>() ?? new();
        var storage = configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new();
        var problems = new List<string>();
        if (database.Provider != "Postgres" || string.IsNullOrWhiteSpace(database.ConnectionString))
        {
            problems.Add("Cluster:Enabled = true needs the shared PostgreSQL: Warnings:Database:Provider = Postgres and Warnings:Database:ConnectionString (by environment).");
        }

        if (string.IsNullOrWhiteSpace(cluster.Redis))
        {
            problems.Add("Cluster:Enabled = true needs Cluster:Redis, the SignalR backplane's Redis (by environment: Cluster__Redis=127.0.0.1:6379).");
        }

        if (!string.Equals(storage.Provider, "Influx", StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"Cluster:Enabled = true needs the shared time-series store: Storage:Provider = Influx (it is '{storage.Provider}', a file on each node).");
        }

        var push = configuration.GetSection(Deliver.Push.PushOptions.Section).Get<Deliver.Push.PushOptions>() ?? new();
        if (push.Enabled && (string.IsNullOrWhiteSpace(push.PublicKey) || string.IsNullOrWhiteSpace(push.PrivateKey)))
        {
            problems.Add("Cluster:Enabled = true with Push:Enabled needs Push:PublicKey and Push:PrivateKey (by environment): one VAPID key pair for every node, "
                + "since a key generated per node would make phones subscribed through one node refuse pushes sent by another. Or Push:Enabled = false.");
        }

        if (problems.Count > 0)
        {
            throw new StartupConfigurationException(problems);
        }

        var connection = database.ConnectionString!;
        services.AddSingleton<IClusterLock>(new PostgresClusterLock(connection, cluster.LockWait));
        // A sign-in made through one node is read by the other: one key ring, in the shared database.
        services.AddDataProtection().SetApplicationName("ClimateWarn").PersistKeysToDbContext<WarningsDb>();
        services.AddSignalR().AddStackExchangeRedis(cluster.Redis!, o =>
        {
            o.Configuration.ChannelPrefix = RedisChannel.Literal("climatewarn");
            // Start even when Redis is away, and keep trying: clients still catch up by sequence meanwhile.
            o.Configuration.AbortOnConnectFail = false;
            // A push Redis cannot take fails at once (no backlog), so BackplaneFallback serves this node's clients now.
            o.Configuration.BacklogPolicy = BacklogPolicy.FailFast;
            o.Configuration.AsyncTimeout = 2000;
            // Back within a second of Redis returning (the default backs off exponentially, up to tens of seconds after a long outage).
            o.Configuration.ReconnectRetryPolicy = new LinearRetry(1000);
        });
        services.AddSingleton(typeof(Microsoft.AspNetCore.SignalR.HubLifetimeManager<>), typeof(Deliver.BackplaneFallback<>));
        services.AddSingleton(_ => new BackplaneProbe(cluster.Redis!));
        services.AddHealthChecks().AddCheck<BackplaneHealthCheck>("backplane", tags: ["ready", "node"]);
        services.AddQuartz(q =>
        {
            q.ConfigureScheduler(s =>
            {
                s.InstanceName = "ClimateWarn";
                s.InstanceId = cluster.Node;
            });
            q.UsePersistentStore(s =>
            {
                s.UsePostgres(NpgsqlFactory.Instance, connection);
                s.UseClustering(c =>
                {
                    c.CheckinInterval = cluster.CheckinInterval;
                    c.CheckinMisfireThreshold = cluster.CheckinInterval * 2;
                });
                s.ProvisionSchema();
            });
        });
        services.AddHostedService<BoardFollower>();
        return services;
    }
}

public static class ClusterEndpoints
{
    /// <summary>Operators: which node answered, whether it is clustered, how many hub connections it holds, and Quartz's view of the cluster.</summary>
    public static IEndpointRouteBuilder MapCluster(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/ops/cluster", async (Microsoft.Extensions.Options.IOptions<ClusterOptions> options, Deliver.HubConnections connections,
            ISchedulerFactory schedulers, CancellationToken ct) =>
        {
            var scheduler = await schedulers.GetScheduler(ct);
            var meta = await scheduler.GetMetadata(ct);
            var nodes = await scheduler.QueryClusterNodes(ct);
            return Results.Ok(new
            {
                node = options.Value.Node,
                clustered = options.Value.Enabled,
                connections = connections.Open,
                scheduler = new { instanceId = meta.SchedulerInstanceId, jobStore = meta.JobStoreTypeName, jobStoreClustered = meta.JobStoreClustered, jobsExecuted = meta.JobsExecuted },
                // Quartz's record of the cluster: every node that checked in, when it last did, and whether it is this one.
                nodes = nodes.Select(n => new { n.InstanceId, n.LastCheckInUtc, n.CheckInInterval, state = n.State.ToString(), n.IsCurrentNode }),
            });
        })
            .WithSummary("集群节点 / This node")
            .WithDescription("Operators only: the node that answered (Cluster:NodeName), whether cluster mode is on, the SignalR connections it holds now, its Quartz scheduler (instance id, job store, clustered, jobs run since start) and the cluster's nodes as Quartz records them (last check-in).");
        return app;
    }
}

/// <summary>A connection of its own to the backplane's Redis, for the health check (SignalR's is not exposed).</summary>
public sealed class BackplaneProbe(string configuration) : IDisposable
{
    private readonly Lazy<ConnectionMultiplexer> _redis = new(() =>
    {
        var options = ConfigurationOptions.Parse(configuration);
        options.AbortOnConnectFail = false;
        options.ConnectTimeout = 2000;
        return ConnectionMultiplexer.Connect(options);
    });

    public async Task<TimeSpan> PingAsync() => await _redis.Value.GetDatabase().PingAsync();

    public void Dispose()
    {
        if (_redis.IsValueCreated)
        {
            _redis.Value.Dispose();
        }
    }
}

public sealed class BackplaneHealthCheck(BackplaneProbe probe) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var rtt = await probe.PingAsync().WaitAsync(TimeSpan.FromSeconds(3), cancellationToken);
            return HealthCheckResult.Healthy($"Redis answers ({rtt.TotalMilliseconds:0.#} ms)");
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // Degraded, not Unhealthy: every node loses Redis at once, and each still serves its own clients (BackplaneFallback),
            // so the load balancer must keep them all.
            return HealthCheckResult.Degraded($"Redis (the SignalR backplane) does not answer: {ex.Message}; each node pushes to its own clients, the others get the pushes when it returns");
        }
    }
}

/// <summary>Re-reads the warning board every <c>Cluster:BoardRefresh</c>: another node may have published, approved or lifted.</summary>
public sealed partial class BoardFollower(Warn.WarningBoard board, Microsoft.Extensions.Options.IOptions<ClusterOptions> options, ILogger<BoardFollower> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.BoardRefresh);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await board.RefreshAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException && !stoppingToken.IsCancellationRequested)
            {
                LogAway(logger, ex.Message);
            }
        }
    }

    [LoggerMessage(EventId = 7001, Level = LogLevel.Warning, Message = "Cluster: the warning board could not be re-read ({Error}); trying again")]
    private static partial void LogAway(ILogger logger, string error);
}
