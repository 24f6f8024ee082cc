using ClimateWarn.Core.Hazards;
using ClimateWarn.Core.Hazards.ColdWave;
using ClimateWarn.Core.Hazards.Frost;
using ClimateWarn.Core.Hazards.Gale;
using ClimateWarn.Core.Hazards.Heat;
using ClimateWarn.Core.Hazards.Rainstorm;
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
