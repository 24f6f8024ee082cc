using System.Text.Json.Nodes;
using ClimateWarn.Core;
using ClimateWarn.Core.Hazards;
using ClimateWarn.Core.Hazards.Frost;
using ClimateWarn.Core.Hazards.Gale;
using ClimateWarn.Core.Warnings;
using ClimateWarn.Server.Assess.Rules;
using ClimateWarn.Server.Configuration;
using ClimateWarn.Server.Tests.Support;
using ClimateWarn.Server.Warn;

namespace ClimateWarn.Server.Tests.Warn;

/// <summary>The bureau's own wording of warning texts (config/templates/), checked at start-up like the guidance.</summary>
public sealed class TemplateTests
{
    private static readonly HazardTable Table = HazardConfigLoader.Load(Repo.Config, "ningxia").Table;

    private static Warning Compose(MessageTemplates templates, string hazard, SignalLevel level, double value)
    {
        var composer = new WarningComposer(TestPlaces.Catalog, GuidanceLoader.Load(Repo.Config, Table), TestPlaces.Hazards, TimeZones.Shanghai, templates);
        var now = new DateTimeOffset(2021, 3, 20, 8, 0, 0, TimeSpan.Zero);   // 16:00 Beijing time
        var signal = new HazardSignal(hazard, level, new DateTimeOffset(2021, 3, 20, 12, 0, 0, TimeSpan.Zero), new DateTimeOffset(2021, 3, 21, 0, 0, 0, TimeSpan.Zero), value, "test");
        return composer.Compose("id", 1, WarningAction.Issued, null, signal, ["640521"], now, now, ["agriculture"]);
    }

    [Fact]
    public void CommittedFrostTemplate_WordsFrost_AndGaleKeepsTheComposersSentence()
    {
        var templates = TemplateLoader.Load(Repo.Config, Table);

        var frost = Compose(templates, FrostHazard.Id, SignalLevel.Yellow, -3.6);
        var gale = Compose(templates, GaleHazard.Id, SignalLevel.Blue, 12);

        Assert.Equal("中卫市气象台2021年3月20日16时00分发布霜冻黄色预警信号：受冷空气影响，预计今天夜间到明天早晨（3月20日20时至3月21日8时），中宁县地面最低温度将降至-3.6℃，将出现霜冻，对设施农业、露地蔬菜和果树花期不利，请注意做好防霜冻工作。", frost.DescriptionZh);
        Assert.StartsWith("Zhongwei Meteorological Observatory issued the yellow frost warning signal at 2021-03-20 16:00", frost.DescriptionEn, StringComparison.Ordinal);
        Assert.Contains("，请注意防范。", gale.DescriptionZh, StringComparison.Ordinal);
        Assert.DoesNotContain("受冷空气影响", gale.DescriptionZh, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("text.zh", "{observatory}发布{colour}预警", "frost.json: text.zh names {colour}, not a placeholder")]
    [InlineData("text.en", "", "frost.json: text.en is empty; a template needs both languages")]
    [InlineData("levels.red.zh", "{hazard}红色", "frost.json: levels.red: the frost thresholds have blue, yellow, orange")]
    [InlineData("hazard", "tornado", "hazard 'tornado' must be a hazard in force")]
    public void BadTemplates_RefuseStartUp_NamingFileAndField(string field, string value, string expected)
    {
        var config = Repo.CopyOfConfig();
        var path = Path.Combine(config, "templates", "frost.json");
        var node = JsonNode.Parse(File.ReadAllText(path))!;
        var parts = field.Split('.');
        var parent = node;
        foreach (var part in parts[..^1])
        {
            parent = parent[part] ??= new JsonObject();
        }

        parent[parts[^1]] = value;
        File.WriteAllText(path, node.ToJsonString());

        var refused = Assert.Throws<StartupConfigurationException>(() => TemplateLoader.Load(config, Table));

        Assert.Contains(expected, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NoTemplatesFolder_MeansTheComposersOwnWording()
    {
        var config = Repo.CopyOfConfig();
        Directory.Delete(Path.Combine(config, "templates"), recursive: true);

        var frost = Compose(TemplateLoader.Load(config, Table), FrostHazard.Id, SignalLevel.Yellow, -3.6);

        Assert.Contains("中宁县地面最低温度将降至-3.6℃，将出现霜冻，请注意防范。", frost.DescriptionZh, StringComparison.Ordinal);
    }
}
