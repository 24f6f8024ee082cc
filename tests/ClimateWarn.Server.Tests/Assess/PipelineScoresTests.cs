using ClimateWarn.Core.Places;
using ClimateWarn.Core.TimeSeries;
using ClimateWarn.Core.Weather;
using ClimateWarn.Server.Assess;
using ClimateWarn.Server.Ingest;
using ClimateWarn.Server.Store.Ops;
using ClimateWarn.Server.Tests.Support;
using ClimateWarn.Server.Warn;
using Microsoft.Extensions.Logging.Abstractions;

namespace ClimateWarn.Server.Tests.Assess;

/// <summary>The real ingest and forecast cycle on a July forecast: the board carries heavy-rain probabilities per cell and lead beside frost's.</summary>
public sealed class PipelineScoresTests
{
    /// <summary>Dry past, 25 °C; Haiyuan's forecast holds 6 hours of 12 mm/h in the second 24-hour window.</summary>
    private sealed class StormSource : IForecastSource
    {
        public string Name => "test-storm";

        public Task<SourceBatch> FetchAsync(District district, DateTimeOffset now, CancellationToken cancellationToken)
        {
            var points = new List<TimeSeriesPoint>();
            foreach (var cell in district.Cells)
            {
                var tags = new Dictionary<string, string>(StringComparer.Ordinal) { [Tags.Place] = cell.Id, [Tags.Source] = Name };
                for (var h = -72; h <= 72; h++)
                {
                    var rain = district.Code == "640522" && h is > 24 and <= 30 ? 12.0 : 0.0;
                    var fields = new Dictionary<string, double>(StringComparer.Ordinal) { [WeatherVariables.Precipitation] = rain, [WeatherVariables.Temperature2m] = 25 };
                    points.Add(new TimeSeriesPoint(h <= 0 ? Measurements.Observation : Measurements.Forecast, tags, fields, now.AddHours(h)));
                }
            }

            return Task.FromResult(new SourceBatch(points, 0, 0, []));
        }
    }

    [Fact]
    public async Task IngestRun_InJuly_PutsSyntheticHeavyRainScoresOnTheBoard_AndNoFloodOrDroughtWithoutHistory()
    {
        await using var server = await RunningServer.StartAsync(replay: true, new Dictionary<string, string?> { ["Replay:Start"] = "Manual" });
        var now = new DateTimeOffset(2026, 7, 20, 0, 0, 0, TimeSpan.Zero);
        var board = new RiskBoard();
        using var cycle = new ForecastCycle(server.Service<PlaceCatalog>(), server.Service<DistrictAssessor>(), board, server.Service<WarningBoard>(), NullLogger<ForecastCycle>.Instance);
        var ingestor = new Ingestor(server.Service<ITimeSeriesStore>(), server.Service<PlaceCatalog>(), server.Service<SourceHealth>(), server.Service<OpsDatabase>(),
            [cycle], NullLogger<Ingestor>.Instance);

        await ingestor.RunAsync(new StormSource(), now, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(120));

        var haiyuan = board.For("640522")!;
        var heavy = haiyuan.Cells.SelectMany(c => c.Scores).Where(s => s.Model == "heavy-rain").ToList();
        Assert.Equal(haiyuan.Cells.Count * 3, heavy.Count);
        Assert.All(heavy, s => Assert.True(s.Synthetic && s.ModelVersion.Length == 12));
        Assert.Contains(haiyuan.Cells.SelectMany(c => c.Scores), s => s.Model == "frost" && !s.Synthetic);
        Assert.DoesNotContain(haiyuan.Cells.SelectMany(c => c.Scores), s => s.Model is "flood" or "drought"); // no station history, no indices
        var district = haiyuan.DistrictScores().Where(x => x.Score.Model == "heavy-rain").ToDictionary(x => x.Score.LeadHours, x => x.Score.Probability);
        Assert.True(district[48] > 10 * district[24], $"storm window {district[48]} vs dry window {district[24]}");
        var shapotou = board.For("640502")!.DistrictScores().Single(x => x.Score.Model == "heavy-rain" && x.Score.LeadHours == 48).Score.Probability;
        Assert.True(district[48] > 10 * shapotou);
    }
}
