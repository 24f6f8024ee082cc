

using ClimateWarn.Server.Tests.Support;

namespace ClimateWarn.Bench;

/// <summary>A fresh influxd and generated ISD-Lite files (50,000 points each) for one benchmark, stopped afterwards.</summary>
public static class BenchLoad
{
    public const int PointsPerFile = 50_000;

    public static async Task<int> RunAsync(int points, Func<InfluxServer, IReadOnlyList<string>, Task<int>> bench)
    {
        ArgumentNullException.ThrowIfNull(bench);
        var server = new InfluxServer();
        await server.StartAsync();
        try
        {
            var files = LoadData.IsdLiteFiles(Repo.TempDirectory(), Math.Max(1, points / PointsPerFile), PointsPerFile);
            return await bench(server, files);
        }
        finally
        {
            await server.DisposeAsync();
        }
    }
}
