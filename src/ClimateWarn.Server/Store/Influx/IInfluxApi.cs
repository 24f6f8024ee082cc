using Refit;

namespace ClimateWarn.Server.Store.Influx;

/// <summary>The v1 HTTP API every InfluxDB line serves (DOMAIN §7). Raw responses: the store reads status codes and
/// the JSON error bodies itself. Credentials travel as a Basic header set on the client, never in the URL.</summary>
public interface IInfluxApi
{
    [Post("/write")]
    Task<HttpResponseMessage> WriteAsync(
        [AliasAs("db")] string database,
        [AliasAs("rp")] string retentionPolicy,
        [AliasAs("precision")] string precision,
        [Body] HttpContent body,
        CancellationToken cancellationToken);

    /// <summary>InfluxQL in a form body (POST works for reads and schema changes alike).</summary>
    [Post("/query")]
    Task<HttpResponseMessage> QueryAsync(
        [AliasAs("db")] string database,
        [AliasAs("epoch")] string epoch,
        [Body(BodySerializationMethod.UrlEncoded)] Dictionary<string, string> form,
        CancellationToken cancellationToken);

    [Get("/ping")]
    Task<HttpResponseMessage> PingAsync(CancellationToken cancellationToken);
}

[System.Text.Json.Serialization.JsonSerializable(typeof(string))]
internal sealed partial class InfluxJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
