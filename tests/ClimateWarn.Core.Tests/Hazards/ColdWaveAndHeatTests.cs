using ClimateWarn.Core.Hazards;
using ClimateWarn.Core.Hazards.ColdWave;
using ClimateWarn.Core.Hazards.Heat;
using ClimateWarn.Core.Weather;

namespace ClimateWarn.Core.Tests.Hazards;

/// <summary>Days are local (Beijing) days; now is local midnight, so day 0 is today.</summary>
internal static class Days
{
    public static HourlyWeather Temperatures(params (int Day, double Value)[] days)
    {
        var w = Tables.Empty();
        foreach (var (day, value) in days)
        {
            w.Fill(WeatherVariables.Temperature2m, day * 24, (day + 1) * 24, value);
        }

        return w;
    }

    public static HourlyWeather Wind(this HourlyWeather w, double speed) => w.Fill(WeatherVariables.WindSpeed10m, -72, 73, speed);
}

public sealed class ColdWaveAssessorTests
{
    [Theory]
    [InlineData(10, 2, 8.0, SignalLevel.Blue)]   // 8 °C in 48 h to 2 °C, force 5
    [InlineData(9.9, 2, 8.0, SignalLevel.None)]  // 7.9 °C fall
    [InlineData(12.1, 4.1, 8.0, SignalLevel.None)] // minimum above 4 °C
    [InlineData(10, 2, 7.9, SignalLevel.None)]   // wind below force 5
    public void Assess_48HourFall_BlueAtEdges(double twoDaysBefore, double today, double wind, SignalLevel expected)
    {
        var w = Days.Temperatures((-2, twoDaysBefore), (-1, (twoDaysBefore + today) / 2), (0, today)).Wind(wind);

        Assert.Equal(expected, ColdWaveAssessor.Assess(Tables.Window(w), Tables.ColdWave())?.Level ?? SignalLevel.None);
    }

    [Theory]
    [InlineData(14, 4, 10.8, SignalLevel.Yellow)]
    [InlineData(14, 4, 10.7, SignalLevel.Blue)]    // force 5 only: the 48 h blue criterion still holds
    [InlineData(12, 0, 10.8, SignalLevel.Orange)]
    [InlineData(12.1, 0.1, 10.8, SignalLevel.Yellow)] // 12 °C fall but minimum above 0 °C
    [InlineData(15.8, -0.1, 10.8, SignalLevel.Orange)]
    [InlineData(16, 0, 10.8, SignalLevel.Red)]
    public void Assess_24HourFall_LevelsAtEdges(double yesterday, double today, double wind, SignalLevel expected)
    {
        var w = Days.Temperatures((-2, yesterday), (-1, yesterday), (0, today)).Wind(wind);

        Assert.Equal(expected, ColdWaveAssessor.Assess(Tables.Window(w), Tables.ColdWave())?.Level ?? SignalLevel.None);
    }

    [Fact]
    public void Assess_FallTomorrowSeenAtMidnight_IsBlueFromThe48HourCriterion()
    {
        // Tomorrow begins 24 h after local midnight, beyond the 24 h criteria of yellow to red; the 48 h blue one holds.
        var w = Days.Temperatures((-1, 10), (0, 10), (1, -3)).Wind(12);

        Assert.Equal(SignalLevel.Blue, ColdWaveAssessor.Assess(Tables.Window(w), Tables.ColdWave())?.Level);
    }

    [Fact]
    public void Assess_FallTomorrowSeenInTheAfternoon_IsOrange()
    {
        var afternoon = Tables.Now.AddHours(16);
        var w = Days.Temperatures((-1, 10), (0, 10), (1, -3)).Wind(12);

        Assert.Equal(SignalLevel.Orange, ColdWaveAssessor.Assess(Tables.Window(w, afternoon), Tables.ColdWave())?.Level);
    }

    [Fact]
    public void Assess_FallMoreThan48HoursAgo_IsNotAWarning()
    {
        var w = Days.Temperatures((-3, 20), (-2, 0), (-1, 0), (0, 1)).Wind(12);

        Assert.Null(ColdWaveAssessor.Assess(Tables.Window(w), Tables.ColdWave()));
    }
}

public sealed class HeatAssessorTests
{
    [Theory]
    [InlineData(35.0, 35.0, 35.0, SignalLevel.Yellow)]
    [InlineData(35.0, 34.9, 35.0, SignalLevel.None)]   // not three days running
    [InlineData(36.9, 36.9, 30.0, SignalLevel.None)]
    [InlineData(37.0, 30.0, 30.0, SignalLevel.Orange)]
    [InlineData(39.9, 36.0, 36.0, SignalLevel.Orange)]
    [InlineData(40.0, 30.0, 30.0, SignalLevel.Red)]
    public void Assess_DailyMaxima_LevelsAtEdges(double day0, double day1, double day2, SignalLevel expected)
    {
        var w = Days.Temperatures((0, day0), (1, day1), (2, day2));

        Assert.Equal(expected, HeatAssessor.Assess(Tables.Window(w), Tables.Heat())?.Level ?? SignalLevel.None);
    }

    [Fact]
    public void Assess_HeatTheDayAfterTomorrow_IsYellowNotOrange()
    {
        // 41 °C on day 2 lies beyond orange's and red's 24 h, but three days of ≥35 °C still make yellow.
        var w = Days.Temperatures((0, 35), (1, 35), (2, 41));

        Assert.Equal(SignalLevel.Yellow, HeatAssessor.Assess(Tables.Window(w), Tables.Heat())?.Level);
    }

    [Fact]
    public void LevelTable_HeatHasNoBlue()
    {
        Assert.DoesNotContain(Tables.Heat().Levels.Ascending(), l => l.Level == SignalLevel.Blue);
    }
}
