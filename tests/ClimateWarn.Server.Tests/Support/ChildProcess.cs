using System.Diagnostics;
using System.Net.Sockets;

namespace ClimateWarn.Server.Tests.Support;

/// <summary>What the fixtures that run a Debian server as a child process share: start with output drained, wait until it answers, SIGKILL.</summary>
public static class ChildProcess
{
    public static Process Start(string file, IEnumerable<string> args, IDictionary<string, string?>? environment = null, string? workingDirectory = null,
        Action<string>? output = null)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        foreach (var (k, v) in environment ?? new Dictionary<string, string?>())
        {
            start.Environment[k] = v;
        }

        if (workingDirectory is not null)
        {
            start.WorkingDirectory = workingDirectory;
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { output?.Invoke(e.Data); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { output?.Invoke(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Polls <paramref name="answers"/> every 100 ms until true; fails if the process exits or time runs out.</summary>
    public static async Task WaitAsync(Process process, string name, TimeSpan timeout, Func<Task<bool>> answers)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{name} exited with code {process.ExitCode} at start-up");
            }

            try
            {
                if (await answers().WaitAsync(TimeSpan.FromSeconds(5)))
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is SocketException or IOException or HttpRequestException or TaskCanceledException or TimeoutException)
            {
                // not answering yet
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"{name} did not answer within {timeout.TotalSeconds:0} s");
    }

    public static void Kill(ref Process? process)
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(10_000);
        }

        process?.Dispose();
        process = null;
    }
}
