using System.ComponentModel.DataAnnotations;
using ClimateWarn.Server.Configuration;

namespace ClimateWarn.Server.Ingest.OpenMeteo;

public sealed class OpenMeteoOptions
{
    public const string Section = "OpenMeteo";

    /// <summary>The forecast API's base address; a bureau in production points it at a keyed or self-hosted instance.</summary>
    [Required]
    [Url]
    public string BaseUrl { get; set; } = "https://api.open-meteo.com";

    /// <summary>Recent past days requested with each forecast; they stand in for observations until station feeds arrive.</summary>
    [Range(0, 92)]
    public int PastDays { get; set; } = 2;

    [Range(1, 16)]
    public int ForecastDays { get; set; } = 3;

    /// <summary>Quartz cron in Asia/Shanghai for IngestForecastJob; the default runs hourly at :05.</summary>
    [Required]
    [Cron]
    public string Cron { get; set; } = "0 5 * * * ?";

    /// <summary>
    /// The model whose forecast drives the rules and so the automatic warnings: "best_match" (Open-Meteo's blend, the
    /// default), a model the forecast API names ("ecmwf_ifs025", "cma_grapes_global"…), or "auto": the model the skill
    /// table verifies best (highest CSI over its lead-day-0 pairs, at least 100 of them), best_match until one qualifies.
    /// </summary>
    [Required]
    [RegularExpression("^[a-z0-9_]+$", ErrorMessage = "must be best_match, auto or a model name of lower-case letters, digits and '_'")]
    public string Model { get; set; } = "best_match";

    /// <summary>Also run once right after start-up, so a fresh server has data within a minute.</summary>
    public bool RunAtStartup { get; set; } = true;
}
