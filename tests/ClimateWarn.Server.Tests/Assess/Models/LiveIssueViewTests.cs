using ClimateWarn.Core.Places;
using ClimateWarn.Risk.Drought;
using ClimateWarn.Risk.Flood;
using ClimateWarn.Risk.HeavyRain;
using ClimateWarn.Risk.Synthetic;
using ClimateWarn.Server.Assess.Models;
using ClimateWarn.Server.Tests.Support;
using ClimateWarn.WeatherGen;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ClimateWarn.Server.Tests.Assess.Models;

/// <summary>
/// Issue 12: heavy rain, flood and drought are scored for any configured district, not only Zhongwei's three codes;
/// flood needs the district's catchment from config/districts.json, and a district without one gets no flood probability.
/// </summary>
public sealed class LiveIssueViewTests
{
    private static readonly DateTimeOffset Now = new(2026, 7, 20, 8, 0, 0, TimeSpan.FromHours(8));

    /// <summary>A district outside Zhongwei (Baiyin's 白银区 code) with the given catchment.</summary>
    private static District Elsewhere(DistrictCatchment? catchment) =>
        TestPlaces.Catalog.GetDistrict("640522") with { Code = "620402", NameZh = "白银区", NameEn = "Baiyin District", Catchment = catchment };

    /// <summary>The station's daily precipitation over the flood proxy's warm-up: a wet spell in the last week.</summary>
    private static List<(DateOnly Day, double Precipitation)> StationDaily()
    {
        var today = DateOnly.FromDateTime(Now.DateTime);
        return [.. Enumerable.Range(1, IssueView.WarmUpDays + 1).Select(k => (today.AddDays(-k), k <= 5 ? 15.0 : k % 9 == 0 ? 3.0 : 0.0))];
    }

    private static Dictionary<string, int> ScoresPerModel(District district)
    {
        var paths = HazardRiskScorerTests.CopyOfModels();
        using var heavyRain = new HazardRiskScorer<HeavyRainRiskInput>(HeavyRainHazard.Instance, "rainstorm", paths, NullLogger.Instance);
        using var flood = new HazardRiskScorer<FloodRiskInput>(FloodHazard.Instance, null, paths, NullLogger.Instance);
        using var drought = new HazardRiskScorer<DroughtRiskInput>(DroughtHazard.Instance, null, paths, NullLogger.Instance);
        var view = LiveIssueView.Build("cell", district, Now, HazardRiskScorerTests.Hours(Now, h => h is > 24 and <= 30 ? 12 : 0), StationDaily(),
            new DroughtState(-1.2, -1.0, -0.8, -1.5));
        var input = new ScoringInput("cell", district.Code, Now, [], view);
        return new IRiskScorer[] { heavyRain, flood, drought }.SelectMany(s => s.Score(input))
            .GroupBy(s => s.Model).ToDictionary(g => g.Key, g => g.Count(s => s.Probability is >= 0 and <= 1));
    }

    [Fact]
    public void DistrictOutsideZhongwei_WithACatchment_GetsHeavyRainFloodAndDrought()
    {
        var scores = ScoresPerModel(Elsewhere(TestPlaces.Catalog.GetDistrict("640522").Catchment));

        Assert.Equal(3, scores.GetValueOrDefault("heavy-rain"));
        Assert.Equal(3, scores.GetValueOrDefault("flood"));
        Assert.Equal(1, scores.GetValueOrDefault("drought"));
    }

    [Fact]
    public void DistrictWithoutACatchment_GetsHeavyRainAndDrought_NoFlood_NoException()
    {
        var district = Elsewhere(catchment: null);

        var scores = ScoresPerModel(district);

        Assert.Equal(3, scores.GetValueOrDefault("heavy-rain"));
        Assert.Equal(1, scores.GetValueOrDefault("drought"));
        Assert.False(scores.ContainsKey("flood"));
        var view = LiveIssueView.Build("cell", district, Now, HazardRiskScorerTests.Hours(Now, _ => 0), StationDaily(), DroughtState.Unknown);
        Assert.Null(view.Catchment);
        Assert.True(double.IsNaN(view.Discharge));
        Assert.False(FloodHazard.Instance.RuleSays(view, 24));
    }

    [Fact]
    public void ZhongweisConfig_StatesTheCatchmentsTheModelsWereTrainedOn()
    {
        foreach (var climate in Zhongwei.Districts)
        {
            var c = TestPlaces.Catalog.GetDistrict(climate.District).Catchment;
            Assert.NotNull(c);
            Assert.Equal(climate.Catchment, new Catchment(c.Name, c.AreaKm2, c.BaseFlowM3s, c.InitialLossMm, c.RunoffMin, c.RunoffMax,
                c.ApiSaturationMm, c.ApiDecay, c.ReservoirRecession, c.FloodThresholdM3s));
        }
    }

    [Fact]
    public async Task DistrictWithoutACatchment_IsNamedOnceInTheLogAtStartUp()
    {
        var config = Repo.CopyOfConfig();
        var file = Path.Combine(config, "districts.json");
        var lines = File.ReadAllLines(file);
        File.WriteAllLines(file, lines.Where(l => !l.Contains("upper Qingshui He", StringComparison.Ordinal))
            .Select(l => l.Replace("\"nameEn\": \"Haiyuan\" },", "\"nameEn\": \"Haiyuan\" }", StringComparison.Ordinal)));
        var logs = new CapturedLogs();

        await using var server = await RunningServer.StartAsync(replay: true, new Dictionary<string, string?>
        {
            ["Paths:Config"] = config,
            ["Replay:Start"] = "Manual",
        }, services => services.AddSingleton<ILoggerProvider>(logs));

        var named = logs.Entries.Where(e => e.Text.StartsWith("flood model:", StringComparison.Ordinal)).ToList();
        var line = Assert.Single(named);
        Assert.Equal(LogLevel.Warning, line.Level);
        Assert.Equal("flood model: district 640522 海原县 has no catchment in districts.json; no flood probabilities there", line.Text);
    }
}
