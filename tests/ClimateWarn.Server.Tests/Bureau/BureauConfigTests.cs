using System.Text.Json.Nodes;
using ClimateWarn.Server.Bureau;
using ClimateWarn.Server.Configuration;
using ClimateWarn.Server.Tests.Support;

namespace ClimateWarn.Server.Tests.Bureau;

/// <summary>What a bureau is beside its districts: title, languages, default district, an optional township list.</summary>
public sealed class BureauConfigTests
{
    [Fact]
    public void Defaults_AreDerivedFromTheCity()
    {
        var city = PlacesLoader.Load(Path.Combine(Repo.Root, "config-examples", "baiyin")).City;

        Assert.Equal("白银市气候灾害预警", city.TitleZh);
        Assert.Equal("Baiyin climate-hazard warnings", city.TitleEn);
        Assert.Equal(["zh", "en"], city.Languages);
        Assert.Equal("620402", city.DefaultDistrict);   // the first district
    }

    [Fact]
    public void TitlesLanguagesAndDefaultDistrict_AreTaken_FromTheCity()
    {
        var config = Edit(city =>
        {
            city["titleZh"] = "中宁县气象灾害预警";
            city["titleEn"] = "Zhongning hazard warnings";
            city["languages"] = new JsonArray("zh");
            city["defaultDistrict"] = "640522";
        });

        var loaded = PlacesLoader.Load(config).City;

        Assert.Equal("中宁县气象灾害预警", loaded.TitleZh);
        Assert.Equal("Zhongning hazard warnings", loaded.TitleEn);
        Assert.Equal(["zh"], loaded.Languages);
        Assert.Equal("640522", loaded.DefaultDistrict);
    }

    [Theory]
    [InlineData("languages", "[\"zh\", \"fr\"]", "city.languages = [zh, fr]: list \"zh\", \"en\" or both")]
    [InlineData("languages", "[]", "city.languages = []")]
    [InlineData("defaultDistrict", "\"620402\"", "city.defaultDistrict = '620402' is not a configured district (640502, 640521, 640522)")]
    [InlineData("observatoryZh", "\" \"", "city.observatoryZh is missing")]
    public void ImpossibleCityValues_RefuseStartUp_NamingTheField(string field, string json, string expected)
    {
        var config = Edit(city => city[field] = JsonNode.Parse(json));

        var refused = Assert.Throws<StartupConfigurationException>(() => PlacesLoader.Load(config));

        Assert.Contains(expected, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutATownshipFile_TheDistrictsHaveNone()
    {
        var config = Repo.CopyOfConfig();
        var file = Path.Combine(config, "districts.json");
        var node = JsonNode.Parse(File.ReadAllText(file))!;
        node.AsObject().Remove("townshipFile");
        File.WriteAllText(file, node.ToJsonString());

        var places = PlacesLoader.Load(config);

        Assert.Equal(3, places.Districts.Count);
        Assert.All(places.Districts, d => Assert.Empty(d.Townships));
    }

    private static string Edit(Action<JsonNode> city)
    {
        var config = Repo.CopyOfConfig();
        var file = Path.Combine(config, "districts.json");
        var node = JsonNode.Parse(File.ReadAllText(file))!;
        city(node["city"]!);
        File.WriteAllText(file, node.ToJsonString());
        return config;
    }
}
