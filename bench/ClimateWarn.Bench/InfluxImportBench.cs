using System.Diagnostics;
using System.Globalization;
using ClimateWarn.Server.Hosting;
using ClimateWarn.Server.Ingest.IsdLite;
using ClimateWarn.Server.Store.Influx;
using ClimateWarn.Server.Tests.Support;
using Microsoft.Extensions.Configuration;

namespace ClimateWarn.Bench;

/// <summary>
/// Points per second importing through the store (parse, encode, gzip, batch, send) against the same line protocol
/// sent with `curl --data-binary` in 5,000-line batches to the same server, in the same run. Goal: ratio ≥ 0.8.
/// </summary>
public static class InfluxImportBench
{
    public static Task<int> RunAsync(int points) => BenchLoad.RunAsync(points, RunAsync);

    private const int Rounds = 3;

    private static async Task<int> RunAsync(InfluxServer server, IReadOnlyList<string> files)
    {
        var total = files.Count * BenchLoad.PointsPerFile;
        var batches = await EncodeAsync(files, Repo.TempDirectory());
        var ratios = new List<double>();
        for (var round = 1; round <= Rounds; round++)
        {
            // Alternating order, fresh databases: neither path gets the warmer server every time.
            var (curlTime, curlCpu) = round % 2 == 1 ? await CurlRoundAsync(server, batches, round) : default;
            var (oursTime, oursCpu, oursInflux) = await StoreRoundAsync(server, files, round);
            if (round % 2 == 0)
            {
                (curlTime, curlCpu) = await CurlRoundAsync(server, batches, round);
            }

            var ratio = curlTime.TotalSeconds / oursTime.TotalSeconds;
            ratios.Add(ratio);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"round {round}: store {total / oursTime.TotalSeconds:N0} points/s ({oursTime.TotalSeconds:0.00} s; CPU {oursCpu:0.0} s client + {oursInflux:0.0} s influxd), curl {total / curlTime.TotalSeconds:N0} points/s ({curlTime.TotalSeconds:0.00} s; CPU {curlCpu:0.0} s influxd), ratio {ratio:0.00}"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"points: {total:N0} (6 fields each), {batches.Count} curl batches of 5,000 lines\nmedian ratio store/curl: {ratios.Order().ElementAt(Rounds / 2):0.00} (goal ≥ 0.80; range {ratios.Min():0.00}–{ratios.Max():0.00})"));
        return 0;
    }

    private static async Task<(TimeSpan Time, double InfluxCpu)> CurlRoundAsync(InfluxServer server, List<string> batches, int round)
    {
        var db = $"base{round}";
        await CurlAsync(server, $"q=CREATE DATABASE {db}", "query");
        await CurlAsync(server, $"q=CREATE RETENTION POLICY \"kept\" ON \"{db}\" DURATION INF REPLICATION 1 SHARD DURATION 8736h DEFAULT", "query");
        var cpu = server.CpuSeconds();
        var clock = Stopwatch.StartNew();
        foreach (var batch in batches)
        {
            await CurlAsync(server, "@" + batch, $"write?db={db}&rp=kept&precision=ms");
        }

        return (clock.Elapsed, server.CpuSeconds() - cpu);
    }

    private static async Task<(TimeSpan Time, double ClientCpu, double InfluxCpu)> StoreRoundAsync(InfluxServer server, IReadOnlyList<string> files, int round)
    {
        var settings = StoreHost.Influx(server, $"ours{round}");
        settings["Paths:Data"] = Repo.TempDirectory();
        var influx = server.CpuSeconds();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var code = await Commands.RunAsync(["import", "--format", "isd-lite", .. files], c => c.AddInMemoryCollection(settings), TextWriter.Null);
        clock.Stop();
        return code == 0
            ? (clock.Elapsed, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds, server.CpuSeconds() - influx)
            : throw new InvalidOperationException($"import exited {code}");
    }

    private static async Task<List<string>> EncodeAsync(IReadOnlyList<string> files, string directory)
    {
        var parser = new IsdLiteHistoryParser();
        var batches = new List<string>();
        var lines = new List<string>(5_000);
        foreach (var file in files)
        {
            using var reader = new StreamReader(file);
            foreach (var item in parser.Parse(reader, file))
            {
                if (item.Point is { } p)
                {
                    lines.Add(LineProtocol.Encode(p));
                }

                if (lines.Count == 5_000)
                {
                    batches.Add(await FlushAsync(lines, directory, batches.Count));
                }
            }
        }

        if (lines.Count > 0)
        {
            batches.Add(await FlushAsync(lines, directory, batches.Count));
        }

        return batches;
    }

    private static async Task<string> FlushAsync(List<string> lines, string directory, int n)
    {
        var path = Path.Combine(directory, n.ToString("D6", CultureInfo.InvariantCulture) + ".lp");
        await File.WriteAllLinesAsync(path, lines);
        lines.Clear();
        return path;
    }

    private static async Task CurlAsync(InfluxServer server, string data, string endpoint)
    {
        using var curl = Process.Start(new ProcessStartInfo("curl", ["-sS", "-f", "-XPOST", "--data-binary", data, $"{server.Url}/{endpoint}"])
        {
            RedirectStandardOutput = true,
        })!;
        await curl.StandardOutput.ReadToEndAsync();
        await curl.WaitForExitAsync();
        if (curl.ExitCode != 0)
        {
            throw new InvalidOperationException($"curl {endpoint} exited {curl.ExitCode}");
        }
    }
}
