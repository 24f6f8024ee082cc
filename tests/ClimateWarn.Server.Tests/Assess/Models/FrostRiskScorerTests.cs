using ClimateWarn.Core.Hazards.Frost;
using ClimateWarn.Core;
using ClimateWarn.Core.TimeSeries;
using ClimateWarn.Core.Weather;
using ClimateWarn.Risk.Cards;
using ClimateWarn.Risk.Frost;
using ClimateWarn.Server.Assess.Models;
using ClimateWarn.Server.Assess.Rules;
using ClimateWarn.Server.Configuration;
using ClimateWarn.Server.Hosting;
using ClimateWarn.Server.Ingest.IsdLite;
using ClimateWarn.Server.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.ML;

namespace ClimateWarn.Server.Tests.Assess.Models;

public sealed class FrostRiskScorerTests
{
    private static readonly string Committed = Path.Combine(Repo.Root, "models", "frost", "model.zip");

    private static (ResolvedPaths Paths, string ModelFile) CopyOfModels()
    {
        var models = Repo.TempDirectory();
        Directory.CreateDirectory(Path.Combine(models, "frost"));
        var file = Path.Combine(models, "frost", "model.zip");
        File.Copy(Committed, file);
        return (new ResolvedPaths(new PathOptions { Models = models, Data = Repo.TempDirectory() }, Repo.Root), file);
    }

    [Fact]
    public async Task ReplacedModelFile_IsPickedUp_AndAnInvalidReplacementIsRefused()
    {
        var (paths, file) = CopyOfModels();
        using var scorer = new FrostRiskScorer(paths, NullLogger<FrostRiskScorer>.Instance);
        var records = StationFiles.ReadIsdLite(Directory.GetFiles(Path.Combine(Repo.Root, "data", "stations", "isd-lite"), "isdlite_*-99999-*.txt")).Records;
        var other = FrostRiskTrainer.Train(records, HazardConfigLoader.Load(Repo.Config, "ningxia").Table.Thresholds<FrostThresholds>(FrostHazard.Id), TimeZones.Shanghai, new DateOnly(2021, 3, 10), "test", []);

        await ModelReload.AssertPickedUpAndInvalidRefusedAsync(file, other.ModelZip, other.Card.Version, () => scorer.Version, scorer.Reload);
    }

    [Fact]
    public void ModelForAnotherSchema_RefusesStartUp()
    {
        var (paths, file) = CopyOfModels();
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(new[] { new Other { X = 1 } });
        ml.Model.Save(ml.Transforms.Concatenate("Features", nameof(Other.X)).Fit(data), data.Schema, file);

        var ex = Assert.Throws<StartupConfigurationException>(() => ClimateWarnHost.Create([], b =>
            b.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Paths:Models"] = paths.Models, ["Paths:Data"] = paths.Data })));

        Assert.Contains("models/frost/model.zip", ex.Message, StringComparison.Ordinal);
        Assert.Contains("lacks LeadHours", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheCardsOutOfSampleDecision_DecidesWhichLeadsAreScored()
    {
        var (paths, _) = CopyOfModels();
        var card = Path.Combine(paths.Models, "frost", "card.json");
        var committed = ModelCard.FromJson(File.ReadAllText(Path.Combine(Repo.Root, "models", "frost", "card.json")));
        using var scorer = new FrostRiskScorer(paths, NullLogger<FrostRiskScorer>.Instance);
        // Zhongning's real readings of 17–20 March 2021 as the cell's stored hours, scored at 21:00 on the 20th.
        var record = StationFiles.ReadIsdLite([Path.Combine(Repo.Root, "data", "stations", "isd-lite", "isdlite_537050-99999-2021_JanApr.txt")]).Records[0];
        var now = new DateTimeOffset(2021, 3, 20, 21, 0, 0, TimeSpan.FromHours(8));
        var hourly = record.Between(now.AddDays(-3), now).ToArray().SelectMany(r => new[]
        {
            new TimeSeriesValue("cell", r.Time, WeatherVariables.Temperature2m, r.Temperature), new TimeSeriesValue("cell", r.Time, WeatherVariables.DewPoint2m, r.DewPoint),
            new TimeSeriesValue("cell", r.Time, WeatherVariables.WindSpeed10m, r.WindSpeed),
        }).Where(v => double.IsFinite(v.Value)).ToList();
        var edits = 0;
        int[] Leads(ModelUse? use)
        {
            File.WriteAllText(card, (committed with { Use = use }).ToJson());
            // Each edit its own modification time, as an operator's edits a minute apart would have.
            File.SetLastWriteTimeUtc(card, new DateTime(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(++edits));
            return [.. scorer.Score("cell", hourly, now).Select(s => s.LeadHours)];
        }

        Assert.Equal([24, 48], Leads(committed.Use));
        Assert.Equal([24], Leads(new ModelUse(true, [24], "仅24小时", "24 h only")));
        Assert.Empty(Leads(new ModelUse(false, [], "不使用", "not used")));
        Assert.Empty(Leads(null));
    }

    /// <summary>A model input that is not the frost schema.</summary>
    public sealed class Other
    {
        public float X { get; set; }
    }
}
