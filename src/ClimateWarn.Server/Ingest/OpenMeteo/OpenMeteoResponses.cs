using System.Net;
using System.Text.Json;

namespace ClimateWarn.Server.Ingest.OpenMeteo;

/// <summary>
/// How every Open-Meteo API answers (DOMAIN §6), read once for the forecast and the archive sources: an unreachable host
/// or a 429/5xx is transient, an error body {"error": true, "reason": …} or malformed JSON is a failure naming the reason,
/// and only a well-formed success reaches the mapper.
/// </summary>
public static class OpenMeteoResponses
{
    /// <param name="source">The source's name, for the failure's message.</param>
    /// <param name="what">What was asked ("<district code>", "<district code> 1991-01-01…2000-12-31"), for the failure's message.</param>
    public static async Task<T> ReadAsync<T>(string source, string what, Func<Task<HttpResponseMessage>> call, Func<JsonElement, T> map,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(map);
        HttpResponseMessage response;
        try
        {
            response = await call();
        }
        catch (Exception ex) when (ex is HttpRequestException or Refit.ApiRequestException or TimeoutException or Polly.Timeout.TimeoutRejectedException
                                   || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new SourceException(source, $"unreachable for {what}: {ex.Message}", transient: true, ex);
        }

        using (response)
        {
            var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            JsonDocument document;
            try
            {
                document = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
            }
            catch (JsonException ex)
            {
                throw new SourceException(source, $"HTTP {(int)response.StatusCode} for {what} with malformed JSON: {ex.Message}",
                    transient: !response.IsSuccessStatusCode, ex);
            }

            using (document)
            {
                if (!response.IsSuccessStatusCode)
                {
                    var reason = document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("reason", out var r)
                        ? r.ToString()
                        : $"HTTP {(int)response.StatusCode}";
                    var transient = response.StatusCode is HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500;
                    throw new SourceException(source, $"HTTP {(int)response.StatusCode} for {what}: {reason}", transient);
                }

                return map(document.RootElement);
            }
        }
    }
}
