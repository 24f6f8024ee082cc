using System.Diagnostics;
using System.Globalization;
using ClimateWarn.Server.Tests.Support;

namespace ClimateWarn.Bench;

/// <summary>
/// Peak resident memory of the real import command (a separate process: the published server dll) over N generated
/// points into InfluxDB, read from /proc/&lt;pid&gt;/status VmHWM while it runs. Goal for 10,000,000 points: under 300 MB.
/// </summary>
public static class InfluxMemoryBench
{
    public static Task<int> RunAsync(int points) => BenchLoad.RunAsync(points, RunAsync);

    private static async Task<int> RunAsync(InfluxServer server, IReadOnlyList<string> files)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "ClimateWarn.Server.dll");
        var start = new ProcessStartInfo("dotnet", [dll, "import", "--format", "isd-lite", .. files])
        {
            RedirectStandardOutput = true,
            WorkingDirectory = Path.Combine(Repo.Root, "src", "ClimateWarn.Server"),
        };
        start.Environment["Storage__Provider"] = "Influx";
        start.Environment["Storage__Influx__Url"] = server.Url;
        start.Environment["Storage__Influx__Database"] = "memory";
        start.Environment["Paths__Data"] = Repo.TempDirectory();
        var clock = Stopwatch.StartNew();
        using var import = Process.Start(start)!;
        var drain = import.StandardOutput.ReadToEndAsync();
        long peakKb = 0;
        while (!import.HasExited)
        {
            peakKb = Math.Max(peakKb, HighWaterKb(import.Id));
            await Task.Delay(100);
        }

        await drain;
        clock.Stop();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"points: {files.Count * BenchLoad.PointsPerFile:N0}\nimport exit code: {import.ExitCode}, {clock.Elapsed.TotalSeconds:0.0} s\npeak RSS (VmHWM): {peakKb / 1024.0:0.0} MB (goal < 300 MB)"));
        return import.ExitCode;
    }

    private static long HighWaterKb(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
