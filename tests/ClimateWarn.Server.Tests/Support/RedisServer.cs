using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;

namespace ClimateWarn.Server.Tests.Support;

/// <summary>
/// A real Redis (Debian's redis-server) on a free loopback port, no persistence, its own temporary directory; it can be
/// killed with SIGKILL and started again on the same port. If redis-server is missing the tests fail with the install
/// hint; they never skip.
/// </summary>
public sealed class RedisServer : IAsyncLifetime
{
    private readonly string _root = Repo.TempDirectory();
    private Process? _process;

    public int Port { get; } = Ports.FreeForChildProcess();

    public string Configuration => string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{Port}");

    private static string Executable =>
        new[] { "/usr/bin/redis-server", "/usr/local/bin/redis-server" }.FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException("redis-server is not installed: run `sudo apt-get install redis-server` (tests/run.sh installs it).");

    public Task InitializeAsync() => StartAsync();

    public Task DisposeAsync()
    {
        Kill();
        return Task.CompletedTask;
    }

    public async Task StartAsync()
    {
        _process = ChildProcess.Start(Executable, ["--port", Port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "",
            "--appendonly", "no", "--dir", _root, "--protected-mode", "no", "--daemonize", "no", "--loglevel", "warning"]);
        await ChildProcess.WaitAsync(_process, "redis-server", TimeSpan.FromSeconds(30), async () =>
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", Port);
            await using var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray());
            var buffer = new byte[16];
            var n = await stream.ReadAsync(buffer);
            return n >= 5 && buffer.AsSpan(0, 5).SequenceEqual("+PONG"u8);
        });
    }

    /// <summary>SIGKILL: every subscriber's connection drops at once.</summary>
    public void Kill() => ChildProcess.Kill(ref _process);
}
