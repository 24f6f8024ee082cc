using System.Net.Http.Json;
using System.Text.Json;
using ClimateWarn.Core.TimeSeries;
using ClimateWarn.Server.Configuration;
using ClimateWarn.Server.Hosting;
using ClimateWarn.Server.Tests.Support;
using Microsoft.Extensions.Configuration;

namespace ClimateWarn.Server.Tests.Ingest.Import;

/// <summary>The import and reconcile verbs as a user runs them, on the embedded store.</summary>
public sealed class ImportCommandTests
{
    private readonly Dictionary<string, string?> _settings = new() { ["Paths:Data"] = Repo.TempDirectory() };

    private async Task<(int Code, string Output)> RunAsync(string verb, params string[] args)
    {
        // One writer for both streams, as a terminal shows them: usage errors go to standard error.
        var output = new StringWriter();
        var code = await Commands.RunAsync([verb, .. args], c => c.AddInMemoryCollection(_settings), output, output);
        return (code, output.ToString());
    }

    private static string Real(string usaf) => Path.Combine(Repo.Root, "data", "stations", "isd-lite", $"isdlite_{usaf}-99999-2021_JanApr.txt");

    [Fact]
    public async Task Import_RealIsdLiteRecords_LoadsEveryRowAndReconciles()
    {
        var (code, output) = await RunAsync("import", "--format", "isd-lite", Real("537050"), Real("536140"));

        Assert.Equal(0, code);
        Assert.Contains("isdlite_537050-99999-2021_JanApr.txt: 737 points imported, 0 rows rejected", output, StringComparison.Ordinal);
        Assert.Contains("isdlite_536140-99999-2021_JanApr.txt: 842 points imported, 0 rows rejected", output, StringComparison.Ordinal);
        var (reconciled, report) = await RunAsync("reconcile");
        Assert.Equal(0, reconciled);
        Assert.Contains("reconcile: 2 ledger rows, 0 with missing values", report, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_BrokenLines_AreReportedWithFileLineAndReason_TheRestIsImported()
    {
        var dir = Repo.TempDirectory();
        var file = Path.Combine(dir, "isdlite_537050-99999-broken.txt");
        var lines = (await File.ReadAllLinesAsync(Real("537050"))).Take(10).ToList();
        lines.Insert(3, "2021 01 01 09  -56  oops 10358   240    20 -9999 -9999     0");
        lines.Insert(6, "2021 13 01 09  -56  -177 10358   240    20 -9999 -9999     0");
        await File.WriteAllLinesAsync(file, lines);

        var (code, output) = await RunAsync("import", "--format", "isd-lite", file);

        Assert.Equal(0, code);
        Assert.Contains("10 points imported, 2 rows rejected", output, StringComparison.Ordinal);
        Assert.Contains("isdlite_537050-99999-broken.txt:4: field 6 'oops' is not an integer", output, StringComparison.Ordinal);
        Assert.Contains("isdlite_537050-99999-broken.txt:7: no such date", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--format", "netcdf", "x", "--format must be one of")]
    [InlineData("--format", "isd-lite", "/nonexistent/file.txt", "file not found: /nonexistent/file.txt")]
    [InlineData("--format", "open-meteo-archive", "{fixture}", "needs --place")]
    [InlineData("--format", "open-meteo-archive", "--place", "640599-seat", "{fixture}", "Unknown grid cell code '640599-seat'")]
    public async Task Import_BadArguments_ExitWithUsageAndSayWhy(params string[] argsAndMessage)
    {
        var fixture = Repo.Fixture("open-meteo/frenck_historical_weather_archive.json");
        var args = argsAndMessage[..^1].Select(a => a.Replace("{fixture}", fixture, StringComparison.Ordinal)).ToArray();

        var (code, output) = await RunAsync("import", args);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains(argsAndMessage[^1], output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_OpenMeteoArchive_ForAGridCell()
    {
        // Values in the --key=value form; the other tests use --key value.
        var (code, output) = await RunAsync("import", "--format=open-meteo-archive", "--place=640521-seat", Repo.Fixture("open-meteo/frenck_historical_weather_archive.json"));

        Assert.Equal(0, code);
        Assert.Contains("points imported, 0 rows rejected", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReplayLedgerAndDeadLetters_AreServedToOperators()
    {
        await using var server = await RunningServer.StartAsync(replay: true, new Dictionary<string, string?>
        {
            ["Replay:Start"] = "Auto",
            ["Replay:StartDelay"] = "00:00:00",
            ["Replay:Speed"] = "1000000000",
            ["Replay:To"] = "2021-01-03T00:00:00Z",
        });
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await server.ReplayFinishedAsync(TimeSpan.FromMinutes(2));

        var ledger = await (await server.OperatorHttpAsync()).GetFromJsonAsync<JsonElement>("/api/ops/ingest?limit=500", cts.Token);
        var rows = ledger.EnumerateArray().ToList();
        Assert.Contains(rows, r => r.GetProperty("kind").GetString() == "replay" && r.GetProperty("measurement").GetString() == Measurements.Observation
            && r.GetProperty("places").EnumerateArray().Any(p => p.GetString() == "640521-seat") && r.GetProperty("pointsWritten").GetInt64() > 0);
        Assert.Contains(rows, r => r.GetProperty("places").EnumerateArray().Any(p => p.GetString() == "isd:536140"));
        var dead = await (await server.OperatorHttpAsync()).GetFromJsonAsync<JsonElement>("/api/ops/dead-letters", cts.Token);
        Assert.Equal(JsonValueKind.Array, dead.ValueKind);
        using var bad = await (await server.OperatorHttpAsync()).GetAsync("/api/ops/ingest?limit=0", cts.Token);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, bad.StatusCode);
    }
}
