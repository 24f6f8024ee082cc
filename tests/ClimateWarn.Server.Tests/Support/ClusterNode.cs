using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace ClimateWarn.Server.Tests.Support;

/// <summary>
/// One ClimateWarn node as its own process (the built server, `dotnet ClimateWarn.Server.dll`), so that a test can kill
/// it with SIGKILL as a dying machine would: no shutdown hooks, its connections to PostgreSQL and Redis simply drop.
/// Configured entirely by environment variables, as deploy/ configures a node. Its log lines are kept for the test.
/// </summary>
public sealed class ClusterNode : IAsyncDisposable
{
    private Process? _process;

    private ClusterNode(string name, int port)
    {
        Name = name;
        Port = port;
    }

    public string Name { get; }

    public int Port { get; }

    public string Url => string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{Port}");

    public ConcurrentQueue<string> Log { get; } = new();

    public bool Running => _process is { HasExited: false };

    public static async Task<ClusterNode> StartAsync(string name, IDictionary<string, string?> settings)
    {
        var node = new ClusterNode(name, Ports.FreeForChildProcess());
        var environment = new Dictionary<string, string?>
        {
            ["ASPNETCORE_URLS"] = node.Url,
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["Cluster__NodeName"] = name,
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__Console__FormatterName"] = "simple",
            ["OpenMeteoArchive__Enabled"] = "false",
            ["OpenMeteoAirQuality__Enabled"] = "false",
            ["OpenMeteoEnsemble__Enabled"] = "false",
            ["OpenMeteoModels__Enabled"] = "false",
            ["Models__RetrainFromArchive"] = "false",
        };
        foreach (var (k, v) in settings)
        {
            environment[k.Replace(":", "__", StringComparison.Ordinal)] = v;
        }

        var dll = Path.Combine(AppContext.BaseDirectory, "ClimateWarn.Server.dll");
        node._process = ChildProcess.Start("dotnet", [dll], environment, Repo.Root, line => node.Log.Enqueue(line));
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
        try
        {
            await ChildProcess.WaitAsync(node._process, $"node {name}", TimeSpan.FromSeconds(120), async () =>
                (await http.GetAsync($"{node.Url}/health/node")).IsSuccessStatusCode);
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException)
        {
            throw new InvalidOperationException($"{ex.Message}; its log:\n{string.Join('\n', node.Log)}", ex);
        }

        return node;
    }

    /// <summary>SIGKILL, as a machine that dies.</summary>
    public void Kill() => ChildProcess.Kill(ref _process);

    public ValueTask DisposeAsync()
    {
        Kill();
        return ValueTask.CompletedTask;
    }
}
