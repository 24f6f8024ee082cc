using ClimateWarn.Core.Hazards;
using ClimateWarn.Core.Places;
using ClimateWarn.Core.Warnings;
using NetTopologySuite.Geometries;
using ClimateWarn.Core.Hazards.Frost;

namespace ClimateWarn.Core.Tests.Warnings;

public sealed class WarningComposerTests
{
    private static readonly WarningComposer Composer = new(Catalog(), Guidance(), new HazardRegistry(BuiltInHazards.All), TimeZones.Shanghai);

    private static PlaceCatalog Catalog()
    {
        var shape = new GeometryFactory().CreatePolygon([new(105, 37), new(106, 37), new(106, 38), new(105, 38), new(105, 37)]);
        var district = new District("640521", "中宁县", "Zhongning County", new GeoPoint(105.6, 37.4), new Station("53705", "中宁", "Zhongning", null),
            shape, [new GridCell("640521-seat", "640521", new GeoPoint(105.6, 37.4), true)], []);
        return new PlaceCatalog(new CityInfo("640500", "中卫市", "Zhongwei", "中卫市气象台", "Zhongwei Meteorological Observatory"), [district]);
    }

    private static GuidanceCatalog Guidance() => new(new Dictionary<(string, SignalLevel), GuidanceText>
    {
        [(FrostHazard.Id, SignalLevel.Yellow)] = new(["灌溉农田"], ["Irrigate fields"]),
        [(FrostHazard.Id, SignalLevel.Orange)] = new(["覆盖保温"], ["Cover crops"]),
    });

    [Fact]
    public void Compose_Issue_UsesBureauWordingInBeijingTime()
    {
        var now = new DateTimeOffset(2021, 3, 20, 0, 0, 0, TimeSpan.Zero); // 08:00 Beijing time
        var signal = new HazardSignal(FrostHazard.Id, SignalLevel.Yellow, now.AddHours(12), now.AddHours(20), -3.6, "test");

        var w = Composer.Compose("id", 1, WarningAction.Issued, null, signal, ["640521"], now, now, ["agriculture"]);

        Assert.Equal("中卫市气象台2021年3月20日08时00分发布霜冻黄色预警信号", w.HeadlineZh);
        Assert.Contains("中宁县地面最低温度将降至-3.6℃", w.DescriptionZh, StringComparison.Ordinal);
        Assert.Contains("3月20日20时至3月21日4时", w.DescriptionZh, StringComparison.Ordinal);
        Assert.Equal(["灌溉农田"], w.GuidanceZh);
        Assert.Contains("yellow frost warning signal", w.HeadlineEn, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(WarningAction.Upgraded, SignalLevel.Blue, "升级")]
    [InlineData(WarningAction.Downgraded, SignalLevel.Orange, "降级")]
    [InlineData(WarningAction.Continued, SignalLevel.Yellow, "继续发布")]
    [InlineData(WarningAction.Extended, SignalLevel.Yellow, "延长")]
    public void Compose_Update_NamesTheLifecycleVerb(WarningAction action, SignalLevel previous, string verb)
    {
        var now = new DateTimeOffset(2021, 3, 20, 0, 0, 0, TimeSpan.Zero);
        var signal = new HazardSignal(FrostHazard.Id, SignalLevel.Yellow, now, now.AddHours(6), -3.6, "test");

        var w = Composer.Compose("id", 2, action, previous, signal, ["640521"], now, now, ["agriculture"]);

        Assert.Contains(verb + "霜冻黄色预警信号", w.HeadlineZh, StringComparison.Ordinal);
    }

    [Fact]
    public void Compose_UnknownDistrict_Throws()
    {
        var now = new DateTimeOffset(2021, 3, 20, 0, 0, 0, TimeSpan.Zero);
        var signal = new HazardSignal(FrostHazard.Id, SignalLevel.Yellow, now, now, -3.6, "test");

        Assert.Throws<UnknownPlaceException>(() => Composer.Compose("id", 1, WarningAction.Issued, null, signal, ["640599"], now, now, []));
    }

    [Theory]
    [InlineData(SignalLevel.Yellow, "a yellow", new[] { "agriculture" })]
    [InlineData(SignalLevel.Orange, "an orange", new[] { "agriculture", "emergency" })]
    public void Compose_OrangeAndRedAlsoGoToTheEmergencyWatch_AndReadWellInEnglish(SignalLevel level, string article, string[] audiences)
    {
        var now = new DateTimeOffset(2021, 3, 20, 0, 0, 0, TimeSpan.Zero);
        var signal = new HazardSignal(FrostHazard.Id, level, now, now.AddHours(6), -5.2, "test");

        var w = Composer.Compose("id", 1, WarningAction.Issued, null, signal, ["640521"], now, now, ["agriculture"]);

        Assert.Equal(audiences, w.Audiences);
        Assert.Contains($"issued {article} ", w.HeadlineEn, StringComparison.Ordinal);
    }
}
