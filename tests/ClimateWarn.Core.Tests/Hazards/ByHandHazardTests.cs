using ClimateWarn.Core.Hazards;
using ClimateWarn.Core.Hazards.Hail;
using ClimateWarn.Core.Hazards.Thunder;
using ClimateWarn.Core.Hazards.Typhoon;
using ClimateWarn.Core.Weather;

namespace ClimateWarn.Core.Tests.Hazards;

/// <summary>
/// Thunder and hail are the forecaster's judgement (DOMAIN §2b): without proposal criteria their rules never signal; with
/// them, forecast thunderstorm codes or CAPE propose the level (the warning engine makes every such signal a draft).
/// </summary>
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

    private static readonly LeadTimeThresholds Proposing = new(new LevelTable<LeadTimeLevel>
    {
        Yellow = new(6, [95, 96, 99], 1000),
        Orange = new(2),
        Red = new(2),
    });

    [Theory]
    [InlineData(5, 95, 0, true)]      // a thunderstorm code within 6 h
    [InlineData(5, 3, 1000, true)]    // CAPE at the limit
    [InlineData(5, 3, 999, false)]    // CAPE just below, no thunderstorm code
    [InlineData(8, 99, 0, false)]     // the code, but beyond the 6 h window
    [InlineData(5, 80, 0, false)]     // showers are not thunder
    public void ThunderstormCodesOrCape_ProposeTheLowestLevel(int hour, double code, double cape, bool proposed)
    {
        var w = Tables.Empty();
        w.Fill(WeatherVariables.WeatherCode, -72, 72, 1);
        w.Fill(WeatherVariables.Cape, -72, 72, 0);
        w.Fill(WeatherVariables.WeatherCode, hour, hour + 1, code);
        w.Fill(WeatherVariables.Cape, hour, hour + 1, cape);

        var signal = new ThunderHazard().Bind(Proposing, "test").Assess(Tables.Window(w));

        Assert.Equal(proposed, signal is not null);
        if (signal is not null)
        {
            Assert.Equal(SignalLevel.Yellow, signal.Level);
            Assert.Contains("the forecaster decides", signal.Basis, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(94)]
    [InlineData(100)]
    public void ProposalCodes_OutsideThunderstorms_AreRefused(int code)
    {
        var table = new LeadTimeThresholds(new LevelTable<LeadTimeLevel> { Yellow = new(6, [code]), Orange = new(2), Red = new(2) });

        Assert.Contains(new ThunderHazard().Validate(table, "thunder.json"), p => p.Contains($"proposeOnWeatherCodes: {code} is not a thunderstorm code", StringComparison.Ordinal));
    }

    [Fact]
    public void Levels_AreTheNationalOnes()
    {
        Assert.Equal([SignalLevel.Yellow, SignalLevel.Orange, SignalLevel.Red], new ThunderHazard().Levels);
        Assert.Equal([SignalLevel.Orange, SignalLevel.Red], new HailHazard().Levels);
        Assert.Equal([SignalLevel.Blue, SignalLevel.Yellow, SignalLevel.Orange, SignalLevel.Red], new TyphoonHazard().Levels);
    }
}
