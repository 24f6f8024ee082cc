using System.Text.Json.Nodes;
using ClimateWarn.Core.Hazards;
using ClimateWarn.Core.Hazards.FlashFlood;
using ClimateWarn.Server.Assess.Rules;
using ClimateWarn.Server.Bureau;
using ClimateWarn.Server.Configuration;
using ClimateWarn.Server.Tests.Support;
using ClimateWarn.Server.Warn;

namespace ClimateWarn.Server.Tests.Assess.Rules;

public sealed class HazardConfigLoaderTests
{
    private static readonly string[] InForce =
        ["rainstorm", "cold-wave", "gale", "heat", "frost", "blizzard", "road-icing", "fog", "haze", "sandstorm", "thunder", "hail", "drought", "flash-flood", "forest-fire"];

    /// <summary>Edits one value of config/hazards/&lt;slug&gt;.json in a copy of the configuration.</summary>
    private static string WithEdit(string slug, Action<JsonNode> edit)
    {
        var config = Repo.CopyOfConfig();
        var path = Path.Combine(config, "hazards", slug + ".json");
        var json = JsonNode.Parse(File.ReadAllText(path), documentOptions: new System.Text.Json.JsonDocumentOptions { CommentHandling = System.Text.Json.JsonCommentHandling.Skip })!;
        edit(json);
        File.WriteAllText(path, json.ToJsonString());
        return config;
    }

    [Fact]
    public void Load_ShippedConfiguration_EveryEnabledSignalInForce_TyphoonDisabled()
    {
        var hazards = HazardConfigLoader.Load(Repo.Config, "ningxia");

        Assert.Equal(InForce, hazards.Table.Rules.Select(r => r.Slug));
        Assert.Equal(["typhoon"], hazards.Disabled);
        Assert.True(hazards.Registry.TryGet("typhoon", out _));
        Assert.Equal("2026.1/national", hazards.Table.Rule("fog").Version);
        Assert.Equal([SignalLevel.Orange, SignalLevel.Red], hazards.Table.Rule("hail").ConfiguredLevels);
        Assert.Equal(["health", "emergency"], hazards.Audiences["sandstorm"]);
    }

    [Fact]
    public void Load_DisabledHazard_IsNotAssessedAndNeedsNoGuidance()
    {
        var hazards = HazardConfigLoader.Load(Repo.Config, "ningxia");

        Assert.Throws<KeyNotFoundException>(() => hazards.Table.Rule("typhoon"));
        Assert.False(File.Exists(Path.Combine(Repo.Config, "guidance", "typhoon.json")));
        var guidance = GuidanceLoader.Load(Repo.Config, hazards.Table);
        Assert.False(guidance.Has("typhoon", SignalLevel.Blue));
        Assert.True(guidance.Has("hail", SignalLevel.Orange));
    }

    [Fact]
    public void Load_TyphoonEnabled_IsInForceAndThenNeedsItsGuidance()
    {
        var config = WithEdit("typhoon", j => j["enabled"] = true);

        var hazards = HazardConfigLoader.Load(config, "ningxia");
        var ex = Assert.Throws<StartupConfigurationException>(() => GuidanceLoader.Load(config, hazards.Table));

        Assert.Contains("typhoon", hazards.Table.Rules.Select(r => r.Slug));
        Assert.Empty(hazards.Disabled);
        Assert.Contains(Path.Combine("guidance", "typhoon.json") + ": file not found", ex.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string, string> BadTables => new()
    {
        { "fog", "levels.orange.visibilityBelowM", "600", "config/hazards/fog.json tables.national: levels.orange.visibilityBelowM = 600 is milder than yellow (500)" },
        { "blizzard", "levels.red.atLeastMm", "-15", "config/hazards/blizzard.json tables.national: levels.red.atLeastMm = -15 is outside the allowed range" },
        { "road-icing", "temperatureAtMostC", "9", "config/hazards/road-icing.json tables.national: temperatureAtMostC = 9 is outside the allowed range [-10, 5]" },
        { "sandstorm", "dust.humidityBelowPct", "150", "config/hazards/sandstorm.json tables.national: dust.humidityBelowPct = 150 is outside the allowed range [0, 100]" },
        { "flash-flood", "antecedentDecay", "1.5", "config/hazards/flash-flood.json tables.national: antecedentDecay = 1.5 is outside the allowed range (0, 1]" },
        { "flash-flood", "districts.640522.levels.red.anyOf", """[{ "hours": 3, "atLeastMm": 30 }]""", "config/hazards/flash-flood.json tables.national: districts.640522.levels.red.anyOf[0] = 30 mm in 3 h is milder than orange" },
        { "forest-fire", "index.maxWindMs.bounds", "[ 1.5, 3.3, 3.0, 7.9, 10.7, 13.8, 17.1 ]", "config/hazards/forest-fire.json tables.national: index.maxWindMs.bounds[2] = 3 is not above bounds[1] = 3.3: bounds must ascend" },
        { "forest-fire", "index.rainCorrectionMm.bounds", "[ 0.05, 10, 17, 25, 38, 75 ]", "config/hazards/forest-fire.json tables.national: index.rainCorrectionMm: a dry day (rain below dryBelowMm = 0.1) must score 0" },
        { "forest-fire", "index.maxWindMs.inclusive", "\"below\"", "config/hazards/forest-fire.json tables.national: index.maxWindMs.inclusive = 'below' is neither 'upper'" },
        { "forest-fire", "levels.red.gradeAtLeast", "3", "config/hazards/forest-fire.json tables.national: levels.red.gradeAtLeast = 3 is milder than orange" },
        { "thunder", "levels.orange.withinHours", "12", "config/hazards/thunder.json tables.national: levels.orange.withinHours = 12 is milder than yellow (6)" },
    };

    [Theory]
    [MemberData(nameof(BadTables))]
    public void Load_BadTable_IsRefusedNamingFileFieldAndValue(string slug, string field, string value, string expected)
    {
        var config = WithEdit(slug, j =>
        {
            var node = j["tables"]!["national"]!;
            var parts = field.Split('.');
            foreach (var part in parts[..^1])
            {
                node = node[part]!;
            }

            node[parts[^1]] = JsonNode.Parse(value);
        });

        var ex = Assert.Throws<StartupConfigurationException>(() => HazardConfigLoader.Load(config, "ningxia"));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("hail", "yellow", "hail.json")]
    [InlineData("fog", "blue", "fog.json")]
    public void Load_LevelTheHazardLacks_IsRefusedNamingFileAndLevel(string slug, string level, string file)
    {
        var config = WithEdit(slug, j => j["tables"]!["national"]!["levels"]![level] = JsonNode.Parse(slug == "hail" ? """{ "withinHours": 12 }""" : """{ "visibilityBelowM": 1000, "withinHours": 24 }"""));

        var ex = Assert.Throws<StartupConfigurationException>(() => HazardConfigLoader.Load(config, "ningxia"));

        Assert.Contains($"config/hazards/{file} tables.national: levels.{level}: this hazard has no {level} level", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DistrictTables_NamingADistrictTheBureauLacks_AreRefusedNamingFileFieldAndDistrict()
    {
        var config = WithEdit("flash-flood", j => j["tables"]!["national"]!["districts"]!["640599"] = JsonNode.Parse("""{ "levels": { "blue": { "anyOf": [ { "hours": 3, "atLeastMm": 15 } ] } } }"""));
        var hazards = HazardConfigLoader.Load(config, "ningxia");

        var ex = Assert.Throws<StartupConfigurationException>(() => HazardConfigLoader.CheckDistricts(hazards, PlacesLoader.Load(config)));

        Assert.Contains("config/hazards/flash-flood.json tables.national: districts names 640599, which is not a configured district (640502, 640521, 640522)", ex.Message, StringComparison.Ordinal);
        HazardConfigLoader.CheckDistricts(HazardConfigLoader.Load(Repo.Config, "ningxia"), PlacesLoader.Load(Repo.Config));

        var fire = WithEdit("forest-fire", j => j["tables"]!["national"]!["signalDistricts"] = JsonNode.Parse("""[ "640522", "620402" ]"""));
        var refused = Assert.Throws<StartupConfigurationException>(() => HazardConfigLoader.CheckDistricts(HazardConfigLoader.Load(fire, "ningxia"), PlacesLoader.Load(fire)));
        Assert.Contains("config/hazards/forest-fire.json tables.national: signalDistricts names 620402, which is not a configured district", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ShippedFlashFloodTables_ArePlaceholdersSaidSo_ExposedDistrictsWarnOnLessRain_BaiyinHasOnlyTheDefault()
    {
        var flood = HazardConfigLoader.Load(Repo.Config, "ningxia").Table.Thresholds<FlashFloodThresholds>("flash-flood");

        Assert.Contains("PLACEHOLDERS, NOT OFFICIAL", File.ReadAllText(Path.Combine(Repo.Config, "hazards", "flash-flood.json")), StringComparison.Ordinal);
        Assert.Equal(["640521", "640522"], flood.Districts!.Keys.Order(StringComparer.Ordinal));
        foreach (var district in new[] { "640521", "640522" })
        {
            // Haiyuan and Zhongning are the exposed counties: whenever the default table reaches a level, theirs does too
            // (each default criterion has one of theirs with a window at least as long needing strictly less rain).
            var own = flood.For(district).Ascending().ToDictionary(l => l.Level, l => l.Criteria.AnyOf);
            foreach (var (level, criteria) in flood.Levels.Ascending())
            {
                Assert.All(criteria.AnyOf, c => Assert.Contains(own[level], o => o.Hours >= c.Hours && o.AtLeastMm < c.AtLeastMm));
            }
        }

        Assert.Same(flood.Levels, flood.For("640502"));
        var baiyin = Path.Combine(Repo.Root, "config-examples", "baiyin");
        var example = HazardConfigLoader.Load(baiyin, "ningxia").Table.Thresholds<FlashFloodThresholds>("flash-flood");
        Assert.Null(example.Districts);
        Assert.Contains("PLACEHOLDERS, NOT OFFICIAL", File.ReadAllText(Path.Combine(baiyin, "hazards", "flash-flood.json")), StringComparison.Ordinal);
    }

    [Fact]
    public void Load_UnknownField_IsRefusedNamingTheFile()
    {
        var config = WithEdit("haze", j => j["tables"]!["national"]!["levels"]!["red"]!["visibiltyBelowM"] = 1000);

        var ex = Assert.Throws<StartupConfigurationException>(() => HazardConfigLoader.Load(config, "ningxia"));

        Assert.Contains(Path.Combine("hazards", "haze.json") + ": tables.national", ex.Message, StringComparison.Ordinal);
        Assert.Contains("visibiltyBelowM", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_EnabledNotABoolean_IsRefusedNamingTheFile()
    {
        var config = WithEdit("typhoon", j => j["enabled"] = "no");

        var ex = Assert.Throws<StartupConfigurationException>(() => HazardConfigLoader.Load(config, "ningxia"));

        Assert.Contains(Path.Combine("hazards", "typhoon.json"), ex.Message, StringComparison.Ordinal);
    }
}
