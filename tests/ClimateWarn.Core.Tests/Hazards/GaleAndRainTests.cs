using ClimateWarn.Core.Hazards;
using ClimateWarn.Core.Hazards.Gale;
using ClimateWarn.Core.Hazards.Rainstorm;
using ClimateWarn.Core.Weather;

namespace ClimateWarn.Core.Tests.Hazards;

public sealed class GaleAssessorTests
{
    [Theory]
    [InlineData(10.7, double.NaN, SignalLevel.None)]
    [InlineData(10.8, double.NaN, SignalLevel.Blue)]
    [InlineData(double.NaN, 13.8, SignalLevel.None)]
    [InlineData(double.NaN, 13.9, SignalLevel.Blue)]
    [InlineData(17.1, 20.7, SignalLevel.Blue)]
    [InlineData(17.2, double.NaN, SignalLevel.Yellow)]
    [InlineData(double.NaN, 20.8, SignalLevel.Yellow)]
    [InlineData(24.4, 28.4, SignalLevel.Yellow)]
    [InlineData(24.5, double.NaN, SignalLevel.Orange)]
    [InlineData(double.NaN, 28.5, SignalLevel.Orange)]
    [InlineData(32.6, 36.9, SignalLevel.Orange)]
    [InlineData(32.7, double.NaN, SignalLevel.Red)]
    [InlineData(double.NaN, 37.0, SignalLevel.Red)]
    public void Assess_WindAtEdge_GivesLevel(double mean, double gust, SignalLevel expected)
    {
        var w = Tables.Empty().Fill(WeatherVariables.WindSpeed10m, 2, 3, mean).Fill(WeatherVariables.WindGusts10m, 2, 3, gust);

        Assert.Equal(expected, GaleAssessor.Assess(Tables.Window(w), Tables.Gale())?.Level ?? SignalLevel.None);
    }

    [Theory]
    [InlineData(5, SignalLevel.Red)]
    [InlineData(6, SignalLevel.Yellow)]   // red and orange look 6 h ahead, yellow 12 h
    [InlineData(12, SignalLevel.Blue)]
    [InlineData(24, SignalLevel.None)]
    public void Assess_StrongWindLater_CountsOnlyInsideTheLevelWindow(int hour, SignalLevel expected)
    {
        var w = Tables.Empty().Fill(WeatherVariables.WindSpeed10m, hour, hour + 1, 33);

        Assert.Equal(expected, GaleAssessor.Assess(Tables.Window(w), Tables.Gale())?.Level ?? SignalLevel.None);
    }
}

public sealed class RainstormAssessorTests
{
    [Theory]
    [InlineData(12, 49.9, SignalLevel.None)]
    [InlineData(12, 50.0, SignalLevel.Blue)]
    [InlineData(6, 49.9, SignalLevel.None)]
    [InlineData(6, 50.0, SignalLevel.Yellow)]
    [InlineData(3, 50.0, SignalLevel.Orange)]
    [InlineData(3, 99.9, SignalLevel.Orange)]
    [InlineData(3, 100.0, SignalLevel.Red)]
    public void Assess_NationalTable_RainInWindowAtEdge(int hours, double total, SignalLevel expected)
    {
        var w = Tables.Empty().Fill(WeatherVariables.Precipitation, 1, 1 + hours, total / hours);

        Assert.Equal(expected, RainstormAssessor.Assess(Tables.Window(w), Tables.RainNational())?.Level ?? SignalLevel.None);
    }

    [Theory]
    [InlineData(3, 29.9, SignalLevel.None)]
    [InlineData(3, 30.0, SignalLevel.Orange)]  // Ningxia issues orange from 30 mm in 3 h
    [InlineData(1, 19.9, SignalLevel.None)]
    [InlineData(1, 20.0, SignalLevel.Blue)]    // one-hour intensity (短时强降水)
    public void Assess_NingxiaTable_LocalisedCriteria(int hours, double total, SignalLevel expected)
    {
        var w = Tables.Empty().Fill(WeatherVariables.Precipitation, 1, 1 + hours, total / hours);

        Assert.Equal(expected, RainstormAssessor.Assess(Tables.Window(w), Tables.RainNingxia())?.Level ?? SignalLevel.None);
    }

    [Fact]
    public void Assess_RainAlreadyFallenAndContinuing_Counts()
    {
        // 30 mm fell in the last 2 hours and 25 mm more is forecast in the next hour: 55 mm in 3 h.
        var w = Tables.Empty().Fill(WeatherVariables.Precipitation, -2, 0, 15).Fill(WeatherVariables.Precipitation, 0, 1, 25);

        Assert.Equal(SignalLevel.Orange, RainstormAssessor.Assess(Tables.Window(w), Tables.RainNational())?.Level);
    }

    [Fact]
    public void Assess_MissingHours_AreDryNotAnError()
    {
        var w = Tables.Empty();

        Assert.Null(RainstormAssessor.Assess(Tables.Window(w), Tables.RainNational()));
    }
}
