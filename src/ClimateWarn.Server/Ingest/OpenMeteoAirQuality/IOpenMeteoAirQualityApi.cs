using Refit;

namespace ClimateWarn.Server.Ingest.OpenMeteoAirQuality;

/// <summary>
/// Open-Meteo's air-quality endpoint (CAMS; DOMAIN §6): hourly particles about five days ahead and up to 92 back. The raw
/// response is returned, as the other Open-Meteo clients do: the shared reader tells an error body from data.
/// </summary>
public interface IOpenMeteoAirQualityApi
{
    [Get("/v1/air-quality")]
    Task<HttpResponseMessage> GetAirQualityAsync(
        [AliasAs("latitude")] string latitude,
        [AliasAs("longitude")] string longitude,
        [AliasAs("hourly")] string hourly,
        [AliasAs("timezone")] string timezone,
        [AliasAs("past_days")] int pastDays,
        [AliasAs("forecast_days")] int forecastDays,
        CancellationToken cancellationToken);
}

/// <summary>What the sandstorm and haze rules need from it: PM10 (dust storms), PM2.5 (haze), and dust (what the PM10 is).</summary>
public static class AirQualityQuery
{
    public const string Hourly = "pm10,pm2_5,dust";
    public const string Timezone = "Asia/Shanghai";

    public static readonly IReadOnlyList<string> Fields = Hourly.Split(',');
}

/// <summary>Refit's generated client wants a serializer context; the API has no request body, the mapper reads responses itself.</summary>
[System.Text.Json.Serialization.JsonSerializable(typeof(string))]
internal sealed partial class OpenMeteoAirQualityJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
