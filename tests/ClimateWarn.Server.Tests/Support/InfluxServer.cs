using System.Diagnostics;
using System.Globalization;

namespace ClimateWarn.Server.Tests.Support;

/// <summary>
/// A real InfluxDB 1.x (Debian's influxdb package) on a free loopback port with its own temporary directories,
/// started per test class. It can be killed with SIGKILL and restarted on the same data. If influxd is missing the
/// tests fail with the install hint; they never skip.
/// </summary>
public sealed class InfluxServer : IAsyncLifetime
{
    private readonly string _root = Repo.TempDirectory();
    private long _maxBodySize = 25_000_000;
    private Process? _process;

    /// <summary>A server refusing bodies over <paramref name="bytes"/> (InfluxDB's max-body-size).</summary>
    public static InfluxServer WithMaxBodySize(long bytes) => new() { _maxBodySize = bytes };

    public int Port { get; } = Ports.FreeForChildProcess();

    public string Url => $"http://127.0.0.1:{Port}";

    public static string Executable =>
        new[] { "/usr/bin/influxd", "/usr/local/bin/influxd" }.FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException("influxd is not installed: run `sudo apt-get install influxdb` (tests/run.sh installs it).");

    public async Task InitializeAsync() => await StartAsync();

    public Task DisposeAsync()
    {
        Kill();
        return Task.CompletedTask;
    }

    public async Task StartAsync()
    {
        var config = Path.Combine(_root, "influxdb.conf");
        await File.WriteAllTextAsync(config, string.Create(CultureInfo.InvariantCulture, $"""
            reporting-disabled = true
            bind-address = "127.0.0.1:{Ports.FreeForChildProcess()}"
            [meta]
              dir = "{_root}/meta"
              logging-enabled = false
            [data]
              dir = "{_root}/data"
              wal-dir = "{_root}/wal"
              query-log-enabled = false
              trace-logging-enabled = false
            [monitor]
              store-enabled = false
            [subscriber]
              enabled = false
            [continuous_queries]
              enabled = false
            [http]
              bind-address = "127.0.0.1:{Port}"
              log-enabled = false
              max-body-size = {_maxBodySize}
            [logging]
              level = "warn"
            """));
        _process = ChildProcess.Start(Executable, ["-config", config]);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        await ChildProcess.WaitAsync(_process, "influxd", TimeSpan.FromSeconds(60), async () =>
        {
            using var ping = await http.GetAsync($"{Url}/ping");
            return ping.IsSuccessStatusCode;
        });
    }

    /// <summary>CPU seconds influxd has used so far (user + system, from /proc).</summary>
    public double CpuSeconds()
    {
        if (_process is null)
        {
            return 0;
        }

        var stat = File.ReadAllText($"/proc/{_process.Id}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
    }

    /// <summary>SIGKILL: no flush, no goodbye.</summary>
    public void Kill() => ChildProcess.Kill(ref _process);
}
