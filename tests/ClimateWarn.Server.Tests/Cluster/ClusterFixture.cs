using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using ClimateWarn.Core.Warnings;
using ClimateWarn.Server.Deliver;
using ClimateWarn.Server.Tests.Support;
using ClimateWarn.Server.Warn;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ClimateWarn.Server.Tests.Cluster;

/// <summary>
/// The shared engines of a cluster, real and on loopback: PostgreSQL, Redis and InfluxDB, started once for the class;
/// each test starts its own ClimateWarn nodes (separate processes) and HAProxy in front of them.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public PostgresServer Postgres { get; } = new();

    public RedisServer Redis { get; } = new();

    public InfluxServer Influx { get; } = new();

    /// <summary>Nothing listens here: Open-Meteo is "unreachable", so its job's runs are failed ledger rows, one per district.</summary>
    internal Refusing Nobody { get; } = Ports.Refusing();

    public string NodeConnectionString => Postgres.ConnectionString.Replace("Pooling=false", "Pooling=true;Maximum Pool Size=40", StringComparison.Ordinal);

    public async Task InitializeAsync() => await Task.WhenAll(Postgres.InitializeAsync(), Redis.InitializeAsync(), Influx.InitializeAsync());

    public async Task DisposeAsync()
    {
        Nobody.Dispose();
        await Task.WhenAll(Postgres.DisposeAsync(), Redis.DisposeAsync(), Influx.DisposeAsync());
    }

    /// <summary>A node's whole configuration, as environment variables would give it in deploy/.</summary>
    public Dictionary<string, string?> NodeSettings(string cron = "0 0 0 1 1 ? 2099", Dictionary<string, string?>? more = null)
    {
        var settings = TestAccounts.Settings(new()
        {
            ["Paths:Data"] = Repo.TempDirectory(),
            // Hundreds of test clients share one address (loopback, or HAProxy's): the per-address hub limit is raised.
            ["RateLimits:HubCalls"] = "1000000",
            ["Cluster:Enabled"] = "true",
            // Web Push needs one VAPID key pair shared by the nodes; these tests do not push to phones.
            ["Push:Enabled"] = "false",
            ["Cluster:Redis"] = Redis.Configuration,
            ["Cluster:OutboxLease"] = "00:00:05",
            ["Cluster:CheckinInterval"] = "00:00:02",
            ["Cluster:BoardRefresh"] = "00:00:00.500",
            ["Warnings:Database:Provider"] = "Postgres",
            ["Warnings:Database:ConnectionString"] = NodeConnectionString,
            ["Storage:Provider"] = "Influx",
            ["Storage:Influx:Url"] = Influx.Url,
            ["OpenMeteo:BaseUrl"] = Nobody.Url,
            ["OpenMeteo:Cron"] = cron,
            ["OpenMeteo:RunAtStartup"] = "false",
            ["OpenMeteo:Resilience:Retry:MaxRetryAttempts"] = "1",
            ["OpenMeteo:Resilience:Retry:Delay"] = "00:00:00.020",
            ["OpenMeteo:Resilience:AttemptTimeout:Timeout"] = "00:00:02",
        });
        foreach (var (k, v) in more ?? [])
        {
            settings[k] = v;
        }

        return settings;
    }

    public Task<T> QueryAsync<T>(string sql) => PostgresServer.ScalarAsync<T>(Postgres.ConnectionString, sql);

    public async Task<List<(string Key, long Recorded)>> LedgerAsync(string source)
    {
        await using var connection = new NpgsqlConnection(Postgres.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT key, recorded FROM ingest_ledger WHERE source = @s ORDER BY recorded", connection);
        command.Parameters.AddWithValue("s", source);
        var rows = new List<(string, long)>();
        await using var r = await command.ExecuteReaderAsync();
        while (await r.ReadAsync())
        {
            rows.Add((r.GetString(0), r.GetInt64(1)));
        }

        return rows;
    }
}

/// <summary>
/// A dashboard's client as the pages behave (wwwroot/js/live.js): subscribed over SignalR, it applies a message whose
/// sequence follows the last one it applied, drops one it has (a repeat), and on a gap — or after a reconnect — fetches
/// GET /api/warnings?afterSeq=last and applies those first. What it has applied is what its user sees.
/// </summary>
public sealed class CatchUpClient : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly HttpClient _http;
    private readonly string _audience;
    private readonly string[] _districts;
    private long _last;

    private CatchUpClient(string baseUrl, long last, string audience, string[] districts)
    {
        _http = new HttpClient(new HttpClientHandler { CookieContainer = new System.Net.CookieContainer() }) { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(30) };
        _last = last;
        _audience = audience;
        _districts = districts;
        Connection = new HubConnectionBuilder()
            .WithUrl(baseUrl + "/hubs/warnings")
            .WithAutomaticReconnect(new Retry())
            .AddJsonProtocol(o => WarningJson.Configure(o.PayloadSerializerOptions))
            .Build();
        Connection.On<Warning>("WarningIssued", w => OnPushAsync(w));
        Connection.On<Warning>("WarningUpdated", w => OnPushAsync(w));
        Connection.On<Warning>("WarningLifted", w => OnPushAsync(w));
        Connection.Reconnected += async _ =>
        {
            Reconnects++;
            ReconnectedAt = TimeProvider.System.GetUtcNow();
            await Connection.InvokeAsync<Subscription>("Subscribe", _audience, _districts);
            await WithGateAsync(CatchUpAsync);
        };
    }

    public HubConnection Connection { get; }

    public ConcurrentQueue<long> Applied { get; } = new();

    public int Repeats { get; private set; }

    public int Reconnects { get; private set; }

    /// <summary>When it last reconnected (wall clock): how long a node's death kept its clients away.</summary>
    public DateTimeOffset? ReconnectedAt { get; private set; }

    public int Pushed { get; private set; }

    public static async Task<CatchUpClient> ConnectAsync(string baseUrl, long last, string audience, params string[] districts)
    {
        var client = new CatchUpClient(baseUrl, last, audience, districts);
        await client.Connection.StartAsync().WaitAsync(TimeSpan.FromSeconds(60));
        await client.Connection.InvokeAsync<Subscription>("Subscribe", audience, districts).WaitAsync(TimeSpan.FromSeconds(60));
        return client;
    }

    /// <summary>A last catch-up, as a page does when it comes back to the foreground.</summary>
    public Task SettleAsync() => WithGateAsync(CatchUpAsync);

    /// <summary>The sequence numbers that arrived by push (not by catch-up).</summary>
    public ConcurrentQueue<long> PushedSequences { get; } = new();

    private Task OnPushAsync(Warning w) => WithGateAsync(async () =>
    {
        Pushed++;
        PushedSequences.Enqueue(w.Sequence);
        if (w.Sequence <= _last)
        {
            Repeats++;
            return;
        }

        if (w.Sequence > _last + 1)
        {
            await CatchUpAsync();
        }

        if (w.Sequence > _last)
        {
            Apply(w.Sequence);
        }
    });

    private async Task CatchUpAsync()
    {
        var page = await _http.GetFromJsonAsync<JsonElement>($"/api/warnings?afterSeq={_last}&limit=500");
        foreach (var w in page.GetProperty("warnings").EnumerateArray())
        {
            // Sequence numbers rise but may skip (PostgreSQL's sequences jump after a crash, and a rolled-back insert uses
            // one up): after a catch-up a skipped number is not a missing message. The pages (live.js) do the same.
            var seq = w.GetProperty("sequence").GetInt64();
            if (seq > _last)
            {
                Apply(seq);
            }
        }
    }

    private void Apply(long sequence)
    {
        Applied.Enqueue(sequence);
        _last = sequence;
    }

    private async Task WithGateAsync(Func<Task> action)
    {
        await _gate.WaitAsync();
        try
        {
            await action();
        }
        catch (HttpRequestException)
        {
            // The node went away mid-fetch: the next push or reconnect catches up.
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Connection.DisposeAsync();
        _http.Dispose();
        _gate.Dispose();
    }

    private sealed class Retry : IRetryPolicy
    {
        public TimeSpan? NextRetryDelay(RetryContext retryContext) =>
            retryContext.ElapsedTime > TimeSpan.FromMinutes(2) ? null : TimeSpan.FromMilliseconds(Math.Min(2000, 100 * (1 << (int)Math.Min(retryContext.PreviousRetryCount, 5))));
    }
}
