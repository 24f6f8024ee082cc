using ClimateWarn.Core.Hazards.Frost;
using ClimateWarn.Core;
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

    /// <summary>A model input that is not the frost schema.</summary>
    public sealed class Other
    {
        public float X { get; set; }
    }
}
