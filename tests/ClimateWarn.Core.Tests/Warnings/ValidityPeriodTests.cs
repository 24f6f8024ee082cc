using ClimateWarn.Core.Hazards;
using ClimateWarn.Core.Warnings;

namespace ClimateWarn.Core.Tests.Warnings;

/// <summary>Warnings cover the periods a bureau publishes: whole nights for frost, never less than the minimum.</summary>
public sealed class ValidityPeriodTests
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);
    private static readonly ValidityRules Frost = new(TimeSpan.FromHours(6), Overnight: true);
    private static readonly ValidityRules Wind = new(TimeSpan.FromHours(6), Overnight: false);

    private static HazardSignal Signal(DateTimeOffset from, DateTimeOffset to) => new("frost", SignalLevel.Blue, from, to, -1, "test");

    private static DateTimeOffset Bjt(int day, int hour) => new(2021, 3, day, hour, 0, 0, Beijing);

    [Fact]
    public void OneHourOfFrostAt2am_IsWarnedFromTheEveningBeforeToTheMorningAfter()
    {
        var widened = ValidityPeriod.Widen(Signal(Bjt(21, 2), Bjt(21, 3)), Frost, TimeZones.Shanghai);

        Assert.Equal((Bjt(20, 20), Bjt(21, 8)), (widened.From, widened.To));
    }

    [Fact]
    public void FrostFromTheEvening_StartsThatEvening_AndFrostIntoTheDay_EndsWhenItEnds()
    {
        var widened = ValidityPeriod.Widen(Signal(Bjt(20, 22), Bjt(21, 10)), Frost, TimeZones.Shanghai);

        Assert.Equal((Bjt(20, 20), Bjt(21, 10)), (widened.From, widened.To));
    }

    [Fact]
    public void FrostOverTwoNights_CoversBoth()
    {
        var widened = ValidityPeriod.Widen(Signal(Bjt(20, 23), Bjt(22, 4)), Frost, TimeZones.Shanghai);

        Assert.Equal((Bjt(20, 20), Bjt(22, 8)), (widened.From, widened.To));
    }

    [Theory]
    [InlineData(1, 6)]
    [InlineData(5, 6)]
    [InlineData(6, 6)]
    [InlineData(9, 9)]
    public void OtherHazards_LastAtLeastTheMinimum(int hours, int expected)
    {
        var widened = ValidityPeriod.Widen(Signal(Bjt(20, 14), Bjt(20, 14).AddHours(hours)), Wind, TimeZones.Shanghai);

        Assert.Equal((Bjt(20, 14), Bjt(20, 14).AddHours(expected)), (widened.From, widened.To));
    }

    [Theory]
    [InlineData(20, 20, 21, 8, "今天夜间到明天早晨")]
    [InlineData(21, 20, 22, 8, "明天夜间到后天早晨")]
    [InlineData(20, 14, 20, 20, "今天下午到傍晚")]
    [InlineData(21, 2, 21, 8, "明天凌晨到早晨")]
    [InlineData(24, 9, 24, 11, "3月24日上午")]
    public void Period_IsSaidInTheBureausWords_RelativeToTheIssueDay(int d1, int h1, int d2, int h2, string words)
    {
        var issued = Bjt(20, 16);

        Assert.Equal(words, ValidityPeriod.WordsZh(Bjt(d1, h1), Bjt(d2, h2), issued, TimeZones.Shanghai));
    }
}
