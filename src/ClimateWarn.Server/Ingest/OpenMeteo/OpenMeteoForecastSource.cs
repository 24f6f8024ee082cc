using System.Globalization;
using System.Net;
using System.Text.Json;
using ClimateWarn.Core.Places;
using Microsoft.Extensions.Options;

namespace ClimateWarn.Server.Ingest.OpenMeteo;

/// <summary>One call per district for all its grid cells (comma-separated coordinates answer with an array).</summary>
public sealed class OpenMeteoForecastSource(IOpenMeteoApi api, IOptions<OpenMeteoOptions> options) : IForecastSource
{
    public string Name => OpenMeteoMapper.SourceName;

    public async Task<SourceBatch> FetchAsync(District district, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(district);
        var query = new ForecastQuery(
            string.Join(',', district.Cells.Select(c => c.Point.Lat.ToString("0.####", CultureInfo.InvariantCulture))),
            string.Join(',', district.Cells.Select(c => c.Point.Lon.ToString("0.####", CultureInfo.InvariantCulture))),
            options.Value.PastDays,
            options.Value.ForecastDays);

        HttpResponseMessage response;
        try
        {
            response = await api.GetForecastAsync(query.Latitude, query.Longitude, ForecastQuery.Hourly, ForecastQuery.Daily,
                ForecastQuery.Timezone, ForecastQuery.WindSpeedUnit, query.PastDays, query.ForecastDays, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or Refit.ApiRequestException or TimeoutException or Polly.Timeout.TimeoutRejectedException
                                   || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new SourceException(Name, $"unreachable for {district.Code}: {ex.Message}", transient: true, ex);
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
                throw new SourceException(Name, $"HTTP {(int)response.StatusCode} for {district.Code} with malformed JSON: {ex.Message}",
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
                    throw new SourceException(Name, $"HTTP {(int)response.StatusCode} for {district.Code}: {reason}", transient);
                }

                return OpenMeteoMapper.Map(document.RootElement, district.Cells, now);
            }
        }
    }
}
