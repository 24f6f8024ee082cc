using Refit;

namespace ClimateWarn.Server.Ingest.OpenMeteoArchive;

/// <summary>
/// Open-Meteo's historical-weather endpoint (ERA5 reanalysis, 1940 on; DOMAIN §6). The raw response is returned, as
/// the forecast client does: the shared reader tells an error body {"error": true, "reason": …} from data.
/// </summary>
public interface IOpenMeteoArchiveApi
{
    [Get("/v1/archive")]
    Task<HttpResponseMessage> GetArchiveAsync(
        [AliasAs("latitude")] string latitude,
        [AliasAs("longitude")] string longitude,
        [AliasAs("start_date")] string startDate,
        [AliasAs("end_date")] string endDate,
        [AliasAs("daily")] string daily,
        [AliasAs("timezone")] string timezone,
        CancellationToken cancellationToken);
}

/// <summary>What the drought indices need, per day: the station importers' field names, plus FAO-56 reference evapotranspiration.</summary>
public static class ArchiveQuery
{
    public const string Daily = "precipitation_sum,temperature_2m_max,temperature_2m_min,et0_fao_evapotranspiration";
    public const string Timezone = "Asia/Shanghai";

    public static readonly IReadOnlyList<string> Fields = Daily.Split(',');
}

/// <summary>Refit's generated client wants a serializer context; the API has no request body, the mapper reads responses itself.</summary>
[System.Text.Json.Serialization.JsonSerializable(typeof(string))]
internal sealed partial class OpenMeteoArchiveJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
