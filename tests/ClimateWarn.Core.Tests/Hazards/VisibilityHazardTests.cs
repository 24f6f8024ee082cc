using ClimateWarn.Core.Hazards;
using ClimateWarn.Core.Hazards.Fog;
using ClimateWarn.Core.Hazards.Haze;
using ClimateWarn.Core.Hazards.Sandstorm;
using ClimateWarn.Core.Weather;

namespace ClimateWarn.Core.Tests.Hazards;

public sealed class FogAssessorTests
{
    [Theory]
    [InlineData(1, 500, SignalLevel.None)]
    [InlineData(1, 499, SignalLevel.Yellow)]
    [InlineData(1, 200, SignalLevel.Yellow)]
    [InlineData(1, 199, SignalLevel.Orange)]
    [InlineData(1, 50, SignalLevel.Orange)]
    [InlineData(1, 49, SignalLevel.Red)]
    [InlineData(2, 49, SignalLevel.Orange)]   // red only within 2 h
    [InlineData(6, 49, SignalLevel.Yellow)]   // orange only within 6 h
    [InlineData(12, 49, SignalLevel.None)]    // yellow only within 12 h
    [InlineData(1, double.NaN, SignalLevel.None)]
    public void Assess_VisibilityAtEdge_GivesLevel(int hour, double visibility, SignalLevel expected)
    {
        var w = Tables.Empty().Fill(WeatherVariables.Visibility, hour, hour + 1, visibility);

        Assert.Equal(expected, FogAssessor.Assess(Tables.Window(w), Tables.Fog())?.Level ?? SignalLevel.None);
    }

    [Theory]
    [InlineData(79.9, SignalLevel.None)]        // dry murk is not fog
    [InlineData(80, SignalLevel.Orange)]
    [InlineData(double.NaN, SignalLevel.Orange)] // humidity unknown: visibility alone, as the national criterion
    public void Assess_Humidity_SeparatesFogFromDryMurk(double humidity, SignalLevel expected)
    {
        var w = Tables.Empty().Fill(WeatherVariables.Visibility, 3, 4, 150).Fill(WeatherVariables.RelativeHumidity2m, 3, 4, humidity);

        Assert.Equal(expected, FogAssessor.Assess(Tables.Window(w), Tables.Fog())?.Level ?? SignalLevel.None);
    }
}

public sealed class HazeAssessorTests
{
    [Theory]
    [InlineData(2999, 79.9, double.NaN, SignalLevel.Yellow)]   // dry: no PM2.5 needed
    [InlineData(3000, 79.9, double.NaN, SignalLevel.None)]
    [InlineData(2999, 80, double.NaN, SignalLevel.None)]       // humid: needs PM2.5, which is missing
    [InlineData(2999, 80, 115, SignalLevel.None)]
    [InlineData(2999, 80, 115.1, SignalLevel.Yellow)]
    [InlineData(4999, double.NaN, 150.1, SignalLevel.Yellow)]  // PM2.5 alone
    [InlineData(4999, double.NaN, 150, SignalLevel.None)]
    [InlineData(5000, double.NaN, 600, SignalLevel.None)]
    [InlineData(1999, 50, double.NaN, SignalLevel.Orange)]
    [InlineData(2000, 50, double.NaN, SignalLevel.Yellow)]
    [InlineData(1999, 90, 150.1, SignalLevel.Orange)]
    [InlineData(4999, 90, 250.1, SignalLevel.Orange)]
    [InlineData(999, 50, double.NaN, SignalLevel.Red)]
    [InlineData(1000, 50, double.NaN, SignalLevel.Orange)]
    [InlineData(999, 90, 250.1, SignalLevel.Red)]
    [InlineData(4999, 90, 500.1, SignalLevel.Red)]
    [InlineData(4999, 90, 500, SignalLevel.Orange)]
    [InlineData(999, double.NaN, double.NaN, SignalLevel.None)] // humidity and PM2.5 missing: nothing can be judged
    public void Assess_AlternativesAtEdge_GiveLevel(double visibility, double humidity, double pm25, SignalLevel expected)
    {
        var w = Tables.Empty()
            .Fill(WeatherVariables.Visibility, 20, 21, visibility)
            .Fill(WeatherVariables.RelativeHumidity2m, 20, 21, humidity)
            .Fill(WeatherVariables.Pm25, 20, 21, pm25);

        Assert.Equal(expected, HazeAssessor.Assess(Tables.Window(w), Tables.Haze())?.Level ?? SignalLevel.None);
    }

    [Theory]
    [InlineData(23, SignalLevel.Red)]
    [InlineData(24, SignalLevel.None)]
    public void Assess_OnlyWithin24Hours(int hour, SignalLevel expected)
    {
        var w = Tables.Empty().Fill(WeatherVariables.Visibility, hour, hour + 1, 800).Fill(WeatherVariables.RelativeHumidity2m, hour, hour + 1, 40);

        Assert.Equal(expected, HazeAssessor.Assess(Tables.Window(w), Tables.Haze())?.Level ?? SignalLevel.None);
    }
}

public sealed class SandstormAssessorTests
{
    private static HourlyWeather Dust(int hour, double visibility, double wind, double humidity, double pm10 = double.NaN) => Tables.Empty()
        .Fill(WeatherVariables.Visibility, hour, hour + 1, visibility)
        .Fill(WeatherVariables.WindSpeed10m, hour, hour + 1, wind)
        .Fill(WeatherVariables.RelativeHumidity2m, hour, hour + 1, humidity)
        .Fill(WeatherVariables.Pm10, hour, hour + 1, pm10);

    [Theory]
    [InlineData(1000, SignalLevel.None)]
    [InlineData(999, SignalLevel.Yellow)]
    [InlineData(500, SignalLevel.Yellow)]
    [InlineData(499, SignalLevel.Orange)]
    [InlineData(50, SignalLevel.Orange)]
    [InlineData(49, SignalLevel.Red)]
    [InlineData(double.NaN, SignalLevel.None)]
    public void Assess_VisibilityAtEdge_WithDustProxy(double visibility, SignalLevel expected)
    {
        Assert.Equal(expected, SandstormAssessor.Assess(Tables.Window(Dust(3, visibility, 12, 20)), Tables.Sandstorm())?.Level ?? SignalLevel.None);
    }

    [Theory]
    [InlineData(7.9, 20, SignalLevel.None)]          // too little wind to raise dust
    [InlineData(8.0, 20, SignalLevel.Yellow)]
    [InlineData(8.0, 59.9, SignalLevel.Yellow)]
    [InlineData(8.0, 60, SignalLevel.None)]          // humid: fog, not dust
    [InlineData(double.NaN, 20, SignalLevel.None)]
    [InlineData(8.0, double.NaN, SignalLevel.None)]  // humidity unknown: fog cannot be ruled out
    public void Assess_WithoutPm10_WindAndDryAirAtEdge(double wind, double humidity, SignalLevel expected)
    {
        Assert.Equal(expected, SandstormAssessor.Assess(Tables.Window(Dust(3, 800, wind, humidity)), Tables.Sandstorm())?.Level ?? SignalLevel.None);
    }

    [Theory]
    [InlineData(800, SignalLevel.None)]
    [InlineData(800.1, SignalLevel.Yellow)]
    public void Assess_WithPm10_Pm10DecidesNotTheProxy(double pm10, SignalLevel expected)
    {
        // Calm and humid, so the proxy alone would say no: measured dust decides.
        Assert.Equal(expected, SandstormAssessor.Assess(Tables.Window(Dust(3, 800, 1, 95, pm10)), Tables.Sandstorm())?.Level ?? SignalLevel.None);
    }

    [Theory]
    [InlineData(5, SignalLevel.Red)]
    [InlineData(6, SignalLevel.Yellow)]  // red and orange within 6 h, yellow within 12 h
    [InlineData(12, SignalLevel.None)]
    public void Assess_LeadTime(int hour, SignalLevel expected)
    {
        Assert.Equal(expected, SandstormAssessor.Assess(Tables.Window(Dust(hour, 40, 15, 15)), Tables.Sandstorm())?.Level ?? SignalLevel.None);
    }
}
