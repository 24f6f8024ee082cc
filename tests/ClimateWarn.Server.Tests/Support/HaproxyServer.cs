using System.Diagnostics;
using System.Globalization;

namespace ClimateWarn.Server.Tests.Support;

/// <summary>
/// A real HAProxy (Debian's haproxy) on a free loopback port in front of the given nodes, configured as deploy/haproxy.cfg
/// is (round robin with a sticky cookie, so SignalR's negotiate and its WebSocket reach the same node; health checks on
/// /health/node every 500 ms here; WebSocket tunnels kept open; a dead node's clients redispatched), with its own temporary
/// directory. If haproxy is missing the tests fail with the install hint; they never skip.
/// </summary>
public sealed class HaproxyServer : IDisposable
{
    private readonly string _root = Repo.TempDirectory();
    private Process? _process;

    private HaproxyServer()
    {
    }

    public int Port { get; } = Ports.FreeForChildProcess();

    public string Url => string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{Port}");

    private static string Executable =>
        new[] { "/usr/sbin/haproxy", "/usr/bin/haproxy" }.FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException("haproxy is not installed: run `sudo apt-get install haproxy` (tests/run.sh installs it).");

    /// <param name="maxConnections">HAProxy needs about two descriptors a connection and refuses to start above the process's hard limit.</param>
    public static async Task<HaproxyServer> StartAsync(IEnumerable<int> nodePorts, int maxConnections = 4000)
    {
        var proxy = new HaproxyServer();
        var servers = string.Join("\n", nodePorts.Select((p, i) => string.Create(CultureInfo.InvariantCulture,
            $"    server node{i + 1} 127.0.0.1:{p} cookie n{i + 1} check inter 500ms fall 2 rise 2")));
        var config = Path.Combine(proxy._root, "haproxy.cfg");
        await File.WriteAllTextAsync(config, $"""
            global
                maxconn {maxConnections}
            defaults
                mode http
                option http-server-close
                timeout connect 2s
                timeout client 60s
                timeout server 60s
                timeout tunnel 1h
                retries 2
                option redispatch
            frontend climatewarn
                bind 127.0.0.1:{proxy.Port}
                default_backend nodes
            backend nodes
                balance roundrobin
                cookie cwnode insert indirect nocache httponly
                option httpchk GET /health/node
                http-check expect status 200
            {servers}
            """ + "\n");
        var log = new System.Collections.Concurrent.ConcurrentQueue<string>();
        // Above the file limit this process inherited (the benchmark's 10,000 clients), root raises HAProxy's own with prlimit.
        var files = maxConnections * 2 + 1000;
        proxy._process = files > 20_000 && File.Exists("/usr/bin/prlimit")
            ? ChildProcess.Start("/usr/bin/prlimit", [$"--nofile={files}:{files}", "--", Executable, "-f", config, "-db"], output: log.Enqueue)
            : ChildProcess.Start(Executable, ["-f", config, "-db"], output: log.Enqueue);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        try
        {
            await ChildProcess.WaitAsync(proxy._process, "haproxy", TimeSpan.FromSeconds(30), async () =>
                (await http.GetAsync($"{proxy.Url}/health/live")).IsSuccessStatusCode);
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException)
        {
            proxy.Dispose();
            throw new InvalidOperationException($"{ex.Message}: {string.Join('\n', log)}", ex);
        }

        return proxy;
    }

    public void Dispose() => ChildProcess.Kill(ref _process);
}
