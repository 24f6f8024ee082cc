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
        _process = Process.Start(new ProcessStartInfo(Executable, ["-config", config])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"influxd exited with code {_process.ExitCode} at start-up");
            }

            try
            {
                using var ping = await http.GetAsync($"{Url}/ping");
                if (ping.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (TaskCanceledException)
            {
                // not answering yet
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("influxd did not answer /ping within 60 s");
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
    public void Kill()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

        _process?.Dispose();
        _process = null;
    }
}
