using System.Text.Json;
using ClimateWarn.Core.TimeSeries;
using ClimateWarn.Server.Ingest;
using ClimateWarn.Server.Store.Influx;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ClimateWarn.Server.Hosting;

/// <summary>Ready means: the store answers, and every source's latest fetch succeeded. A failing source names itself and why.</summary>
public sealed class SourcesHealthCheck(SourceHealth health) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var all = health.All;
        var data = all.ToDictionary(s => s.Source, s => (object)new { s.LastSuccess, s.LastFailure, s.LastError, s.PointsWritten, s.NullsSkipped, s.Rejected });
        var failing = all.Where(s => s.Failing).ToList();
        if (failing.Count > 0)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy(
                string.Join("; ", failing.Select(s => $"source {s.Source} unreachable or failing: {s.LastError}")), data: data));
        }

        return Task.FromResult(all.Any(s => s.LastSuccess is null)
            ? HealthCheckResult.Degraded("waiting for the first fetch", data: data)
            : HealthCheckResult.Healthy("all sources fetched", data));
    }
}

public sealed class StoreHealthCheck(ITimeSeriesStore store, TimeProvider time, IServiceProvider services) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var now = time.GetUtcNow();
            await store.ReadAsync(new TimeSeriesQuery(Measurements.Observation, ["health"], ["probe"], now.AddMinutes(-1), now), cancellationToken);
            // Spooled batches are safe on disk but not yet queryable: say so.
            var spool = services.GetService<InfluxWriter>()?.Spool;
            return spool is { IsEmpty: false }
                ? HealthCheckResult.Degraded($"{store.GetType().Name} answers; {spool.Count} batches ({spool.Bytes} bytes) still spooled on disk")
                : HealthCheckResult.Healthy($"{store.GetType().Name} answers");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"{store.GetType().Name}: {ex.Message}");
        }
    }
}

/// <summary>The warnings database answers (on PostgreSQL: the shared one every node writes its warnings and deliveries to).</summary>
public sealed class DatabaseHealthCheck(Microsoft.EntityFrameworkCore.IDbContextFactory<Store.Relational.WarningsDb> databases) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var db = await databases.CreateDbContextAsync(cancellationToken);
            return await db.Database.CanConnectAsync(cancellationToken).WaitAsync(TimeSpan.FromSeconds(5), cancellationToken)
                ? HealthCheckResult.Healthy("the warnings database answers")
                : HealthCheckResult.Unhealthy("the warnings database does not answer");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"the warnings database: {ex.Message}");
        }
    }
}

public static class HealthSetup
{
    /// <summary>
    /// Three views: /health/live (the process answers), /health/node (this node can serve: its databases and, in a
    /// cluster, the backplane — what a load balancer asks), /health/ready (all of that and every source's latest fetch:
    /// what an operator asks). A load balancer must not use /health/ready: an upstream outage fails it on every node alike,
    /// and taking them all out of rotation would stop the warnings being served.
    /// </summary>
    public static IServiceCollection AddClimateWarnHealth(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<StoreHealthCheck>("store", tags: ["ready", "node"])
            .AddCheck<DatabaseHealthCheck>("database", tags: ["ready", "node"])
            .AddCheck<SourcesHealthCheck>("sources", tags: ["ready"]);
        return services;
    }

    public static IEndpointRouteBuilder MapClimateWarnHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = c => c.Tags.Contains("ready"),
            ResponseWriter = WriteAsync,
        });
        app.MapHealthChecks("/health/node", new HealthCheckOptions
        {
            Predicate = c => c.Tags.Contains("node"),
            ResponseWriter = WriteAsync,
            // Degraded (an Influx spool draining) still serves warnings: only Unhealthy takes a node out of rotation.
            ResultStatusCodes = { [HealthStatus.Healthy] = 200, [HealthStatus.Degraded] = 200, [HealthStatus.Unhealthy] = 503 },
        });
        return app;
    }

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        return JsonSerializer.SerializeAsync(context.Response.Body, new
        {
            status = report.Status.ToString(),
            checks = report.Entries.Select(e => new { name = e.Key, status = e.Value.Status.ToString(), description = e.Value.Description, data = e.Value.Data }),
        }, JsonSerializerOptions.Web);
    }
}
