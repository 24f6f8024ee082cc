using ClimateWarn.Core.Hazards;
using ClimateWarn.Core.Hazards.Hail;
using ClimateWarn.Core.Hazards.Thunder;
using ClimateWarn.Core.Hazards.Typhoon;
using ClimateWarn.Core.Weather;

namespace ClimateWarn.Core.Tests.Hazards;

/// <summary>Thunder and hail are the forecaster's judgement (DOMAIN §2b): their rules never raise a signal by themselves.</summary>
public sealed class ByHandHazardTests
{
    public static TheoryData<string, double> Weathers => new()
    {
        { "thunder", 0 }, { "thunder", 1e6 }, { "thunder", double.NaN },
        { "hail", 0 }, { "hail", 1e6 }, { "hail", double.NaN },
        { "typhoon", 1e6 },
    };

    [Theory]
    [MemberData(nameof(Weathers))]
    public void Assess_WhateverTheWeather_NeverSignals(string slug, double value)
    {
        var hazard = new HazardRegistry(BuiltInHazards.All).Get(slug);
        var table = slug == "hail" ? Tables.Hail() : Tables.Thunder();
        var w = Tables.Empty();
        foreach (var variable in WeatherVariables.Hourly.Concat(["weather_code", "cape", "lightning_potential"]))
        {
            w.Fill(variable, -72, 72, value);
        }

        var rule = hazard.Bind(slug == "typhoon" ? new LeadTimeThresholds(new LevelTable<LeadTimeLevel> { Blue = new(24) }) : table, "test");

        Assert.Null(rule.Assess(Tables.Window(w)));
    }

    [Fact]
    public void Levels_AreTheNationalOnes()
    {
        Assert.Equal([SignalLevel.Yellow, SignalLevel.Orange, SignalLevel.Red], new ThunderHazard().Levels);
        Assert.Equal([SignalLevel.Orange, SignalLevel.Red], new HailHazard().Levels);
        Assert.Equal([SignalLevel.Blue, SignalLevel.Yellow, SignalLevel.Orange, SignalLevel.Red], new TyphoonHazard().Levels);
    }
}
