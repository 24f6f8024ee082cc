using ClimateWarn.Core.TimeSeries;
using ClimateWarn.Server.Ingest.Replay;
using ClimateWarn.Server.Store.Ops;
using ClimateWarn.Server.Tests.Support;

namespace ClimateWarn.Server.Tests.EndToEnd;

/// <summary>
/// The 2021 replay on InfluxDB: its forecast points are years older than the live forecast retention (90 days), which
/// dropped them into the dead letters and raised nothing. In replay mode the server writes to its own database whose
/// retention policies keep everything.
/// </summary>
public sealed class InfluxReplayTests : IClassFixture<InfluxServer>
{
    private readonly InfluxServer _influx;

    public InfluxReplayTests(InfluxServer influx) => _influx = influx;

    [Fact]
    public async Task ReplayOnInflux_StoresItsForecasts_WithNoDeadLetters_AndPublishesWarnings()
    {
        var settings = StoreHost.Influx(_influx);
        settings["Storage:Influx:ReplayDatabase"] = "r" + Guid.NewGuid().ToString("N")[..12];
        settings["Replay:Start"] = "Auto";
        settings["Replay:StartDelay"] = "00:00:00";
        settings["Replay:Speed"] = "1000000000";
        settings["Replay:From"] = "2021-03-15T00:00:00Z";
        settings["Replay:To"] = "2021-03-23T00:00:00Z";
        settings["Warnings:ApprovalFrom:frost"] = "None";
        await using var server = await RunningServer.StartAsync(replay: true, settings);
        await server.ReplayFinishedAsync(TimeSpan.FromMinutes(3));

        var deadLetters = await server.Service<OpsDatabase>().DeadLettersAsync(10, CancellationToken.None);
        Assert.True(deadLetters.Count == 0, $"no dead letters, got {deadLetters.Count}: {(deadLetters.Count > 0 ? deadLetters[0].Reason : null)}");
        var forecasts = await server.Service<ITimeSeriesStore>().CountValuesAsync(Measurements.Forecast, ReplayRecords.SourceName, [],
            new DateTimeOffset(2021, 3, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2021, 4, 30, 0, 0, 0, TimeSpan.Zero), CancellationToken.None);
        Assert.True(forecasts > 0, "the replay's forecast points are stored in InfluxDB");
        Assert.NotEmpty(await server.AllMessagesAsync());
    }
}
