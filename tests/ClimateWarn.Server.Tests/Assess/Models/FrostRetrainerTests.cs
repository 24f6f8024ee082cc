using ClimateWarn.Core.Hazards.Frost;
using System.Net.Http.Json;
using System.Text.Json;
using ClimateWarn.Core;
using ClimateWarn.Risk.Frost;
using ClimateWarn.Server.Assess.Models;
using ClimateWarn.Server.Assess.Rules;
using ClimateWarn.Server.Hosting;
using ClimateWarn.Server.Ingest.IsdLite;
using ClimateWarn.Server.Tests.Support;
using Microsoft.Extensions.Configuration;

namespace ClimateWarn.Server.Tests.Assess.Models;

public sealed class FrostRetrainerTests
{
    [Fact]
    public async Task WeakCurrentModel_IsReplacedByABetterChallenger_AndAnEqualOneIsNot()
    {
        var files = Directory.GetFiles(Path.Combine(Repo.Root, "data", "stations", "isd-lite"), "isdlite_*-99999-*.txt").Order(StringComparer.Ordinal).ToArray();
        var models = Repo.TempDirectory();
        Directory.CreateDirectory(Path.Combine(models, "frost"));
        CommittedModels.CopySynthetic(models);
        // The weak "current" model knows only January and February: it forecasts frost on too many spring nights.
        var weak = FrostRiskTrainer.Train(StationFiles.ReadIsdLite(files).Records, HazardConfigLoader.Load(Repo.Config, "ningxia").Table.Thresholds<FrostThresholds>(FrostHazard.Id),
            TimeZones.Shanghai, new DateOnly(2021, 3, 1), "test", []);
        await File.WriteAllBytesAsync(Path.Combine(models, "frost", "model.zip"), weak.ModelZip);
        await File.WriteAllTextAsync(Path.Combine(models, "frost", "card.json"), weak.Card.ToJson());
        var settings = new Dictionary<string, string?> { ["Paths:Models"] = models, ["Replay:Start"] = "Manual" };
        await using var server = await RunningServer.StartAsync(replay: true, settings);
        settings["Paths:Data"] = server.DataDirectory;
        Assert.Equal(0, await Commands.RunAsync(["import", "--format", "isd-lite", .. files], c => c.AddInMemoryCollection(settings), TextWriter.Null));
        var retrainer = server.Service<FrostRetrainer>();

        var first = await retrainer.RunAsync(CancellationToken.None);

        Assert.Equal(weak.Card.Version, first.CurrentVersion);
        Assert.True(first.HeldOutCases > 20);
        Assert.True(first.ChallengerBrier < first.CurrentBrier, $"challenger {first.ChallengerBrier} vs current {first.CurrentBrier}");
        Assert.True(first.Promoted);
        Assert.Equal(first.ChallengerVersion, server.Service<FrostRiskScorer>().Version);

        var second = await retrainer.RunAsync(CancellationToken.None);

        Assert.Equal(first.ChallengerVersion, second.CurrentVersion);
        Assert.Equal(second.CurrentBrier, second.ChallengerBrier, 12);
        Assert.False(second.Promoted);
        var shown = await (await server.OperatorHttpAsync()).GetFromJsonAsync<JsonElement>("/api/ops/models");
        Assert.Equal(2, shown.GetProperty("trials").GetArrayLength());
        Assert.Equal(first.ChallengerVersion, shown.GetProperty("models")[0].GetProperty("version").GetString());
    }
}
