using ClimateWarn.Core.Hazards;
using ClimateWarn.Core.Places;
using ClimateWarn.Core.Warnings;
using NetTopologySuite.Geometries;
using ClimateWarn.Core.Hazards.FlashFlood;
using ClimateWarn.Core.Hazards.Frost;
using ClimateWarn.Core.Hazards.Gale;

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
        [(GaleHazard.Id, SignalLevel.Blue)] = new(["加固围板"], ["Secure hoardings"]),
        [(FlashFloodHazard.Id, SignalLevel.Blue)] = new(["关注雨情"], ["Watch the rain"]),
        [(FlashFloodHazard.Id, SignalLevel.Yellow)] = new(["准备转移"], ["Prepare to move"]),
        [(FlashFloodHazard.Id, SignalLevel.Orange)] = new(["提前转移"], ["Move early"]),
        [(FlashFloodHazard.Id, SignalLevel.Red)] = new(["立即转移"], ["Move now"]),
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

    [Theory]
    [InlineData(SignalLevel.Blue, "山洪沟道及低洼地带山洪灾害可能发生", "possible")]
    [InlineData(SignalLevel.Yellow, "山洪沟道及低洼地带山洪灾害发生可能性较大", "fairly likely")]
    [InlineData(SignalLevel.Orange, "山洪沟道及低洼地带山洪灾害发生可能性大", "likely")]
    [InlineData(SignalLevel.Red, "山洪沟道及低洼地带山洪灾害发生可能性很大", "very likely")]
    public void Compose_FlashFlood_IsAWarningNotASignal_AndSaysTheLevelsLikelihood(SignalLevel level, string likelihoodZh, string likelihoodEn)
    {
        var now = new DateTimeOffset(2021, 7, 20, 0, 0, 0, TimeSpan.Zero);
        var signal = new HazardSignal(FlashFloodHazard.Id, level, now, now.AddHours(6), 32.4, "test");

        var w = Composer.Compose("id", 1, WarningAction.Issued, null, signal, ["640521"], now, now, ["emergency"]);

        Assert.Equal($"中卫市气象台2021年7月20日08时00分发布山洪灾害气象风险{SignalLevels.Zh(level)}预警", w.HeadlineZh);
        Assert.Contains($"预警：预计", w.DescriptionZh, StringComparison.Ordinal);
        Assert.Contains($"中宁县前期有效降雨量与未来降雨合计可达32.4毫米，{likelihoodZh}，请注意防范。", w.DescriptionZh, StringComparison.Ordinal);
        Assert.EndsWith($"flash-flood meteorological risk warning at 2021-07-20 08:00 (Beijing time)", w.HeadlineEn, StringComparison.Ordinal);
        Assert.Contains($"Zhongning County can expect antecedent and forecast rain of 32.4 mm in total: flash floods in its gullies and low ground are {likelihoodEn}. Take", w.DescriptionEn, StringComparison.Ordinal);
    }

    [Fact]
    public void Compose_FlashFloodByHand_AndLifted_ReadAsARisk()
    {
        var now = new DateTimeOffset(2021, 7, 20, 0, 0, 0, TimeSpan.Zero);
        var byHand = new HazardSignal(FlashFloodHazard.Id, SignalLevel.Yellow, now, now.AddHours(6), double.NaN, "forecaster");

        var issued = Composer.Compose("id", 1, WarningAction.Issued, null, byHand, ["640521"], now, now, ["emergency"]);
        var lifted = Composer.Compose("id", 2, WarningAction.Lifted, SignalLevel.Yellow, byHand, ["640521"], now, now, ["emergency"]);

        Assert.Contains("中宁县山洪沟道及低洼地带山洪灾害发生可能性较大，请注意防范。", issued.DescriptionZh, StringComparison.Ordinal);
        Assert.Contains("Zhongning County faces a flash-flood risk: flash floods in its gullies and low ground are fairly likely.", issued.DescriptionEn, StringComparison.Ordinal);
        Assert.Equal("中卫市气象台2021年7月20日08时00分解除山洪灾害气象风险黄色预警：中宁县山洪灾害气象风险已降低。", lifted.DescriptionZh);
        Assert.Equal("The yellow flash-flood meteorological risk warning for Zhongning County is lifted: the flash-flood risk has eased.", lifted.DescriptionEn);
    }

    [Fact]
    public void Bulletin_NamesEachProduct_WhenAFlashFloodWarningStandsBesideSignals()
    {
        var now = new DateTimeOffset(2021, 7, 20, 0, 0, 0, TimeSpan.Zero);
        var registry = new HazardRegistry(BuiltInHazards.All);
        Warning Issue(string hazard, SignalLevel level, double value) =>
            Composer.Compose(hazard, 1, WarningAction.Issued, null, new HazardSignal(hazard, level, now, now.AddHours(6), value, "test"), ["640521"], now, now, []);

        var mixed = Assert.Single(BulletinComposer.Combine([Issue(FlashFloodHazard.Id, SignalLevel.Yellow, 32), Issue(GaleHazard.Id, SignalLevel.Blue, 12)], Catalog(), registry, TimeZones.Shanghai));
        var signalsOnly = Assert.Single(BulletinComposer.Combine([Issue(FrostHazard.Id, SignalLevel.Yellow, -3.6), Issue(GaleHazard.Id, SignalLevel.Blue, 12)], Catalog(), registry, TimeZones.Shanghai));

        Assert.Contains("中宁县山洪灾害气象风险黄色预警、大风蓝色预警信号正在生效（共2项）", mixed.TextZh, StringComparison.Ordinal);
        Assert.Contains("2 warning(s) in force for Zhongning County: yellow flash-flood meteorological risk warning, blue gale warning signal.", mixed.TextEn, StringComparison.Ordinal);
        Assert.Contains("中宁县霜冻黄色、大风蓝色预警信号正在生效", signalsOnly.TextZh, StringComparison.Ordinal);
        Assert.Contains("2 warning signal(s) in force for Zhongning County: yellow frost, blue gale.", signalsOnly.TextEn, StringComparison.Ordinal);
    }
}
