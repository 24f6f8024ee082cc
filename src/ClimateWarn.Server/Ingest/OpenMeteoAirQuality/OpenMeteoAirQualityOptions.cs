using System.ComponentModel.DataAnnotations;
using ClimateWarn.Server.Configuration;

namespace ClimateWarn.Server.Ingest.OpenMeteoAirQuality;

public sealed class OpenMeteoAirQualityOptions
{
    public const string Section = "OpenMeteoAirQuality";

    /// <summary>Off: the sandstorm rule falls back to its wind-and-dry-air proxy, and haze has only its visibility/RH alternative.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The air-quality API's base address (a keyed or self-hosted instance in production).</summary>
    [Required]
    [Url]
    public string BaseUrl { get; set; } = "https://air-quality-api.open-meteo.com";

    /// <summary>Recent past days asked with each call (the rules look back 72 h).</summary>
    [Range(0, 92)]
    public int PastDays { get; set; } = 2;

    /// <summary>Days ahead; CAMS forecasts about five.</summary>
    [Range(1, 7)]
    public int ForecastDays { get; set; } = 3;

    /// <summary>Quartz cron in Asia/Shanghai; the default runs hourly at :02, before the forecast at :05.</summary>
    [Required]
    [Cron]
    public string Cron { get; set; } = "0 2 * * * ?";

    public bool RunAtStartup { get; set; } = true;
}
