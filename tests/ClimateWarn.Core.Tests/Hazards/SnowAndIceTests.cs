using ClimateWarn.Core.Hazards;
using ClimateWarn.Core.Hazards.Blizzard;
using ClimateWarn.Core.Hazards.RoadIcing;
using ClimateWarn.Core.Weather;

namespace ClimateWarn.Core.Tests.Hazards;

public sealed class BlizzardAssessorTests
{
    /// <summary>Snowfall in cm spread evenly over <paramref name="hours"/> hours from now + 1 whose water equivalent (7:1) is <paramref name="waterMm"/>.</summary>
    private static HourlyWeather Snow(int hours, double waterMm) =>
        Tables.Empty().Fill(WeatherVariables.Snowfall, 1, 1 + hours, waterMm * 0.7 / hours);

    [Theory]
    [InlineData(12, 3.9, SignalLevel.None)]
    [InlineData(12, 4.0, SignalLevel.Blue)]
    [InlineData(12, 4.1, SignalLevel.Blue)]
    [InlineData(12, 5.9, SignalLevel.Blue)]
    [InlineData(12, 6.0, SignalLevel.Yellow)]
    [InlineData(12, 6.1, SignalLevel.Yellow)]
    [InlineData(6, 9.9, SignalLevel.Yellow)]
    [InlineData(6, 10.0, SignalLevel.Orange)]
    [InlineData(6, 10.1, SignalLevel.Orange)]
    [InlineData(6, 14.9, SignalLevel.Orange)]
    [InlineData(6, 15.0, SignalLevel.Red)]
    [InlineData(6, 15.1, SignalLevel.Red)]
    public void Assess_WaterEquivalentAtEdge_GivesLevel(int hours, double waterMm, SignalLevel expected)
    {
        Assert.Equal(expected, BlizzardAssessor.Assess(Tables.Window(Snow(hours, waterMm)), Tables.Blizzard())?.Level ?? SignalLevel.None);
    }

    [Fact]
    public void Assess_SnowfallInCm_IsConvertedAtSevenToOne()
    {
        // 7 cm of snow in 6 h is 10 mm of water: orange, and the value is in mm.
        var w = Tables.Empty().Fill(WeatherVariables.Snowfall, 1, 7, 7.0 / 6);

        var signal = BlizzardAssessor.Assess(Tables.Window(w), Tables.Blizzard());

        Assert.Equal(SignalLevel.Orange, signal?.Level);
        Assert.Equal(10.0, signal!.Value, 6);
    }

    [Fact]
    public void Assess_RainOnly_OrNoSnowfallData_GivesNoSignal()
    {
        var w = Tables.Empty().Fill(WeatherVariables.Precipitation, 1, 7, 10);

        Assert.Null(BlizzardAssessor.Assess(Tables.Window(w), Tables.Blizzard()));
    }
}

public sealed class RoadIcingAssessorTests
{
    private static HourlyWeather Icing(int hour, double air, double ground, double precipitation) => Tables.Empty()
        .Fill(WeatherVariables.Temperature2m, hour, hour + 1, air)
        .Fill(WeatherVariables.SoilTemperature0cm, hour, hour + 1, ground)
        .Fill(WeatherVariables.Precipitation, hour, hour + 1, precipitation);

    [Theory]
    [InlineData(0, SignalLevel.Red)]
    [InlineData(1, SignalLevel.Red)]      // red: within 2 h
    [InlineData(2, SignalLevel.Orange)]
    [InlineData(5, SignalLevel.Orange)]   // orange: within 6 h
    [InlineData(6, SignalLevel.Yellow)]
    [InlineData(11, SignalLevel.Yellow)]  // yellow: within 12 h
    [InlineData(12, SignalLevel.None)]
    public void Assess_IcingHour_LevelByLeadTime(int hour, SignalLevel expected)
    {
        Assert.Equal(expected, RoadIcingAssessor.Assess(Tables.Window(Icing(hour, -1, -2, 0.5)), Tables.RoadIcing())?.Level ?? SignalLevel.None);
    }

    [Theory]
    [InlineData(0.1, double.NaN, 0.5, SignalLevel.None)]    // air just above 0 °C, no ground temperature
    [InlineData(0.0, double.NaN, 0.5, SignalLevel.Yellow)]  // air at 0 °C
    [InlineData(-0.1, double.NaN, 0.5, SignalLevel.Yellow)]
    [InlineData(2.0, 0.1, 0.5, SignalLevel.None)]           // ground just above 0 °C
    [InlineData(2.0, 0.0, 0.5, SignalLevel.Yellow)]         // rain onto a frozen surface
    [InlineData(-1.0, -1.0, 0.1, SignalLevel.None)]         // precipitation at the configured amount is not more than it
    [InlineData(-1.0, -1.0, 0.2, SignalLevel.Yellow)]
    [InlineData(-1.0, -1.0, 0.0, SignalLevel.None)]         // cold and dry: no icing
    [InlineData(-1.0, -1.0, double.NaN, SignalLevel.None)]  // precipitation missing
    [InlineData(double.NaN, double.NaN, 0.5, SignalLevel.None)]  // temperatures missing
    public void Assess_TemperatureAndPrecipitationAtEdge(double air, double ground, double precipitation, SignalLevel expected)
    {
        Assert.Equal(expected, RoadIcingAssessor.Assess(Tables.Window(Icing(8, air, ground, precipitation)), Tables.RoadIcing())?.Level ?? SignalLevel.None);
    }

    [Fact]
    public void Assess_Icing_ValueIsTheColdestTemperature()
    {
        var signal = RoadIcingAssessor.Assess(Tables.Window(Icing(1, -0.5, -3.2, 1.0)), Tables.RoadIcing());

        Assert.Equal(-3.2, signal?.Value);
    }
}
