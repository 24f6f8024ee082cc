using System.Text.Json.Nodes;
using ClimateWarn.Server.Assess.Rules;
using ClimateWarn.Server.Bureau;
using ClimateWarn.Server.Configuration;
using ClimateWarn.Server.Hosting;
using ClimateWarn.Server.Tests.Support;
using ClimateWarn.Server.Warn;
using Microsoft.Extensions.Configuration;

namespace ClimateWarn.Server.Tests.Bureau;

/// <summary>The bureau's advice texts are checked at start-up like the guidance: a gap names the file, the entry and the level.</summary>
public sealed class AdviceLoaderTests
{
    private static readonly Lazy<ClimateWarn.Core.Warnings.GuidanceCatalog> Guidance = new(() =>
        GuidanceLoader.Load(Repo.Config, HazardConfigLoader.Load(Repo.Config, new HazardOptions().Table).Table));

    [Fact]
    public void CommittedAdvice_CoversEveryCropGroupHazardAndLevel()
    {
        var advice = AdviceLoader.Load(Repo.Config, Guidance.Value);

        Assert.Equal(["apple", "goji", "grain", "grape", "greenhouse", "melon"], advice.Crops.Keys.Order());
        Assert.Equal(["children", "elderly", "respiratory"], advice.Groups.Keys.Order());
        Assert.Equal("枸杞", advice.Crops["goji"].NameZh);
        Assert.Contains("project's own", advice.CropsNote, StringComparison.Ordinal);
        Assert.Contains("project's own", advice.HealthNote, StringComparison.Ordinal);
        Assert.DoesNotContain("frost", advice.HazardNames.Keys); // named by its definition
        Assert.DoesNotContain("drought", advice.HazardNames.Keys); // has a rule since issue 13, so its definition names it
    }

    [Theory]
    [InlineData("crops.json", "crops.goji.advice.frost.orange", "crops.json: crops.goji.advice.frost.orange needs zh and en text")]
    [InlineData("health.json", "groups.children.advice.heat.red", "health.json: groups.children.advice.heat.red needs zh and en text")]
    public void MissingAdvice_RefusesStartUp_NamingTheEntry(string file, string path, string expected)
    {
        var config = Repo.CopyOfConfig();
        Edit(Path.Combine(config, "advice", file), path, remove: true);

        var ex = Assert.Throws<StartupConfigurationException>(() => AdviceLoader.Load(config, Guidance.Value));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AHazardWithoutARule_NeedsItsName()
    {
        var config = Repo.CopyOfConfig();
        var path = Path.Combine(config, "advice", "crops.json");
        var node = JsonNode.Parse(File.ReadAllText(path))!;
        node["hazards"]!["test-unruled"] = new JsonArray("orange");
        File.WriteAllText(path, node.ToJsonString());

        var message = Assert.Throws<StartupConfigurationException>(() => AdviceLoader.Load(config, Guidance.Value)).Message;

        Assert.Contains("crops.json: hazards.test-unruled has no rule in force, so names.test-unruled needs zh and en", message, StringComparison.Ordinal);
    }

    [Fact]
    public void FrostWithoutItsYellowLevel_IsRefused()
    {
        var config = Repo.CopyOfConfig();
        var path = Path.Combine(config, "advice", "crops.json");
        var node = JsonNode.Parse(File.ReadAllText(path))!;
        node["hazards"]!["frost"] = new JsonArray("blue", "orange", "purple");
        File.WriteAllText(path, node.ToJsonString());

        var message = Assert.Throws<StartupConfigurationException>(() => AdviceLoader.Load(config, Guidance.Value)).Message;

        Assert.Contains("hazards.frost lacks 'yellow', but the frost thresholds have that level", message, StringComparison.Ordinal);
        Assert.Contains("hazards.frost lists 'purple', not a signal level", message, StringComparison.Ordinal);
    }

    /// <summary>The crops are the bureau's: a city that grows rice and no selenium-sand melon says so in crops.json alone.</summary>
    [Fact]
    public void CropsAreWhateverTheFileLists()
    {
        var config = Repo.CopyOfConfig();
        var path = Path.Combine(config, "advice", "crops.json");
        var node = JsonNode.Parse(File.ReadAllText(path))!;
        var crops = node["crops"]!.AsObject();
        var rice = crops["grain"]!.DeepClone();
        rice["nameZh"] = "水稻";
        rice["nameEn"] = "Rice";
        crops.Remove("melon");
        crops["rice"] = rice;
        File.WriteAllText(path, node.ToJsonString());

        var advice = AdviceLoader.Load(config, Guidance.Value);

        Assert.Equal("水稻", advice.Crops["rice"].NameZh);
        Assert.DoesNotContain("melon", advice.Crops.Keys);
    }

    [Theory]
    [InlineData("{}", "crops.json: crops is empty")]
    [InlineData("{\"Rice Paddy\": {\"nameZh\": \"水稻\", \"nameEn\": \"Rice\", \"advice\": {}}}", "crops.json: crops.Rice Paddy: a key is a slug")]
    public void NoCropsOrABadKey_IsRefused(string cropsJson, string expected)
    {
        var config = Repo.CopyOfConfig();
        var path = Path.Combine(config, "advice", "crops.json");
        var node = JsonNode.Parse(File.ReadAllText(path))!;
        node["crops"] = JsonNode.Parse(cropsJson);
        File.WriteAllText(path, node.ToJsonString());

        var message = Assert.Throws<StartupConfigurationException>(() => AdviceLoader.Load(config, Guidance.Value)).Message;

        Assert.Contains(expected, message, StringComparison.Ordinal);
    }

    [Fact]
    public void ServerWithBrokenAdvice_RefusesToStart()
    {
        var config = Repo.CopyOfConfig();
        Edit(Path.Combine(config, "advice", "health.json"), "note", remove: false);

        var ex = Assert.Throws<StartupConfigurationException>(() => ClimateWarnHost.Create([], b =>
            b.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Paths:Config"] = config, ["Paths:Data"] = Repo.TempDirectory() })));

        Assert.Contains("health.json: note is empty", ex.Message, StringComparison.Ordinal);
    }

    /// <summary>Removes the member at a dotted path, or blanks it.</summary>
    private static void Edit(string file, string dotted, bool remove)
    {
        var node = JsonNode.Parse(File.ReadAllText(file))!;
        var parts = dotted.Split('.');
        var parent = parts[..^1].Aggregate(node, (n, p) => n[p]!).AsObject();
        if (remove)
        {
            parent.Remove(parts[^1]);
        }
        else
        {
            parent[parts[^1]] = " ";
        }

        File.WriteAllText(file, node.ToJsonString());
    }
}
