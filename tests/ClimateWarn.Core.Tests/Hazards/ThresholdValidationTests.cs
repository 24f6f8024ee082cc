using ClimateWarn.Core.Hazards;
using ClimateWarn.Core.Hazards.Frost;
using ClimateWarn.Core.Hazards.Heat;
using ClimateWarn.Core.Hazards.Rainstorm;

namespace ClimateWarn.Core.Tests.Hazards;

public sealed class ThresholdValidationTests
{
    [Fact]
    public void Validate_OfficialTables_HaveNoProblems()
    {
        Assert.Empty(Tables.RainNational().Validate("rainstorm"));
        Assert.Empty(Tables.RainNingxia().Validate("rainstorm"));
        Assert.Empty(Tables.Frost().Validate("frost"));
        Assert.Empty(Tables.Gale().Validate("gale"));
        Assert.Empty(Tables.ColdWave().Validate("cold-wave"));
        Assert.Empty(Tables.Heat().Validate("heat"));
    }

    [Fact]
    public void Validate_NegativeRainfall_NamesFieldAndValue()
    {
        var t = new RainstormThresholds(new LevelTable<RainstormLevel> { Blue = new([new(12, -50)]), Yellow = new([new(6, 50)]) });

        var problem = Assert.Single(t.Validate("rainstorm"));

        Assert.Contains("rainstorm.levels.blue.anyOf[0].atLeastMm = -50", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_OrangeRainMilderThanYellow_IsRefused()
    {
        var t = new RainstormThresholds(new LevelTable<RainstormLevel> { Yellow = new([new(6, 50)]), Orange = new([new(6, 40)]) });

        var problem = Assert.Single(t.Validate("rainstorm"));

        Assert.Contains("levels.orange.anyOf[0] = 40 mm in 6 h is milder than yellow (50 mm in 6 h)", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_OrangeFrostMilderThanYellow_IsRefused()
    {
        var t = Tables.Frost() with { Levels = new LevelTable<FrostLevel> { Blue = new(0, 48), Yellow = new(-3, 24), Orange = new(-2, 24) } };

        var problem = Assert.Single(t.Validate("frost"));

        Assert.Contains("frost.levels.orange.groundMinBelowC = -2 is milder than yellow (-3)", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_LevelTheHazardDoesNotHave_IsRefused()
    {
        var frost = Tables.Frost() with { Levels = new LevelTable<FrostLevel> { Blue = new(0, 48), Red = new(-8, 24) } };
        var heat = new HeatThresholds(new LevelTable<HeatLevel> { Blue = new(33, 1, 24), Yellow = new(35, 3, 72) });

        // The levels a hazard has are its definition's: the shared check runs for every registered hazard.
        Assert.Contains(new FrostHazard().Validate(frost, "frost"), p => p.Contains("frost.levels.red: this hazard has no red level", StringComparison.Ordinal));
        Assert.Contains(new HeatHazard().Validate(heat, "heat"), p => p.Contains("heat.levels.blue: this hazard has no blue level", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_NoLevelConfigured_IsRefused()
    {
        var gale = new ClimateWarn.Core.Hazards.Gale.GaleThresholds(new LevelTable<ClimateWarn.Core.Hazards.Gale.GaleLevel>());

        Assert.Contains(new ClimateWarn.Core.Hazards.Gale.GaleHazard().Validate(gale, "gale"), p => p == "gale.levels: no level is configured");
    }

    [Fact]
    public void Validate_FrostWithoutSeason_IsRefused()
    {
        var t = Tables.Frost() with { Seasons = [] };

        Assert.Contains(t.Validate("frost"), p => p.Contains("frost.seasons", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_WindDecreasingWithSeverity_IsRefused()
    {
        var t = new ClimateWarn.Core.Hazards.Gale.GaleThresholds(new LevelTable<ClimateWarn.Core.Hazards.Gale.GaleLevel>
        {
            Blue = new(24, 17.2, 20.8), Yellow = new(12, 10.8, 20.8),
        });

        Assert.Contains(t.Validate("gale"), p => p.Contains("gale.levels.yellow.meanAtLeastMs = 10.8 is milder than blue (17.2)", StringComparison.Ordinal));
    }
}
