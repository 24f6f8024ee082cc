using ClimateWarn.Core.TimeSeries;
using ClimateWarn.Server.Hosting;
using ClimateWarn.Server.Store.Influx;
using ClimateWarn.Server.Tests.Support;
using Microsoft.Extensions.Configuration;

namespace ClimateWarn.Server.Tests.Store.Influx;

/// <summary>Faults against a real influxd of the test's own: refused lines, oversized batches, SIGKILL mid-import, repeats.</summary>
public sealed class InfluxFaultTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2021, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly InfluxServer _server = new();

    public Task InitializeAsync() => _server.StartAsync();

    public Task DisposeAsync() => _server.DisposeAsync();

    private static string Line(string place, DateTimeOffset t, string value) => $"observation,place={place},source=fault temperature_2m={value} {t.ToUnixTimeMilliseconds()}";

    [Fact]
    public async Task FieldTypeConflict_GoesToDeadLettersWithTheServersReason_TheRestIsWritten()
    {
        await using var host = await StoreHost.StartAsync(StoreHost.Influx(_server));
        await host.Writer.WriteLinesAsync(InfluxSchema.Kept, [Line("a", T0, "1.5")], CancellationToken.None);
        var lines = Enumerable.Range(1, 10).Select(i => Line("a", T0.AddHours(i), i == 6 ? "\"warm\"" : "2.5")).ToList();

        await host.Writer.WriteLinesAsync(InfluxSchema.Kept, lines, CancellationToken.None);

        var dead = Assert.Single(await host.Ops.DeadLettersAsync(10, CancellationToken.None));
        Assert.Equal(lines[5], dead.Line);
        Assert.Contains("field type conflict", dead.Reason, StringComparison.Ordinal);
        Assert.Equal(10, await host.Store.CountValuesAsync(Measurements.Observation, "fault", ["a"], T0, T0.AddDays(1), CancellationToken.None));
    }

    [Fact]
    public async Task ThirtyMegabyteBatch_IsSplitAndWritten()
    {
        await using var host = await StoreHost.StartAsync(StoreHost.Influx(_server));
        var padding = new string('x', 40);
        var lines = Enumerable.Range(0, 300_000).Select(i => $"observation,place=p{i % 10},source=big,note={padding} temperature_2m={i % 40} {T0.AddMinutes(i).ToUnixTimeMilliseconds()}").ToList();
        Assert.True(lines.Sum(l => l.Length + 1) > 30_000_000);

        await host.Writer.WriteLinesAsync(InfluxSchema.Kept, lines, CancellationToken.None);

        Assert.True(host.Sender.Splits > 0, "the server should have answered 413 and the batch been split");
        Assert.Equal(300_000, await host.Store.CountValuesAsync(Measurements.Observation, "big", [], T0, T0.AddMinutes(300_000), CancellationToken.None));
        Assert.Empty(await host.Ops.DeadLettersAsync(10, CancellationToken.None));
    }

    [Fact]
    public async Task ServerRefusingTheBodySize_SplitsTheBatchUntilItFits()
    {
        // A server with a 1 MB max-body-size and a client allowed 4 MB bodies: only the server's refusal can split it.
        var small = InfluxServer.WithMaxBodySize(1_000_000);
        await small.StartAsync();
        try
        {
            var settings = StoreHost.Influx(small);
            settings["Storage:Influx:Gzip"] = "false";
            settings["Storage:Influx:MaxBodyBytes"] = "4000000";
            await using var host = await StoreHost.StartAsync(settings);
            var lines = Enumerable.Range(0, 30_000).Select(i => $"observation,place=p{i % 10},source=refused temperature_2m={i % 40}.25 {T0.AddMinutes(i).ToUnixTimeMilliseconds()}").ToList();

            await host.Writer.WriteLinesAsync(InfluxSchema.Kept, lines, CancellationToken.None);

            Assert.True(host.Sender.Splits > 0);
            Assert.Equal(30_000, await host.Store.CountValuesAsync(Measurements.Observation, "refused", [], T0, T0.AddMinutes(30_000), CancellationToken.None));
        }
        finally
        {
            await small.DisposeAsync();
        }
    }

    [Fact]
    public async Task QueryAnsweredWithAnErrorInside_BecomesAnExceptionWithThatMessage()
    {
        await using var host = await StoreHost.StartAsync(StoreHost.Influx(_server));
        var schema = (InfluxSchema)host.Host.Services.GetService(typeof(InfluxSchema))!;

        var ex = await Assert.ThrowsAsync<InfluxQueryException>(() => schema.ExecuteAsync("SELECT * FROM \"no_such_policy\".\"m\"", CancellationToken.None));

        Assert.Contains("retention policy not found", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KillMinus9DuringAMillionPointImport_ThenRestart_ReconcilesExactlyOnce()
    {
        var data = Repo.TempDirectory();
        var files = LoadData.IsdLiteFiles(Repo.TempDirectory(), stations: 20, hoursPerStation: 50_000);
        var settings = StoreHost.Influx(_server, "killtest");
        settings["Paths:Data"] = data;
        var import = Task.Run(() => Commands.RunAsync(["import", "--format", "isd-lite", .. files], c => c.AddInMemoryCollection(settings), TextWriter.Null));

        await using (var probe = await StoreHost.StartAsync(settings, Repo.TempDirectory()))
        {
            await Eventually.UntilAsync(
                async () => await probe.Store.CountValuesAsync(Measurements.Observation, "isd-lite", [], T0.AddYears(-30), T0, CancellationToken.None) >= 300_000,
                TimeSpan.FromMinutes(3), "the import has written 300,000 points");
        }

        _server.Kill();
        await Task.Delay(TimeSpan.FromSeconds(3));
        await _server.StartAsync();
        Assert.Equal(0, await import.WaitAsync(TimeSpan.FromMinutes(8)));

        var report = new StringWriter();
        var code = await Commands.RunAsync(["reconcile"], c => c.AddInMemoryCollection(settings), report);

        Assert.True(code == 0, report.ToString());
        Assert.DoesNotContain("MISSING", report.ToString(), StringComparison.Ordinal);
        await using var check = await StoreHost.StartAsync(settings, Repo.TempDirectory());
        // 1,000,000 points × 6 fields (temperature, dew point, pressure, direction, speed, 6 h precipitation), each once.
        Assert.Equal(6_000_000, await check.Store.CountValuesAsync(Measurements.Observation, "isd-lite", [], T0.AddYears(-30), T0, CancellationToken.None));
    }

    [Fact]
    public async Task SameImportThreeTimesOutOfOrder_GivesTheSameCounts()
    {
        var dir = Repo.TempDirectory();
        var file = LoadData.IsdLiteFiles(dir, stations: 1, hoursPerStation: 20_000)[0];
        var lines = await File.ReadAllLinesAsync(file);
        var settings = StoreHost.Influx(_server);
        var counts = new List<long>();
        foreach (var seed in new[] { 1, 2, 3 })
        {
            var shuffled = Path.Combine(Repo.TempDirectory(), Path.GetFileName(file));
            await File.WriteAllLinesAsync(shuffled, lines.OrderBy(_ => Random.Shared.Next()).ToArray());
            Assert.Equal(0, await Commands.RunAsync(["import", "--format", "isd-lite", shuffled], c => c.AddInMemoryCollection(settings), TextWriter.Null));
            await using var check = await StoreHost.StartAsync(settings);
            counts.Add(await check.Store.CountValuesAsync(Measurements.Observation, "isd-lite", [], T0.AddYears(-30), T0, CancellationToken.None));
        }

        Assert.Equal(120_000, counts[0]);
        Assert.All(counts, c => Assert.Equal(counts[0], c));
    }
}
