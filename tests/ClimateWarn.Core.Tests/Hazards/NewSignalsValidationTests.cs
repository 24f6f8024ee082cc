using ClimateWarn.Core.Hazards;
using ClimateWarn.Core.Hazards.Blizzard;
using ClimateWarn.Core.Hazards.Fog;
using ClimateWarn.Core.Hazards.Haze;
using ClimateWarn.Core.Hazards.RoadIcing;
using ClimateWarn.Core.Hazards.Sandstorm;

namespace ClimateWarn.Core.Tests.Hazards;

/// <summary>The tables of the signals added for issue 13: the official ones pass, levels a hazard lacks and mild or absurd numbers are refused.</summary>
public sealed class NewSignalsValidationTests
{
    private static readonly HazardRegistry Registry = new(BuiltInHazards.All);

    [Fact]
    public void Validate_OfficialTables_HaveNoProblems()
    {
        Assert.Empty(Registry.Get("blizzard").Validate(Tables.Blizzard(), "blizzard"));
        Assert.Empty(Registry.Get("road-icing").Validate(Tables.RoadIcing(), "road-icing"));
        Assert.Empty(Registry.Get("fog").Validate(Tables.Fog(), "fog"));
        Assert.Empty(Registry.Get("haze").Validate(Tables.Haze(), "haze"));
        Assert.Empty(Registry.Get("sandstorm").Validate(Tables.Sandstorm(), "sandstorm"));
        Assert.Empty(Registry.Get("thunder").Validate(Tables.Thunder(), "thunder"));
        Assert.Empty(Registry.Get("hail").Validate(Tables.Hail(), "hail"));
    }

    public static TheoryData<string, IHazardThresholds, string> LevelsTheyLack => new()
    {
        { "road-icing", Tables.RoadIcing() with { Levels = new() { Blue = new(24), Yellow = new(12) } }, "blue" },
        { "fog", Tables.Fog() with { Levels = new() { Blue = new(1000, 24), Yellow = new(500, 12) } }, "blue" },
        { "haze", new HazeThresholds(new() { Blue = new(24, [new(5000, HumidityBelowPct: 80)]) }), "blue" },
        { "sandstorm", Tables.Sandstorm() with { Levels = new() { Blue = new(5000, 24) } }, "blue" },
        { "thunder", new LeadTimeThresholds(new() { Blue = new(12) }), "blue" },
        { "hail", new LeadTimeThresholds(new() { Blue = new(12) }), "blue" },
        { "hail", new LeadTimeThresholds(new() { Yellow = new(12), Orange = new(6) }), "yellow" },
    };

    [Theory]
    [MemberData(nameof(LevelsTheyLack))]
    public void Validate_LevelTheHazardDoesNotHave_IsRefused(string slug, IHazardThresholds thresholds, string level)
    {
        var problems = Registry.Get(slug).Validate(thresholds, slug);

        Assert.Contains(problems, p => p.StartsWith($"{slug}.levels.{level}: this hazard has no {level} level (it has ", StringComparison.Ordinal));
    }

    public static TheoryData<string, IHazardThresholds, string> BadNumbers => new()
    {
        { "blizzard", new BlizzardThresholds(new() { Yellow = new(12, 6), Orange = new(12, 5) }), "blizzard.levels.orange = 5 mm in 12 h is milder than yellow (6 mm in 12 h)" },
        { "blizzard", new BlizzardThresholds(new() { Blue = new(12, -4) }), "blizzard.levels.blue.atLeastMm = -4 is outside the allowed range" },
        { "road-icing", Tables.RoadIcing() with { Levels = new() { Yellow = new(6), Orange = new(12) } }, "road-icing.levels.orange.withinHours = 12 is milder than yellow (6)" },
        { "road-icing", Tables.RoadIcing() with { TemperatureAtMostC = 8 }, "road-icing.temperatureAtMostC = 8 is outside the allowed range [-10, 5]" },
        { "road-icing", Tables.RoadIcing() with { PrecipitationAboveMm = -1 }, "road-icing.precipitationAboveMm = -1 is outside the allowed range [0, 10]" },
        { "fog", Tables.Fog() with { Levels = new() { Yellow = new(500, 12), Orange = new(600, 6) } }, "fog.levels.orange.visibilityBelowM = 600 is milder than yellow (500)" },
        { "fog", Tables.Fog() with { HumidityAtLeastPct = 120 }, "fog.humidityAtLeastPct = 120 is outside the allowed range [0, 100]" },
        { "haze", new HazeThresholds(new() { Yellow = new(24, []) }), "haze.levels.yellow.anyOf: at least one criterion is needed" },
        { "haze", new HazeThresholds(new() { Yellow = new(24, [new(3000, HumidityBelowPct: 80)]), Orange = new(24, [new(4000, HumidityBelowPct: 80)]) }), "haze.levels.orange.anyOf[0] = vis <4000 m, RH <80 % is milder than yellow" },
        { "haze", new HazeThresholds(new() { Yellow = new(24, [new(5000, Pm25AboveUgM3: -1)]) }), "haze.levels.yellow.anyOf[0].pm25AboveUgM3 = -1 is outside the allowed range" },
        { "sandstorm", Tables.Sandstorm() with { Dust = new DustEvidence(-5, 8, 60) }, "sandstorm.dust.pm10AboveUgM3 = -5 is outside the allowed range" },
        { "sandstorm", Tables.Sandstorm() with { Dust = new DustEvidence(800, 8, 160) }, "sandstorm.dust.humidityBelowPct = 160 is outside the allowed range [0, 100]" },
        { "thunder", new LeadTimeThresholds(new() { Yellow = new(0) }), "thunder.levels.yellow.withinHours = 0 is outside the allowed range [1, 72]" },
    };

    [Theory]
    [MemberData(nameof(BadNumbers))]
    public void Validate_ImpossibleOrMilderNumbers_AreRefusedNamingFieldAndValue(string slug, IHazardThresholds thresholds, string expected)
    {
        var problems = Registry.Get(slug).Validate(thresholds, slug);

        Assert.Contains(problems, p => p.StartsWith(expected, StringComparison.Ordinal));
    }
}
