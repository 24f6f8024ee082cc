using ClimateWarn.Core.Hazards;
using ClimateWarn.Core.Hazards.Blizzard;
using ClimateWarn.Core.Hazards.ColdWave;
using ClimateWarn.Core.Hazards.Fog;
using ClimateWarn.Core.Hazards.Frost;
using ClimateWarn.Core.Hazards.Gale;
using ClimateWarn.Core.Hazards.Haze;
using ClimateWarn.Core.Hazards.Heat;
using ClimateWarn.Core.Hazards.Rainstorm;
using ClimateWarn.Core.Hazards.RoadIcing;
using ClimateWarn.Core.Hazards.Sandstorm;
using ClimateWarn.Core.Weather;

namespace ClimateWarn.Core.Tests.Hazards;

/// <summary>The national table (CMA Order No. 16) and the Ningxia rainstorm localisation, as in config/hazards.</summary>
internal static class Tables
{
    public static readonly DateTimeOffset Now = new(2021, 4, 10, 0, 0, 0, TimeSpan.FromHours(8));

    public static FrostThresholds Frost(params FrostSeason[] seasons) => new(
        new LevelTable<FrostLevel> { Blue = new(0, 48), Yellow = new(-3, 24), Orange = new(-5, 24) },
        seasons.Length > 0 ? seasons : [new FrostSeason("spring", "03-15", "05-31"), new FrostSeason("autumn", "09-15", "10-31")],
        new GroundMinimumEstimate(-2.0, PreferSoilTemperature: true),
        new AirFrostGrades(2, 0, -2));

    public static GaleThresholds Gale() => new(new LevelTable<GaleLevel>
    {
        Blue = new(24, 10.8, 13.9), Yellow = new(12, 17.2, 20.8), Orange = new(6, 24.5, 28.5), Red = new(6, 32.7, 37.0),
    });

    public static RainstormThresholds RainNational() => new(new LevelTable<RainstormLevel>
    {
        Blue = new([new(12, 50)]), Yellow = new([new(6, 50)]), Orange = new([new(3, 50)]), Red = new([new(3, 100)]),
    });

    public static RainstormThresholds RainNingxia() => new(new LevelTable<RainstormLevel>
    {
        Blue = new([new(12, 50), new(1, 20)]), Yellow = new([new(6, 50)]), Orange = new([new(3, 50), new(3, 30)]), Red = new([new(3, 100)]),
    });

    public static ColdWaveThresholds ColdWave() => new(new LevelTable<ColdWaveLevel>
    {
        Blue = new(48, 8, 4, 8.0), Yellow = new(24, 10, 4, 10.8), Orange = new(24, 12, 0, 10.8), Red = new(24, 16, 0, 10.8),
    });

    public static HeatThresholds Heat() => new(new LevelTable<HeatLevel>
    {
        Yellow = new(35, 3, 72), Orange = new(37, 1, 24), Red = new(40, 1, 24),
    });

    public static BlizzardThresholds Blizzard() => new(new LevelTable<BlizzardLevel>
    {
        Blue = new(12, 4), Yellow = new(12, 6), Orange = new(6, 10), Red = new(6, 15),
    });

    public static RoadIcingThresholds RoadIcing() => new(new LevelTable<LeadTimeLevel> { Yellow = new(12), Orange = new(6), Red = new(2) }, 0, 0.1);

    public static LevelTable<VisibilityLevel> FogLevels() => new() { Yellow = new(500, 12), Orange = new(200, 6), Red = new(50, 2) };

    public static FogThresholds Fog() => new(FogLevels(), 80);

    public static HazeThresholds Haze() => new(new LevelTable<HazeLevel>
    {
        Yellow = new(24, [new(3000, HumidityBelowPct: 80), new(3000, HumidityAtLeastPct: 80, Pm25AboveUgM3: 115), new(5000, Pm25AboveUgM3: 150)]),
        Orange = new(24, [new(2000, HumidityBelowPct: 80), new(2000, HumidityAtLeastPct: 80, Pm25AboveUgM3: 150), new(5000, Pm25AboveUgM3: 250)]),
        Red = new(24, [new(1000, HumidityBelowPct: 80), new(1000, HumidityAtLeastPct: 80, Pm25AboveUgM3: 250), new(5000, Pm25AboveUgM3: 500)]),
    });

    public static SandstormThresholds Sandstorm() => new(
        new LevelTable<VisibilityLevel> { Yellow = new(1000, 12), Orange = new(500, 6), Red = new(50, 6) },
        new DustEvidence(800, 8.0, 60));

    public static LeadTimeThresholds Thunder() => new(new LevelTable<LeadTimeLevel> { Yellow = new(6), Orange = new(2), Red = new(2) });

    public static LeadTimeThresholds Hail() => new(new LevelTable<LeadTimeLevel> { Orange = new(6), Red = new(2) });

    /// <summary>72 h before and after <paramref name="now"/>, every variable unset (NaN).</summary>
    public static HourlyWeather Empty(DateTimeOffset? now = null) => new("test", (now ?? Now).AddHours(-72), 145);

    public static AssessmentWindow Window(HourlyWeather weather, DateTimeOffset? now = null) => new(weather, now ?? Now, TimeZones.Shanghai);

    /// <summary>Fills a variable for the hours [fromHour, toHour) relative to now.</summary>
    public static HourlyWeather Fill(this HourlyWeather w, string variable, int fromHour, int toHour, double value, DateTimeOffset? now = null)
    {
        for (var h = fromHour; h < toHour; h++)
        {
            w.Set(variable, (now ?? Now).AddHours(h), value);
        }

        return w;
    }
}
