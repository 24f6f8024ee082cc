using Refit;

namespace ClimateWarn.Server.Ingest.OpenMeteo;

/// <summary>Open-Meteo's forecast endpoint (DOMAIN §6). The raw response is returned: a multi-point call answers with an
/// array, a single point with an object, an error with {"error": true, "reason": …}; the mapper reads all three.
/// Plain parameters keep the method inside what Refit's source generator builds inline (no reflection builder).</summary>
public interface IOpenMeteoApi
{
    [Get("/v1/forecast")]
    Task<HttpResponseMessage> GetForecastAsync(
        [AliasAs("latitude")] string latitude,
        [AliasAs("longitude")] string longitude,
        [AliasAs("hourly")] string hourly,
        [AliasAs("daily")] string daily,
        [AliasAs("timezone")] string timezone,
        [AliasAs("wind_speed_unit")] string windSpeedUnit,
        [AliasAs("past_days")] int pastDays,
        [AliasAs("forecast_days")] int forecastDays,
        CancellationToken cancellationToken);

    /// <summary>
    /// The forecast from named models: one (OpenMeteo:Model) answers with unsuffixed columns, as best_match does; several
    /// (the several-models source) suffix each variable with its model.
    /// </summary>
    [Get("/v1/forecast")]
    Task<HttpResponseMessage> GetForecastFromAsync(
        [AliasAs("latitude")] string latitude,
        [AliasAs("longitude")] string longitude,
        [AliasAs("hourly")] string hourly,
        [AliasAs("daily")] string daily,
        [AliasAs("models")] string models,
        [AliasAs("timezone")] string timezone,
        [AliasAs("wind_speed_unit")] string windSpeedUnit,
        [AliasAs("past_days")] int pastDays,
        [AliasAs("forecast_days")] int forecastDays,
        CancellationToken cancellationToken);
}

/// <summary>What one district's call asks for. Coordinates are comma-separated lists, one entry per grid cell.</summary>
public sealed record ForecastQuery(string Latitude, string Longitude, int PastDays, int ForecastDays)
{
    public const string Hourly = "temperature_2m,dew_point_2m,precipitation,wind_speed_10m,wind_gusts_10m,soil_temperature_0cm,visibility,relative_humidity_2m,snowfall,weather_code,cape";
    public const string Daily = "temperature_2m_min,temperature_2m_max,precipitation_sum,wind_speed_10m_max,wind_gusts_10m_max";
    public const string Timezone = "Asia/Shanghai";
    public const string WindSpeedUnit = "ms";
}

/// <summary>Refit 16's generated client wants a serializer context; the API has no request body, the mapper reads responses itself.</summary>
[System.Text.Json.Serialization.JsonSerializable(typeof(string))]
internal sealed partial class OpenMeteoJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
