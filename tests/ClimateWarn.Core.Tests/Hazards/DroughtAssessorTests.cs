using ClimateWarn.Core.Hazards;
using ClimateWarn.Core.Hazards.Drought;

namespace ClimateWarn.Core.Tests.Hazards;

/// <summary>The drought rule at the GB/T 20481-2017 class edges, as config/hazards/drought.json states them.</summary>
public sealed class DroughtAssessorTests
{
    private static readonly TimeZoneInfo Zone = TimeZones.Shanghai;
    private static readonly DateTimeOffset Now = new(2021, 6, 30, 9, 0, 0, TimeSpan.FromHours(8));
    private static readonly DateOnly Yesterday = new(2021, 6, 29);

    private static DroughtThresholds National() => new(new LevelTable<DroughtLevel> { Orange = new(-1.5), Red = new(-2.0) }, ValidDays: 2, MaxAgeDays: 7);

    private static HazardSignal? Assess(double mci, DateOnly? day = null) =>
        DroughtAssessor.Assess(new DroughtReading(day ?? Yesterday, mci, -1.7, "test basis"), Now, Zone, National());

    [Theory]
    [InlineData(0.3, SignalLevel.None)]
    [InlineData(-1.49, SignalLevel.None)]
    [InlineData(-1.5, SignalLevel.Orange)]
    [InlineData(-1.99, SignalLevel.Orange)]
    [InlineData(-2.0, SignalLevel.Red)]
    [InlineData(-3.2, SignalLevel.Red)]
    public void Assess_AtTheClassEdges_GivesTheLevel(double mci, SignalLevel expected)
    {
        Assert.Equal(expected, Assess(mci)?.Level ?? SignalLevel.None);
    }

    [Fact]
    public void Assess_Orange_HoldsForDaysAndNamesMciSpiAndTheData()
    {
        var signal = Assess(-1.62)!;

        Assert.Equal(DroughtHazard.Id, signal.Hazard);
        Assert.Equal(Now, signal.From);
        // Today (30 June) + validDays (2): local midnight starting 2 July, past tomorrow's update.
        Assert.Equal(new DateTimeOffset(2021, 7, 2, 0, 0, 0, TimeSpan.FromHours(8)), signal.To);
        Assert.Equal(-1.62, signal.Value);
        Assert.Contains("MCI -1.62 (≤-1.5) on 2021-06-29", signal.Basis, StringComparison.Ordinal);
        Assert.Contains("SPI90 -1.70", signal.Basis, StringComparison.Ordinal);
        Assert.Contains("data: test basis", signal.Basis, StringComparison.Ordinal);
    }

    [Fact]
    public void Assess_NoReadingNaNOrStaleIndices_GivesNoSignalAndDoesNotThrow()
    {
        Assert.Null(DroughtAssessor.Assess(null, Now, Zone, National()));
        Assert.Null(Assess(double.NaN));
        Assert.Null(Assess(-2.5, new DateOnly(2021, 6, 22)));
        Assert.False(DroughtAssessor.IsCurrent(new DroughtReading(new DateOnly(2021, 6, 22), -2.5, -2, ""), Now, Zone, National()));
        // Seven days back (ERA5's usual lag and a margin) still decides.
        Assert.NotNull(Assess(-2.5, new DateOnly(2021, 6, 23)));
    }

    [Fact]
    public void TheHourlyRule_FindsNothing_TheSignalComesFromTheIndices()
    {
        Assert.Null(new DroughtHazard().Assess(null!, National()));
    }

    [Theory]
    [InlineData(-1.5, -1.2, 2, 7, "drought.levels.red.mciAtMost = -1.2 is milder than orange (-1.5)")]
    [InlineData(0.5, -2.0, 2, 7, "drought.levels.orange.mciAtMost = 0.5 is outside the allowed range [-3.5, -0.5]")]
    [InlineData(-1.5, -2.0, 0, 7, "drought.validDays = 0 is outside the allowed range [1, 10]")]
    [InlineData(-1.5, -2.0, 2, 0, "drought.maxAgeDays = 0 is outside the allowed range [1, 30]")]
    public void Validate_ImpossibleTable_NamesFieldLimitAndValue(double orange, double red, int validDays, int maxAgeDays, string expected)
    {
        var t = new DroughtThresholds(new LevelTable<DroughtLevel> { Orange = new(orange), Red = new(red) }, validDays, maxAgeDays);

        Assert.Contains(t.Validate("drought"), p => p.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_TheNationalTable_HasNoProblems() => Assert.Empty(National().Validate("drought"));
}
