using System.Net.Http.Json;
using System.Text.Json;
using ClimateWarn.Core.TimeSeries;
using ClimateWarn.Core.Weather;
using ClimateWarn.Risk.HeavyRain;
using ClimateWarn.Risk.Synthetic;
using ClimateWarn.Server.Assess.Models;
using ClimateWarn.Server.Configuration;
using ClimateWarn.Server.Hosting;
using ClimateWarn.Server.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace ClimateWarn.Server.Tests.Assess.Models;

/// <summary>Run-time scoring of the synthetic-trained models: reload, schema refusal, the live view, the operator listing.</summary>
public sealed class HazardRiskScorerTests
{
    internal static ResolvedPaths CopyOfModels()
    {
        var models = Repo.TempDirectory();
        Directory.CreateDirectory(Path.Combine(models, "frost"));
        File.Copy(Path.Combine(Repo.Root, "models", "frost", "model.zip"), Path.Combine(models, "frost", "model.zip"));
        File.Copy(Path.Combine(Repo.Root, "models", "frost", "card.json"), Path.Combine(models, "frost", "card.json"));
        CommittedModels.CopySynthetic(models);
        return new ResolvedPaths(new PathOptions { Models = models, Data = Repo.TempDirectory() }, Repo.Root);
    }

    [Fact]
    public async Task ReplacedModelFile_IsPickedUp_AndAnInvalidReplacementIsRefused()
    {
        var paths = CopyOfModels();
        var file = Path.Combine(paths.Models, "heavy-rain", "model.zip");
        using var scorer = new HazardRiskScorer<HeavyRainRiskInput>(HeavyRainHazard.Instance, "rainstorm", paths, NullLogger.Instance);
        var other = SyntheticHazards.Train("heavy-rain", SyntheticRun.Create(9, 12, CommittedModels.DroughtSettings));

        await ModelReload.AssertPickedUpAndInvalidRefusedAsync(file, other.ModelZip, other.Card.Version, () => scorer.Version, scorer.Reload);
    }

    [Fact]
    public void ModelForAnotherSchema_RefusesStartUp()
    {
        var paths = CopyOfModels();
        File.Copy(Path.Combine(Repo.Root, "models", "frost", "model.zip"), Path.Combine(paths.Models, "flood", "model.zip"), overwrite: true);

        var ex = Assert.Throws<StartupConfigurationException>(() => ClimateWarnHost.Create([], b =>
            b.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Paths:Models"] = paths.Models, ["Paths:Data"] = paths.Data })));

        Assert.Contains("models/flood/model.zip", ex.Message, StringComparison.Ordinal);
        Assert.Contains("lacks Discharge", ex.Message, StringComparison.Ordinal);
    }

    internal static List<TimeSeriesValue> Hours(DateTimeOffset now, Func<int, double> rainAtHour)
    {
        var values = new List<TimeSeriesValue>();
        for (var h = -72; h <= 72; h++)
        {
            var t = now.AddHours(h);
            values.Add(new TimeSeriesValue("cell", t, WeatherVariables.Precipitation, h <= 0 ? 0 : rainAtHour(h)));
            values.Add(new TimeSeriesValue("cell", t, WeatherVariables.Temperature2m, 25));
        }

        return values;
    }

    [Fact]
    public void LiveView_ScoresHeavyRainPerLead_WithVersionAndSyntheticFlag_HigherForAStormThanForADryForecast()
    {
        var paths = CopyOfModels();
        using var scorer = new HazardRiskScorer<HeavyRainRiskInput>(HeavyRainHazard.Instance, "rainstorm", paths, NullLogger.Instance);
        var now = new DateTimeOffset(2026, 7, 20, 8, 0, 0, TimeSpan.FromHours(8));
        var haiyuan = TestPlaces.Catalog.GetDistrict("640522");
        var storm = LiveIssueView.Build("cell", haiyuan, now, Hours(now, h => h is > 24 and <= 30 ? 12 : 0), [], DroughtState.Unknown);
        var dry = LiveIssueView.Build("cell", haiyuan, now, Hours(now, _ => 0), [], DroughtState.Unknown);

        var stormScores = scorer.Score(storm);
        var dryScores = scorer.Score(dry);

        Assert.Equal([24, 48, 72], stormScores.Select(s => s.LeadHours));
        Assert.All(stormScores, s => Assert.True(s.Synthetic && s.Model == "heavy-rain" && s.ModelVersion == scorer.Version && s.Hazard is null));
        Assert.Equal(72.0, storm.ForecastPrecipitation[1]);
        Assert.True(stormScores[1].Probability > 0.1 && stormScores[1].Probability > 10 * dryScores[1].Probability, $"{stormScores[1].Probability} vs {dryScores[1].Probability}");
        Assert.Empty(scorer.Score(LiveIssueView.Build("cell", haiyuan, now.AddMonths(-6), Hours(now.AddMonths(-6), _ => 0), [], DroughtState.Unknown))); // out of season
    }

    [Fact]
    public async Task OpsModels_ListsAllFourModels_WithTheSyntheticFlag()
    {
        await using var server = await RunningServer.StartAsync(replay: true, new Dictionary<string, string?> { ["Replay:Start"] = "Manual" });

        var shown = await (await server.OperatorHttpAsync()).GetFromJsonAsync<JsonElement>("/api/ops/models").WaitAsync(TimeSpan.FromSeconds(30));

        var models = shown.GetProperty("models").EnumerateArray().ToDictionary(m => m.GetProperty("hazard").GetString()!, m => m);
        Assert.Equal(["frost", "heavy-rain", "flood", "drought"], models.Keys);
        Assert.False(models["frost"].GetProperty("synthetic").GetBoolean());
        // The frost card's out-of-sample decision, as the card says it (models/frost/card.json "use").
        var frostUse = ClimateWarn.Risk.Cards.ModelCard.FromJson(File.ReadAllText(Path.Combine(Repo.Root, "models", "frost", "card.json"))).Use!;
        Assert.Equal(frostUse.Used, models["frost"].GetProperty("used").GetBoolean());
        Assert.Equal(frostUse.ReasonZh, models["frost"].GetProperty("useReasonZh").GetString());
        Assert.Equal(frostUse.Leads, models["frost"].GetProperty("usedLeads").EnumerateArray().Select(l => l.GetInt32()));
        foreach (var hazard in SyntheticHazards.Names)
        {
            Assert.True(models[hazard].GetProperty("synthetic").GetBoolean());
            Assert.False(models[hazard].GetProperty("used").GetBoolean());
            Assert.Contains("synthetic", models[hazard].GetProperty("useReasonEn").GetString(), StringComparison.Ordinal);
            Assert.True(models[hazard].GetProperty("card").GetProperty("data").GetProperty("synthetic").GetBoolean());
            Assert.Equal(models[hazard].GetProperty("card").GetProperty("version").GetString(), models[hazard].GetProperty("version").GetString());
        }
    }
}
