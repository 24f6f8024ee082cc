using System.Net.Http.Json;
using System.Text.Json;
using ClimateWarn.Core.Ensembles;
using ClimateWarn.Core.Hazards;
using ClimateWarn.Core.TimeSeries;
using ClimateWarn.Core.Weather;
using ClimateWarn.Server.Skill;
using ClimateWarn.Server.Store.Ops;
using ClimateWarn.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ClimateWarn.Server.Tests.Skill;

/// <summary>
/// The calibration loop through a running server: an archive of 60 days of six-hourly ensemble runs that always say 90 %
/// for a gale in Haiyuan while the observations have one every third day (the archive and observations are CONSTRUCTED
/// here) → the calibration beats the raw share on the newest pairs, is recorded as a trial, written to the data
/// directory, and /api/probabilities then offers it as a calibrated source beside the raw share.
/// </summary>
public sealed class CalibrationTests
{
    private static readonly DateTimeOffset T0 = new(2021, 5, 1, 0, 0, 0, TimeSpan.Zero);
    private const int Days = 60;

    [Fact]
    public async Task AnOverConfidentEnsemble_IsCalibratedFromTheArchive_AndTheCalibrationIsShownAsSuch()
    {
        var now = T0.AddDays(Days + 1);
        await using var server = await RunningServer.StartAsync(replay: false, new Dictionary<string, string?>
        {
            ["OpenMeteo:BaseUrl"] = "http://127.0.0.1:9",
            ["OpenMeteo:RunAtStartup"] = "false",
            ["OpenMeteo:Cron"] = "0 0 0 1 1 ? 2099",
            ["OpenMeteoEnsemble:Models"] = "ecmwf_ifs025:51",
            ["OpenMeteoModels:Models"] = "cma_grapes_global",
        }, s => s.AddSingleton<TimeProvider>(new FakeTimeProvider(now)));
        var store = server.Service<ITimeSeriesStore>();
        var seat = TestPlaces.Catalog.GetDistrict("640522").SeatCell.Id;
        var points = new List<TimeSeriesPoint>();
        for (var h = -72; h < (Days + 1) * 24; h++)
        {
            var windy = h >= 0 && (h / 24) % 3 == 0 && h % 24 == 12;
            points.Add(new TimeSeriesPoint(Measurements.Observation, new Dictionary<string, string> { [Tags.Place] = seat, [Tags.Source] = "test" },
                new Dictionary<string, double> { [WeatherVariables.WindSpeed10m] = windy ? 12 : 3 }, T0.AddHours(h)));
        }

        for (var run = T0; run < T0.AddDays(Days); run = run.AddHours(6))
        {
            points.Add(new TimeSeriesPoint(ArchiveFields.Ensemble, new Dictionary<string, string> { [Tags.Place] = "640522", [Tags.Source] = "test" },
                new Dictionary<string, double>
                {
                    [ArchiveFields.Judged("ecmwf_ifs025", "gale", 0)] = 51,
                    [ArchiveFields.Probability("ecmwf_ifs025", "gale", SignalLevel.Blue, 0)] = 0.9,
                    [ArchiveFields.Probability("ecmwf_ifs025", "gale", SignalLevel.Yellow, 0)] = 0,
                    [ArchiveFields.Probability("ecmwf_ifs025", "gale", SignalLevel.Orange, 0)] = 0,
                    [ArchiveFields.Probability("ecmwf_ifs025", "gale", SignalLevel.Red, 0)] = 0,
                }, run));
        }

        await store.WriteAsync(points, CancellationToken.None);

        var trials = await server.Service<EnsembleCalibrator>().RunAsync(CancellationToken.None).WaitAsync(TimeSpan.FromMinutes(2));

        var gale = Assert.Single(trials, t => t.Hazard == "gale");
        Assert.True(gale.Promoted, gale.ReasonEn);
        Assert.True(gale.TrainingPairs + gale.TestPairs >= 4 * 4 * (Days - 1));
        Assert.True(File.Exists(Path.Combine(server.DataDirectory, "calibration", "gale.zip")));
        var recorded = await server.Service<OpsDatabase>().TrialsAsync(10, CancellationToken.None);
        Assert.Contains(recorded, t => t.Hazard == "calibration:gale" && t.Promoted && t.CurrentVersion == "raw-share");

        // Today's run says 90 % again: the page gets the raw share and, beside it, the calibrated probability near the observed third.
        await store.WriteAsync([new TimeSeriesPoint(ArchiveFields.Ensemble, new Dictionary<string, string> { [Tags.Place] = "640522", [Tags.Source] = "test" },
            new Dictionary<string, double>
            {
                [ArchiveFields.Judged("ecmwf_ifs025", "gale", 0)] = 51, [ArchiveFields.Probability("ecmwf_ifs025", "gale", SignalLevel.Blue, 0)] = 0.9,
            }, now.AddHours(-1))], CancellationToken.None);
        using var doc = JsonDocument.Parse(await server.Http.GetStringAsync("/api/probabilities?district=640522"));
        var source = doc.RootElement.GetProperty("sources").EnumerateArray().Single(s => s.GetProperty("id").GetString() == "calibrated:gale");
        Assert.True(source.GetProperty("calibrated").GetBoolean());
        var items = doc.RootElement.GetProperty("items").EnumerateArray().Where(i => i.GetProperty("hazard").GetString() == "gale" && i.GetProperty("level").GetString() == "blue").ToList();
        Assert.Equal(0.9, items.Single(i => i.GetProperty("source").GetString() == "ensemble:ecmwf_ifs025").GetProperty("probability").GetDouble());
        Assert.InRange(items.Single(i => i.GetProperty("source").GetString() == "calibrated:gale").GetProperty("probability").GetDouble(), 0.15, 0.55);
    }
}
