using System.Diagnostics;
using System.Net.Sockets;

namespace ClimateWarn.Server.Tests.Support;

/// <summary>
/// A real SMTP server (RFC 5321): Debian's python3-aiosmtpd with its Maildir handler, on a free loopback port, delivering
/// into a temporary Maildir (new/ holds one file per message accepted). It can be stopped and started again on the same
/// port and Maildir (the "SMTP server down for a minute" case). Why not OpenSMTPD or Postfix: both keep their spool and
/// control socket at compiled-in paths under /var, so only one instance could run on a machine at a time, as root;
/// tests run in parallel. If the package is missing the tests fail with the install hint; they never skip.
/// </summary>
public sealed class SmtpServer : IAsyncDisposable
{
    private const string Python = "/usr/bin/python3";
    private Process? _process;

    private SmtpServer()
    {
    }

    public int Port { get; } = Ports.FreeForChildProcess();

    public string Maildir { get; } = Path.Combine(Repo.TempDirectory(), "Maildir");

    /// <summary>The messages delivered so far, as their raw text (headers and body), oldest first.</summary>
    public IReadOnlyList<string> Messages => Directory.Exists(Path.Combine(Maildir, "new"))
        ? [.. new DirectoryInfo(Path.Combine(Maildir, "new")).GetFiles().OrderBy(f => f.LastWriteTimeUtc).ThenBy(f => f.Name, StringComparer.Ordinal).Select(f => File.ReadAllText(f.FullName))]
        : [];

    public static async Task<SmtpServer> StartAsync()
    {
        var server = new SmtpServer();
        await server.StartAgainAsync();
        return server;
    }

    public async Task StartAgainAsync()
    {
        if (!File.Exists(Python))
        {
            throw new InvalidOperationException("python3 is not installed: run `sudo apt-get install python3-aiosmtpd` (tests/run.sh installs it).");
        }

        _process = Process.Start(new ProcessStartInfo(Python, ["-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{Port}", "-c", "aiosmtpd.handlers.Mailbox", Maildir])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        var errors = new System.Text.StringBuilder();
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, e) => { lock (errors) { errors.AppendLine(e.Data); } };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"aiosmtpd exited with code {_process.ExitCode} at start-up (is python3-aiosmtpd installed? tests/run.sh installs it): {errors}");
            }

            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync("127.0.0.1", Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        throw new TimeoutException($"aiosmtpd did not listen on 127.0.0.1:{Port} within 30 s: {errors}");
    }

    public void Stop()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process?.Dispose();
        _process = null;
    }

    public ValueTask DisposeAsync()
    {
        Stop();
        return ValueTask.CompletedTask;
    }
}
