using System.Text.Json.Nodes;
using ClimateWarn.Server.Configuration;
using ClimateWarn.Server.Hosting;
using ClimateWarn.Server.Tests.Support;
using Microsoft.Extensions.Configuration;

namespace ClimateWarn.Server.Tests.Hosting;

/// <summary>An impossible configuration refuses start-up and names the field and the value.</summary>
public sealed class StartupRefusalTests
{
    private static StartupConfigurationException Refusal(string config)
    {
        var data = Repo.TempDirectory();
        return Assert.Throws<StartupConfigurationException>(() => ClimateWarnHost.Create([], b =>
            b.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Paths:Config"] = config, ["Paths:Data"] = data })));
    }

    private static void EditJson(string path, Action<JsonNode> edit)
    {
        var node = JsonNode.Parse(File.ReadAllText(path))!;
        edit(node);
        File.WriteAllText(path, node.ToJsonString());
    }

    [Fact]
    public void NegativeRainfall_IsRefused()
    {
        var config = Repo.CopyOfConfig();
        EditJson(Path.Combine(config, "hazards", "rainstorm.json"), n => n["tables"]!["ningxia"]!["levels"]!["blue"]!["anyOf"]![0]!["atLeastMm"] = -50);

        var ex = Refusal(config);

        Assert.Contains("config/hazards/rainstorm.json tables.ningxia: levels.blue.anyOf[0].atLeastMm = -50", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OrangeFrostMilderThanYellow_IsRefused()
    {
        var config = Repo.CopyOfConfig();
        EditJson(Path.Combine(config, "hazards", "frost.json"), n => n["tables"]!["ningxia"]!["levels"]!["orange"]!["groundMinBelowC"] = -2);

        var ex = Refusal(config);

        Assert.Contains("frost.json tables.ningxia: levels.orange.groundMinBelowC = -2 is milder than yellow (-3)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LevelTheHazardDoesNotHave_IsRefused()
    {
        var config = Repo.CopyOfConfig();
        EditJson(Path.Combine(config, "hazards", "frost.json"), n => n["tables"]!["ningxia"]!["levels"]!["red"] = new JsonObject { ["groundMinBelowC"] = -8, ["withinHours"] = 24 });

        Assert.Contains("levels.red: this hazard has no red level", Refusal(config).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MisspelledThresholdField_IsRefused()
    {
        var config = Repo.CopyOfConfig();
        EditJson(Path.Combine(config, "hazards", "gale.json"), n => n["tables"]!["national"]!["levels"]!["blue"]!["meanAtLeastMps"] = 10.8);

        Assert.Contains("meanAtLeastMps", Refusal(config).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TownshipOfUnknownDistrict_IsRefused()
    {
        var config = Repo.CopyOfConfig();
        File.AppendAllText(Path.Combine(config, "townships.csv"), "640599100,\"某某镇\",640599,64,6405\n");

        var ex = Refusal(config);

        Assert.Contains("township 640599100", ex.Message, StringComparison.Ordinal);
        Assert.Contains("areaCode 640599", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingBoundaryFile_IsRefused()
    {
        var config = Repo.CopyOfConfig();
        File.Delete(Path.Combine(config, "boundaries", "zhongwei_640500.geojson"));

        Assert.Contains("boundary file not found", Refusal(config).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownAudience_IsRefused()
    {
        var config = Repo.CopyOfConfig();
        EditJson(Path.Combine(config, "hazards", "heat.json"), n => n["audiences"]![0] = "tourism");

        Assert.Contains("audiences contains 'tourism'", Refusal(config).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingGuidanceForALevel_IsRefused()
    {
        var config = Repo.CopyOfConfig();
        EditJson(Path.Combine(config, "guidance", "frost.json"), n => n["levels"]!.AsObject().Remove("orange"));

        Assert.Contains("levels.orange is missing", Refusal(config).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_WithRefusedConfiguration_ExitsWithConfigurationErrorCode()
    {
        var config = Repo.CopyOfConfig();
        File.Delete(Path.Combine(config, "districts.json"));

        var error = new StringWriter();

        var code = await Commands.RunAsync([$"--Paths:Config={config}", $"--Paths:Data={Repo.TempDirectory()}"], error: error);

        Assert.Equal(ExitCodes.ConfigurationError, code);
        Assert.Contains("districts.json", error.ToString(), StringComparison.Ordinal);
    }
}
