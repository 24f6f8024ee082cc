using System.Text.RegularExpressions;
using System.Xml.Linq;
using ClimateWarn.Core;
using ClimateWarn.Core.Cap;
using ClimateWarn.Core.Hazards;
using ClimateWarn.Core.Warnings;
using ClimateWarn.Server.Assess.Rules;
using ClimateWarn.Server.Tests.Support;
using ClimateWarn.Server.Warn;
using ClimateWarn.Core.Hazards.Frost;

namespace ClimateWarn.Server.Tests.Warn;

public sealed partial class CapDocumentTests
{
    private static readonly XNamespace Cap = CapDocument.Ns;
    private static readonly CapSender Sender = new("640500416.weather.zhongwei.gov.cn", "中卫市气象台", "Zhongwei Meteorological Observatory");

    [GeneratedRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$")]
    private static partial Regex CapTime();

    /// <summary>Issue → upgrade → upgrade → downgrade → lift, as the warning board produces them.</summary>
    private static List<Warning> Lifecycle()
    {
        var guidance = GuidanceLoader.Load(Repo.Config, HazardConfigLoader.Load(Repo.Config, "ningxia").Table);
        var composer = new WarningComposer(TestPlaces.Catalog, guidance, TestPlaces.Hazards, TimeZones.Shanghai);
        var t0 = new DateTimeOffset(2021, 3, 17, 6, 0, 0, TimeSpan.Zero);
        (WarningAction Action, SignalLevel Level, SignalLevel? Previous, int Hours)[] steps =
        [
            (WarningAction.Issued, SignalLevel.Blue, null, 0),
            (WarningAction.Upgraded, SignalLevel.Yellow, SignalLevel.Blue, 63),
            (WarningAction.Upgraded, SignalLevel.Orange, SignalLevel.Yellow, 66),
            (WarningAction.Downgraded, SignalLevel.Yellow, SignalLevel.Orange, 93),
            (WarningAction.Lifted, SignalLevel.Yellow, SignalLevel.Yellow, 117),
        ];
        return [.. steps.Select((s, i) =>
        {
            var now = t0.AddHours(s.Hours);
            var signal = new HazardSignal(FrostHazard.Id, s.Level, now.AddHours(12), now.AddHours(15), -3.8, "test");
            return composer.Compose("64052141611000_20210317140000", i + 1, s.Action, s.Previous, signal, ["640521"], t0, now, ["agriculture"]);
        })];
    }

    [Fact]
    public void OfficialExample_Validates() =>
        Assert.Empty(CapSchema.Errors(XDocument.Load(Path.Combine(Repo.Root, "data", "cap", "cap_1.2_example_amber_alert.xml"))));

    [Fact]
    public void DocumentWithoutSender_FailsValidation()
    {
        var doc = CapEndpoints.Build(Lifecycle(), 0, TestPlaces.Catalog, TestPlaces.Hazards, Sender);
        doc.Root!.Element(Cap + "sender")!.Remove();

        Assert.NotEmpty(CapSchema.Errors(doc));
    }

    [Fact]
    public void EveryLifecycleStep_ValidatesWithTheRightTypeReferencesAndTimes()
    {
        var messages = Lifecycle();
        var identifiers = new List<(string Identifier, string Sent)>();
        string[] expectedTypes = ["Alert", "Update", "Update", "Update", "Cancel"];
        for (var i = 0; i < messages.Count; i++)
        {
            var doc = CapEndpoints.Build(messages, i, TestPlaces.Catalog, TestPlaces.Hazards, Sender);
            var alert = doc.Root!;

            Assert.Empty(CapSchema.Errors(doc));
            Assert.Equal(expectedTypes[i], alert.Element(Cap + "msgType")!.Value);
            var references = alert.Element(Cap + "references")?.Value.Split(' ') ?? [];
            Assert.Equal(identifiers.Select(x => $"{Sender.Sender},{x.Identifier},{x.Sent}"), references);
            foreach (var time in alert.Descendants().Where(e => e.Name.LocalName is "sent" or "effective" or "onset" or "expires"))
            {
                Assert.Matches(CapTime(), time.Value);
                Assert.EndsWith("+08:00", time.Value, StringComparison.Ordinal);
            }

            Assert.Matches(@"^640521416\d{5}_\d{14}$", alert.Element(Cap + "identifier")!.Value);
            Assert.Equal(["zh-CN", "en-US"], alert.Elements(Cap + "info").Select(e => e.Element(Cap + "language")!.Value));
            identifiers.Add((alert.Element(Cap + "identifier")!.Value, alert.Element(Cap + "sent")!.Value));
        }
    }

    [Theory]
    [InlineData(0, "Minor")]
    [InlineData(1, "Moderate")]
    [InlineData(2, "Severe")]
    public void Severity_FollowsTheColour(int step, string severity)
    {
        var doc = CapEndpoints.Build(Lifecycle(), step, TestPlaces.Catalog, TestPlaces.Hazards, Sender);

        Assert.All(doc.Root!.Elements(Cap + "info"), i => Assert.Equal(severity, i.Element(Cap + "severity")!.Value));
    }

    [Fact]
    public void Area_HasTheDistrictPolygonClosedAndItsAdminCode()
    {
        var doc = CapEndpoints.Build(Lifecycle(), 0, TestPlaces.Catalog, TestPlaces.Hazards, Sender);
        var area = doc.Root!.Element(Cap + "info")!.Element(Cap + "area")!;

        Assert.Equal("中宁县", area.Element(Cap + "areaDesc")!.Value);
        Assert.Equal("640521", area.Element(Cap + "geocode")!.Element(Cap + "value")!.Value);
        var pairs = area.Element(Cap + "polygon")!.Value.Split(' ');
        Assert.True(pairs.Length >= 4);
        Assert.Equal(pairs[0], pairs[^1]);
        // Latitude first, then longitude (CAP's order, the reverse of GeoJSON's).
        Assert.All(pairs, p =>
        {
            var latLon = p.Split(',').Select(x => double.Parse(x, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            Assert.InRange(latLon[0], 35.5, 38.5);
            Assert.InRange(latLon[1], 104, 107);
        });
    }

    [Fact]
    public void Cancel_SaysAllClear()
    {
        var doc = CapEndpoints.Build(Lifecycle(), 4, TestPlaces.Catalog, TestPlaces.Hazards, Sender);

        Assert.All(doc.Root!.Elements(Cap + "info"), i => Assert.Equal("AllClear", i.Element(Cap + "responseType")!.Value));
    }
}
