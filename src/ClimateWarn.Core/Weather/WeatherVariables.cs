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

    public static readonly IReadOnlyList<string> Hourly =
        [Temperature2m, DewPoint2m, Precipitation, WindSpeed10m, WindGusts10m, SoilTemperature0cm, Visibility];

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
        _ => double.IsFinite(value),
    };
}
