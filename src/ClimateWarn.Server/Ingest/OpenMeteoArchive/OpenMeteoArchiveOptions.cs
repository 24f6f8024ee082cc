using System.ComponentModel.DataAnnotations;
using ClimateWarn.Server.Configuration;

namespace ClimateWarn.Server.Ingest.OpenMeteoArchive;

public sealed class OpenMeteoArchiveOptions
{
    public const string Section = "OpenMeteoArchive";

    /// <summary>Off: no archive source (a bureau with its own station history imports it instead).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The archive API's base address; a bureau in production points it at a keyed or self-hosted instance.</summary>
    [Required]
    [Url]
    public string BaseUrl { get; set; } = "https://archive-api.open-meteo.com";

    /// <summary>Years of daily history to hold; 0 takes config/indices.json historyYears (what the SPI calibration needs).</summary>
    [Range(0, 86)]
    public int HistoryYears { get; set; }

    /// <summary>Years asked for in one call while backfilling.</summary>
    [Range(1, 20)]
    public int ChunkYears { get; set; } = 10;

    /// <summary>Recent days asked for on every run (ERA5 arrives about five days late, so the last days fill in later).</summary>
    [Range(1, 92)]
    public int RecentDays { get; set; } = 14;

    /// <summary>Quartz cron in Asia/Shanghai; the default runs daily at 06:15, before the indices' 08:30 update.</summary>
    [Required]
    [Cron]
    public string Cron { get; set; } = "0 15 6 * * ?";

    /// <summary>Also run once right after start-up: the first run backfills the whole history.</summary>
    public bool RunAtStartup { get; set; } = true;
}
