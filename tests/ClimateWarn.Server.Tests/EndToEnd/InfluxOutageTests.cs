using ClimateWarn.Core.TimeSeries;
using ClimateWarn.Server.Ingest;
using ClimateWarn.Server.Store.Influx;
using ClimateWarn.Server.Tests.Support;

namespace ClimateWarn.Server.Tests.EndToEnd;

/// <summary>
/// The live server on InfluxDB: the store goes away while the forecast job runs; nothing is lost. The spool retries every
/// 200 ms here, so a few seconds of outage are as many retries as a minute at the default 5 s. (A fake clock cannot be
/// used: the HTTP clients' resilience handlers time their attempts on the same TimeProvider.)
/// </summary>
public sealed class InfluxOutageTests
{
    [Fact]
    public async Task StoreStoppedWhileTheForecastJobRuns_DataAppearsAfterItReturns()
    {
        var influx = new InfluxServer();
        await influx.StartAsync();
        await using var upstream = await FakeUpstream.StartAsync();
        upstream.Default = FakeUpstream.Recorded("open-meteo/frenck_forecast.json");
        var settings = StoreHost.Influx(influx);
        settings["OpenMeteo:BaseUrl"] = upstream.BaseUrl;
        settings["OpenMeteo:RunAtStartup"] = "false";
        settings["OpenMeteo:Cron"] = "0 0 0 1 1 ? 2099";
        settings["Storage:Influx:ForecastRetention"] = "3650.00:00:00"; // the recorded sample's dates are weeks old
        try
        {
            settings["Storage:Influx:SpoolRetryInterval"] = "00:00:00.200";
            await using var server = await RunningServer.StartAsync(replay: false, settings);
            var store = server.Service<ITimeSeriesStore>();
            var spool = server.Service<InfluxWriter>().Spool;

            influx.Kill();
            var run = await Assert.ThrowsAsync<IngestFailedException>(() => server.IngestOnceAsync().WaitAsync(TimeSpan.FromMinutes(3)));
            // The writes spooled; only the reads for assessment failed, and the run says so.
            Assert.Contains("assessing 640521", run.Message, StringComparison.Ordinal);
            Assert.False(spool.IsEmpty);
            using (var ready = await server.Http.GetAsync("/health/ready"))
            {
                Assert.Contains("InfluxTimeSeriesStore", await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }

            // Fifteen retries of the spool while the store is away: it keeps everything.
            await Task.Delay(TimeSpan.FromSeconds(3));

            Assert.False(spool.IsEmpty);
            await influx.StartAsync();
            await Eventually.UntilAsync(() => spool.IsEmpty, TimeSpan.FromMinutes(2), "the spool drains after InfluxDB returns");

            // The recorded sample's 3 hours (all past by now, so observations) carry 6 of the requested variables.
            var cells = TestPlaces.Catalog.Districts.SelectMany(d => d.Cells).Count();
            var observed = await store.CountValuesAsync(Measurements.Observation, "open-meteo", [], DateTimeOffset.UnixEpoch, TimeProvider.System.GetUtcNow(), CancellationToken.None);
            Assert.Equal(cells * 3 * 6, observed);
        }
        finally
        {
            await influx.DisposeAsync();
        }
    }
}
