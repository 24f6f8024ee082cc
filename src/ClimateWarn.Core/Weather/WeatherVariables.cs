namespace ClimateWarn.Core.Weather;

/// <summary>Field names in the store, named as Open-Meteo names them (DOMAIN §6), in SI units.</summary>
public static class WeatherVariables
{
    /// <summary>Air temperature at 2 m, °C.</summary>
    public const string Temperature2m = "temperature_2m";

    /// <summary>Dew point at 2 m, °C.</summary>
    public const string DewPoint2m = "dew_point_2m";

    /// <summary>Precipitation in the hour ending at the timestamp, mm.</summary>
    public const string Precipitation = "precipitation";

    /// <summary>Mean wind speed at 10 m, m/s.</summary>
    public const string WindSpeed10m = "wind_speed_10m";

    /// <summary>Wind gust at 10 m, m/s.</summary>
    public const string WindGusts10m = "wind_gusts_10m";

    /// <summary>Soil (ground-surface) temperature at 0 cm, °C: the proxy for the ground minimum in frost rules.</summary>
    public const string SoilTemperature0cm = "soil_temperature_0cm";

    /// <summary>Visibility, m.</summary>
    public const string Visibility = "visibility";

    /// <summary>Relative humidity at 2 m, %: tells fog and haze apart, and dust from fog.</summary>
    public const string RelativeHumidity2m = "relative_humidity_2m";

    /// <summary>
    /// Snowfall in the hour ending at the timestamp, cm of fresh snow, as Open-Meteo gives it. Its water equivalent is
    /// <see cref="SnowWaterMm"/> (the API's own 7:1 ratio); precipitation already includes that water.
    /// </summary>
    public const string Snowfall = "snowfall";

    /// <summary>Fine particles PM2.5, µg/m³ (Open-Meteo's air-quality API; absent unless a source provides it).</summary>
    public const string Pm25 = "pm2_5";

    /// <summary>Coarse particles PM10, µg/m³ (Open-Meteo's air-quality API; absent unless a source provides it).</summary>
    public const string Pm10 = "pm10";

    /// <summary>Mineral dust near the ground, µg/m³ (CAMS through Open-Meteo's air-quality API): shown beside PM10, says the particles are dust.</summary>
    public const string Dust = "dust";

    /// <summary>WMO weather code of the hour (95 thunderstorm, 96 and 99 with hail); numerical guidance that may propose thunder or hail.</summary>
    public const string WeatherCode = "weather_code";

    /// <summary>Convective available potential energy, J/kg; may propose thunder.</summary>
    public const string Cape = "cape";

    public static readonly IReadOnlyList<string> Hourly =
        [Temperature2m, DewPoint2m, Precipitation, WindSpeed10m, WindGusts10m, SoilTemperature0cm, Visibility, RelativeHumidity2m, Snowfall, Pm25, Pm10, Dust, WeatherCode, Cape];

    /// <summary>Water equivalent in mm of <paramref name="snowfallCm"/> cm of snow: Open-Meteo's 7:1 snow-to-water ratio (1 cm ≈ 1.43 mm).</summary>
    public static double SnowWaterMm(double snowfallCm) => snowfallCm * 10 / 7;

    /// <summary>Physically plausible bounds; a value outside them is rejected as absurd, never stored.</summary>
    public static bool IsPlausible(string variable, double value) => variable switch
    {
        Temperature2m or DewPoint2m or "temperature_2m_min" or "temperature_2m_max" => value is >= -80 and <= 60,
        SoilTemperature0cm => value is >= -80 and <= 90,
        Precipitation => value is >= 0 and <= 500,
        WindSpeed10m or WindGusts10m or "wind_speed_10m_max" or "wind_gusts_10m_max" => value is >= 0 and <= 120,
        "precipitation_sum" => value is >= 0 and <= 1500,
        "et0_fao_evapotranspiration" => value is >= 0 and <= 30,
        Visibility => value is >= 0 and <= 200_000,
        RelativeHumidity2m => value is >= 0 and <= 100,
        // About 100 mm of water in an hour, far beyond any recorded hourly snowfall.
        Snowfall => value is >= 0 and <= 70,
        Pm25 => value is >= 0 and <= 5_000,
        // Severe dust storms have reached several thousand µg/m³ of PM10.
        Pm10 or Dust => value is >= 0 and <= 20_000,
        WeatherCode => value is >= 0 and <= 99 && value == Math.Floor(value),
        Cape => value is >= 0 and <= 10_000,
        _ => double.IsFinite(value),
    };
}
