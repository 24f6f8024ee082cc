using ClimateWarn.Core.Places;
using ClimateWarn.Server.Bureau;
using ClimateWarn.Server.Configuration;
using ClimateWarn.Server.Tests.Support;
using ClimateWarn.Server.Warn;

namespace ClimateWarn.Server.Tests.Bureau;

/// <summary>The CAP sender is the bureau's: from its config, overridable by Cap:Sender, never another city's by default.</summary>
public sealed class CapSenderTests
{
    private static PlaceCatalog Catalog(string? capSender) =>
        new(new CityInfo("620400", "白银市", "Baiyin", "白银市气象台", "Baiyin Meteorological Observatory", capSender), []);

    [Fact]
    public void Sender_ComesFromTheOption_ElseTheBureauConfig_ElseItsAdministrativeCode()
    {
        Assert.Equal("x.example", CapEndpoints.Sender(new CapOptions { Sender = "x.example" }, Catalog("620400416.weather.baiyin.example")).Sender);
        Assert.Equal("620400416.weather.baiyin.example", CapEndpoints.Sender(new CapOptions(), Catalog("620400416.weather.baiyin.example")).Sender);
        var bare = CapEndpoints.Sender(new CapOptions(), Catalog(null));
        Assert.Equal("620400416", bare.Sender);
        Assert.Equal("白银市气象台", bare.NameZh);
    }

    [Fact]
    public void ZhongweisConfig_NamesItsSender_AndABadOneRefusesStartUp()
    {
        Assert.Equal("640500416.weather.zhongwei.gov.cn", PlacesLoader.Load(Repo.Config).City.CapSender);

        var copy = Repo.CopyOfConfig();
        var file = Path.Combine(copy, "districts.json");
        File.WriteAllText(file, File.ReadAllText(file).Replace("640500416.weather.zhongwei.gov.cn", "zhongwei weather", StringComparison.Ordinal));
        var refused = Assert.Throws<StartupConfigurationException>(() => PlacesLoader.Load(copy));
        Assert.Contains("city.capSender = 'zhongwei weather'", refused.Message, StringComparison.Ordinal);
    }
}
