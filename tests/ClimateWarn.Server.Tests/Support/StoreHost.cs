using ClimateWarn.Core.TimeSeries;
using ClimateWarn.Server.Configuration;
using ClimateWarn.Server.Ingest.Import;
using ClimateWarn.Server.Store.Influx;
using ClimateWarn.Server.Store.Ops;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ClimateWarn.Server.Store;

namespace ClimateWarn.Server.Tests.Support;

/// <summary>The storage services as the server wires them (no Kestrel), started so the Influx writer runs.</summary>
public sealed class StoreHost : IAsyncDisposable
{
    private StoreHost(IHost host, string data)
    {
        Host = host;
        DataDirectory = data;
    }

    public IHost Host { get; }

    public string DataDirectory { get; }

    public ITimeSeriesStore Store => Host.Services.GetRequiredService<ITimeSeriesStore>();

    public OpsDatabase Ops => Host.Services.GetRequiredService<OpsDatabase>();

    public InfluxWriter Writer => Host.Services.GetRequiredService<InfluxWriter>();

    public InfluxSender Sender => Host.Services.GetRequiredService<InfluxSender>();

    public static Dictionary<string, string?> Influx(InfluxServer server, string? database = null) => new()
    {
        ["Storage:Provider"] = "Influx",
        ["Storage:Influx:Url"] = server.Url,
        ["Storage:Influx:Database"] = database ?? "t" + Guid.NewGuid().ToString("N")[..12],
        ["Storage:Influx:SpoolRetryInterval"] = "00:00:00.500",
        ["Storage:Influx:Resilience:Retry:Delay"] = "00:00:00.100",
        ["Storage:Influx:Resilience:Retry:BackoffType"] = "Constant",
        ["Storage:Influx:Resilience:Retry:MaxRetryAttempts"] = "2",
        ["Storage:Influx:Resilience:AttemptTimeout:Timeout"] = "00:00:10",
        ["Storage:Influx:Resilience:TotalRequestTimeout:Timeout"] = "00:00:30",
        ["Storage:Influx:Resilience:CircuitBreaker:SamplingDuration"] = "00:00:20",
    };

    public static async Task<StoreHost> StartAsync(IDictionary<string, string?> settings, string? dataDirectory = null)
    {
        var data = dataDirectory ?? Repo.TempDirectory();
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Configuration["Paths:Data"] = data;
        builder.Logging.ClearProviders();
        var paths = new ResolvedPaths(builder.Configuration.GetSection(PathOptions.Section).Get<PathOptions>()!, builder.Environment.ContentRootPath);
        builder.Services.AddSingleton(paths).AddSingleton(TestPlaces.Catalog).AddSingleton(TimeProvider.System);
        builder.Services.AddClimateWarnStorage(builder.Configuration, paths);
        builder.Services.AddSingleton<HistoryImporter>();
        var host = builder.Build();
        await host.StartAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return new StoreHost(host, data);
    }

    public async ValueTask DisposeAsync()
    {
        await Host.StopAsync().WaitAsync(TimeSpan.FromSeconds(120));
        Host.Dispose();
    }
}
