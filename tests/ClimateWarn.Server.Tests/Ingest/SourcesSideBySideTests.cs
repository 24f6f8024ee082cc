using ClimateWarn.Core.Places;
using ClimateWarn.Core.TimeSeries;
using ClimateWarn.Core.Weather;
using ClimateWarn.Server.Ingest;
using ClimateWarn.Server.Store.Ops;
using ClimateWarn.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ClimateWarn.Server.Tests.Ingest;

/// <summary>
/// Two sources in one server, each on its own Quartz job and schedule: the live Open-Meteo source (pointed at a port that
/// refuses, so it fails) and a second source registered by the test the way any new source folder registers itself
/// (<see cref="IngestSetup.AddScheduledSource{TSource}"/>). Each keeps its own health and ledger rows; one failing does not
/// stop the other.
/// </summary>
public sealed class SourcesSideBySideTests
{
    /// <summary>A constructed source (test data, not observations): a flat 5 °C for the last and next 24 hours of every cell.</summary>
    private sealed class BackfillSource : IForecastSource
    {
        public const string SourceName = "test-backfill";

        public string Name => SourceName;

        public string LedgerKind => "replay";

        public Task<SourceBatch> FetchAsync(District district, DateTimeOffset now, CancellationToken cancellationToken)
        {
            var points = new List<TimeSeriesPoint>();
            foreach (var cell in district.Cells)
            {
                var tags = new Dictionary<string, string>(StringComparer.Ordinal) { [Tags.Place] = cell.Id, [Tags.Source] = Name };
                for (var h = -24; h <= 24; h++)
                {
                    var fields = new Dictionary<string, double>(StringComparer.Ordinal) { [WeatherVariables.Temperature2m] = 5 };
                    points.Add(new TimeSeriesPoint(h <= 0 ? Measurements.Observation : Measurements.Forecast, tags, fields, now.AddHours(h)));
                }
            }

            return Task.FromResult(new SourceBatch(points, 0, 0, []));
        }
    }

    [Fact]
    public async Task TwoSources_RunOnTheirOwnSchedules_WithTheirOwnHealthAndLedger_OneFailingDoesNotStopTheOther()
    {
        using var nobody = Ports.Refusing();
        await using var server = await RunningServer.StartAsync(replay: false, new Dictionary<string, string?>
        {
            ["OpenMeteo:BaseUrl"] = nobody.Url,
            ["OpenMeteo:RunAtStartup"] = "true",
            ["OpenMeteo:Cron"] = "0 0 0 1 1 ? 2099",
            ["OpenMeteo:Resilience:Retry:Delay"] = "00:00:00.020",
            ["OpenMeteo:Resilience:Retry:BackoffType"] = "Constant",
            ["OpenMeteo:Resilience:AttemptTimeout:Timeout"] = "00:00:02",
        }, s => s.AddScheduledSource<BackfillSource>(BackfillSource.SourceName, "0 0 0 1 1 ? 2098", runAtStartup: true));
        var health = server.Service<SourceHealth>();

        await Eventually.UntilAsync(
            () => health.All.Any(s => s.Source == BackfillSource.SourceName && s.LastSuccess is not null)
                && health.All.Any(s => s.Source == "open-meteo" && s.Failing),
            TimeSpan.FromSeconds(90), "both sources have run: the backfill succeeded, Open-Meteo failed");

        var backfill = health.All.Single(s => s.Source == BackfillSource.SourceName);
        Assert.False(backfill.Failing);
        Assert.True(backfill.PointsWritten > 0);
        Assert.Contains("unreachable", health.All.Single(s => s.Source == "open-meteo").LastError, StringComparison.Ordinal);

        var ledger = await server.Service<OpsDatabase>().LedgerAsync(500, latestPerKey: false, CancellationToken.None);
        Assert.Contains(ledger, e => e.Source == BackfillSource.SourceName && e.Kind == "replay" && e.PointsWritten > 0 && e.Status == "ok");
        Assert.Contains(ledger, e => e.Source == "open-meteo" && e.Status != "ok");
        Assert.DoesNotContain(ledger, e => e.Source == BackfillSource.SourceName && e.Status != "ok");

        var stored = await server.Service<ITimeSeriesStore>().CountValuesAsync(Measurements.Observation, BackfillSource.SourceName, [],
            DateTimeOffset.MinValue, DateTimeOffset.MaxValue, CancellationToken.None);
        Assert.True(stored > 0, "the backfill's observations are stored under its own source tag");

        var jobs = server.Service<Quartz.ISchedulerFactory>();
        var scheduler = await jobs.GetScheduler();
        Assert.NotNull(await scheduler.GetJobDetail(IngestJob.KeyFor(BackfillSource.SourceName)));
        Assert.NotNull(await scheduler.GetJobDetail(IngestJob.KeyFor("open-meteo")));
    }
}
