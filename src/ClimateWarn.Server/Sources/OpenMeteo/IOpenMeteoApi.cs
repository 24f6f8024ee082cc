using Refit;

namespace ClimateWarn.Server.Sources.OpenMeteo;

/// <summary>Open-Meteo's forecast endpoint. The raw response is returned: a multi-point call answers with an array,
/// a single point with an object, an error with {"error": true, "reason": …}; the mapper reads all three.</summary>
public interface IOpenMeteoApi
{
    [Get("/v1/forecast")]
    Task<HttpResponseMessage> GetForecastAsync([Query] ForecastQuery query, CancellationToken cancellationToken);
}

/// <summary>Query parameters of /v1/forecast (DOMAIN §6). Coordinates are comma-separated lists, one entry per grid cell.</summary>
public sealed class ForecastQuery
{
    [AliasAs("latitude")]
    public required string Latitude { get; init; }

    [AliasAs("longitude")]
    public required string Longitude { get; init; }

    [AliasAs("hourly")]
    public string Hourly { get; init; } = "temperature_2m,dew_point_2m,precipitation,wind_speed_10m,wind_gusts_10m,soil_temperature_0cm,visibility";

    [AliasAs("daily")]
    public string Daily { get; init; } = "temperature_2m_min,temperature_2m_max,precipitation_sum,wind_speed_10m_max,wind_gusts_10m_max";

    [AliasAs("timezone")]
    public string Timezone { get; init; } = "Asia/Shanghai";

    [AliasAs("wind_speed_unit")]
    public string WindSpeedUnit { get; init; } = "ms";

    [AliasAs("past_days")]
    public int PastDays { get; init; }

    [AliasAs("forecast_days")]
    public int ForecastDays { get; init; }
}
