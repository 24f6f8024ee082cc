using Refit;

namespace ClimateWarn.Server.Ingest.OpenMeteoEnsemble;

/// <summary>
/// Open-Meteo's ensemble endpoint (DOMAIN §6): every member of one ensemble model, each variable once per member
/// (<c>temperature_2m</c> the control, <c>temperature_2m_member01</c>…). Several coordinates answer with an array. The raw
/// response is returned, as the other Open-Meteo clients do.
/// </summary>
public interface IOpenMeteoEnsembleApi
{
    [Get("/v1/ensemble")]
    Task<HttpResponseMessage> GetEnsembleAsync(
        [AliasAs("latitude")] string latitude,
        [AliasAs("longitude")] string longitude,
        [AliasAs("hourly")] string hourly,
        [AliasAs("models")] string models,
        [AliasAs("timezone")] string timezone,
        [AliasAs("wind_speed_unit")] string windSpeedUnit,
        [AliasAs("past_days")] int pastDays,
        [AliasAs("forecast_days")] int forecastDays,
        CancellationToken cancellationToken);
}

/// <summary>Refit's generated client wants a serializer context; the API has no request body.</summary>
[System.Text.Json.Serialization.JsonSerializable(typeof(string))]
internal sealed partial class OpenMeteoEnsembleJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
